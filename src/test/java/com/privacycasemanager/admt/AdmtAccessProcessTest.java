package com.privacycasemanager.admt;

import static com.privacycasemanager.request.RequestType.ADMT_ACCESS;
import static com.privacycasemanager.support.Requests.request;
import static com.privacycasemanager.support.Staff.OFFICER;
import static com.privacycasemanager.support.Staff.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.DenialReason;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.support.CaseScenario;
import com.privacycasemanager.support.ProcessTestSupport;
import com.privacycasemanager.support.Requests;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The request to access ADMT: every path of {@code admt-access}, with the 45- and 90-day due dates,
 * the unverified requester told so, a trade secret withheld with its basis, the aggregate answer
 * above four uses in 12 months and the listed one at four or fewer.
 */
class AdmtAccessProcessTest extends ProcessTestSupport {

  static final String KEY = ProcessKeys.ADMT_ACCESS;
  static final String CLOCK = ProcessKeys.RESPONSE_CLOCK;
  static final String VERIFY = ProcessKeys.VERIFY_IDENTITY;

  /** Friday 2026-11-20, 10:00 in California; the demo shop's decisions end 2026-11-01. */
  static final Instant RECEIVED = californiaTime("2026-11-20T10:00");
  /** Day 45 (the receipt day is day 1): Sunday 2027-01-03, 23:59:59 PST. */
  static final Instant DUE = Instant.parse("2027-01-04T07:59:59Z");
  /** Day 90: Thursday 2027-02-17, 23:59:59 PST. */
  static final Instant EXTENDED_DUE = Instant.parse("2027-02-18T07:59:59Z");

  @Autowired CaseRepository cases;
  @Autowired AdmtAnswerRepository answers;
  @Autowired RuntimeService runtime;
  @Autowired ConnectedSystems systems;
  @Autowired DemoBusiness demo;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aVerifiedRequestIsReviewedWithATradeSecretWithheldAndAnsweredInAggregate() throws Exception {
    CaseScenario access = received(RECEIVED, verifiable(1)).acknowledge();
    CaseRecord record = cases.get(access.id());
    assertThat(record.dueAt()).isEqualTo(DUE);
    assertThat(access.dueDate(CLOCK, "Event_ResponseDue")).isEqualTo(DUE);
    access.confirmEmail();
    access.then(VERIFY).isEnded();
    assertThat(access.variable(KEY, "verificationLevel")).isEqualTo("HIGH");

    access.runAsyncSteps();
    access.then(KEY).hasPassed("Task_ChooseAnswer", "Task_PrepareAnswer").isWaitingAt("Task_ReviewAdmtAnswer");
    assertThat(access.task(KEY, "Task_ReviewAdmtAnswer")).hasCandidateGroup("privacy-reviewers");
    assertThat(cases.get(access.id()).status()).isEqualTo(CaseStatus.IN_REVIEW);
    String summary = (String) access.variable(KEY, "reviewSummary");
    assertThat(summary)
        .contains("Pay-later financing eligibility (pay-later): 6 outputs, 6 in the 12 months before receipt")
        .contains("in aggregate (§7222(j))")
        .contains("model_version")
        .doesNotContain("alex.rivera");

    // what cannot be withheld is refused at completion, and the task stays open
    assertThatThrownBy(() -> access.complete(REVIEWER, KEY, "Task_ReviewAdmtAnswer", "approved", true,
        "withholdColumns", "purpose", "withholdGround", "TRADE_SECRET", "withholdBasis", "x", "reviewNote", "ok"))
        .hasMessageContaining("'purpose' is not an output column");
    assertThatThrownBy(() -> access.complete(REVIEWER, KEY, "Task_ReviewAdmtAnswer", "approved", true,
        "withholdColumns", "model_version", "withholdGround", "TRADE_SECRET", "withholdBasis", " ", "reviewNote", "ok"))
        .hasMessageContaining("Give the basis");
    assertThatThrownBy(() -> access.complete(REVIEWER, KEY, "Task_ReviewAdmtAnswer", "approved", true,
        "withholdColumns", "model_version", "withholdGround", "NONE", "withholdBasis", "b", "reviewNote", "ok"))
        .hasMessageContaining("Choose why");
    access.then(KEY).isWaitingAt("Task_ReviewAdmtAnswer");

    access.complete(REVIEWER, KEY, "Task_ReviewAdmtAnswer", "approved", true,
        "withholdColumns", "model_version", "withholdGround", "TRADE_SECRET",
        "withholdBasis", "Which model version scored you would reveal our release schedule to competitors.",
        "reviewNote", "Released with the model version withheld");
    mail.purgeEmailFromAllMailboxes();
    access.runAsyncSteps();
    access.then(KEY).isEnded().hasPassed("Task_BuildAnswer", "Task_SendAnswerReady", "Task_CloseAnswered", "Event_Answered");

    MimeMessage ready = onlyMessage();
    assertThat(ready.getSubject()).isEqualTo("How we used automated decisionmaking about you: your answer is ready (" + access.id().value() + ")");
    assertThat((String) ready.getContent()).contains("/privacy/requests/" + access.id().value() + "/admt-answer?token=")
        .contains("/privacy#rights");

    AdmtAnswer answer = answers.find(access.id()).orElseThrow();
    assertThat(answer.uses()).extracting(AdmtExplanation::useId).containsExactly("pay-later", "credit-limit", "credit-line");
    AdmtExplanation payLater = answer.uses().get(0);
    assertThat(payLater.purpose()).contains("four instalments");
    assertThat(payLater.logic().parameters()).isNotEmpty();
    assertThat(payLater.outcome().outputUse()).contains("applied at checkout");
    assertThat(payLater.outputs().aggregated()).isTrue();
    assertThat(payLater.outputs().aggregate().decisions()).isEqualTo(6);
    assertThat(payLater.outputs().aggregate().column("outcome")).isPresent();
    assertThat(payLater.outputs().aggregate().column("model_version")).as("withheld").isEmpty();
    assertThat(payLater.outputs().listed()).as("all six are in the period").isEmpty();
    assertThat(payLater.withheld()).singleElement().satisfies(w -> {
      assertThat(w.column()).isEqualTo("model_version");
      assertThat(w.basis()).contains("release schedule");
    });
    assertThat(answer.nonRetaliation()).contains("We will not retaliate");
    assertThat(answer.rightsUrl()).endsWith("/privacy#rights");

    CaseRecord closed = cases.get(access.id());
    assertThat(closed.outcome()).isEqualTo(Outcome.PARTIAL);
    assertThat(closed.denialBasis()).contains("model_version").contains("trade secret").contains("release schedule");
    assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(access.instance(KEY).getId()).list()).isEmpty();
  }

  @Test
  void aConsumerScoredFourTimesOrFewerInTheTwelveMonthsSeesEachOutput() {
    long customer = customerWithFewDecisions();
    CaseScenario access = received(RECEIVED, verifiable(customer)).acknowledge().confirmEmail();
    access.runAsyncSteps();
    access.complete(REVIEWER, KEY, "Task_ReviewAdmtAnswer", "approved", true, "reviewNote", "ok");
    access.runAsyncSteps();

    AdmtExplanation payLater = answers.find(access.id()).orElseThrow().uses().get(0);
    int inPeriod = payLater.outputs().inPeriod();
    assertThat(inPeriod).isBetween(1, 4);
    assertThat(payLater.outputs().aggregated()).isFalse();
    assertThat(payLater.outputs().listed()).hasSize(payLater.outputs().total());
    assertThat(payLater.outputs().shown()).contains("pay-later eligibility score", "version of the scoring model");
    assertThat(payLater.withheld()).isEmpty();
    assertThat(cases.get(access.id()).outcome()).isEqualTo(Outcome.FULFILLED);
  }

  @Test
  void aRequesterWhoIsNotVerifiedIsToldSoAndNothingIsReviewed() throws Exception {
    CaseScenario access = received(RECEIVED, request(ADMT_ACCESS).from("not.verified@example.com", "Nora Verified")).acknowledge();
    access.sendConfirmationLink();
    access.fireTimer(VERIFY, "Event_WindowClosed");
    mail.purgeEmailFromAllMailboxes();
    access.runAsyncSteps();

    access.then(KEY).isEnded().hasPassed("Task_SendUnverified", "Task_CloseUnverified", "Event_DeniedUnverified")
        .hasNotPassed("Task_PrepareAnswer", "Task_ReviewAdmtAnswer");
    MimeMessage told = onlyMessage();
    assertThat((String) told.getContent()).contains("We could not verify that your request to access information about our"
        + " automated decisionmaking");
    CaseRecord closed = cases.get(access.id());
    assertThat(closed.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(jdbc.queryForObject("select denial_reason from privacy_case where request_id = ?", String.class, access.id().value()))
        .isEqualTo(DenialReason.UNVERIFIED.name());
    assertThat(answers.exists(access.id())).isFalse();
  }

  @Test
  void aReasonableDegreeIsNotEnoughToShowTheOutputsAndTheRequesterIsToldWhy() throws Exception {
    DemoBusiness.DemoConsumer alex = demo.consumer(systems, 1);
    CaseScenario access = received(RECEIVED, request(ADMT_ACCESS).from(alex.email(), alex.name())
        .dataPoint("postalCode", alex.dataPoints().get("postalCode"))).acknowledge().confirmEmail();
    assertThat(access.variable(KEY, "verificationLevel")).isEqualTo("REASONABLE");
    mail.purgeEmailFromAllMailboxes();
    access.runAsyncSteps();
    access.then(KEY).isEnded().hasPassed("Event_DeniedUnverified");
    assertThat((String) onlyMessage().getContent()).contains("came from you to the").contains("degree it needs.")
        .contains("three details that match what we hold and your signed declaration").doesNotContain("was not confirmed");
  }

  @Test
  void aReviewerDenialIsToldWithItsReason() throws Exception {
    CaseScenario access = received(RECEIVED, verifiable(1)).acknowledge().confirmEmail();
    access.runAsyncSteps();
    access.complete(REVIEWER, KEY, "Task_ReviewAdmtAnswer", "approved", false, "reviewNote",
        "The same answer was sent to you on November 2; ask again after a new decision.");
    mail.purgeEmailFromAllMailboxes();
    access.runAsyncSteps();
    access.then(KEY).isEnded().hasPassed("Task_SendDenied", "Task_CloseDenied", "Event_Denied");
    assertThat((String) onlyMessage().getContent()).contains("ask again after a new decision");
    CaseRecord closed = cases.get(access.id());
    assertThat(closed.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(jdbc.queryForObject("select denial_reason from privacy_case where request_id = ?", String.class, access.id().value()))
        .isEqualTo(DenialReason.OTHER.name());
  }

  @Test
  void anOfficerExtendsTheClockToDayNinetyAndTheAnswerStillComes() {
    CaseScenario access = received(RECEIVED, verifiable(1)).acknowledge().confirmEmail();
    access.fireTimer(CLOCK, "Event_Day30").runMailStep(CLOCK);
    access.complete(OFFICER, CLOCK, "Task_DecideExtension", "extend", true, "extensionReason",
        "The scoring vendor must send the older outputs.");
    access.runAsyncSteps();
    assertThat(access.dueDate(CLOCK, "Event_ResponseDue")).isEqualTo(EXTENDED_DUE);
    assertThat(cases.extendedDue(access.id())).contains(EXTENDED_DUE);

    access.complete(REVIEWER, KEY, "Task_ReviewAdmtAnswer", "approved", true, "reviewNote", "ok");
    access.runAsyncSteps();
    access.then(KEY).isEnded().hasPassed("Event_Answered");
    assertThat(cases.get(access.id()).outcome()).isEqualTo(Outcome.FULFILLED);
  }

  @Test
  void anOverdueAnswerIsEscalatedToOfficersAndTheCaseStillWaitsForItsReview() {
    CaseScenario request = received(RECEIVED, verifiable(1)).acknowledge().confirmEmail();
    request.runAsyncSteps();
    request.fireTimer(CLOCK, "Event_Day30").runMailStep(CLOCK);
    request.complete(OFFICER, CLOCK, "Task_DecideExtension", "extend", false);
    request.fireTimer(CLOCK, "Event_Day40").runMailStep(CLOCK);
    request.clockAt(DUE.plusSeconds(1)).fireTimer(CLOCK, "Event_ResponseDue");
    assertThat(request.task(CLOCK, "Task_EscalateOverdue")).hasCandidateGroup("privacy-officers");
    request.complete(OFFICER, CLOCK, "Task_EscalateOverdue", "approved", true, "reviewNote", "Chased the reviewers.");

    request.then(KEY).hasPassed("Event_ClockEnded").isWaitingAt("Task_ReviewAdmtAnswer");
    assertThat(cases.events(request.id())).anyMatch(e -> e.kind().equals("OVERDUE"));
  }

  // ------------------------------------------------------------------ helpers

  /** A request by demo customer {@code id} with the evidence a reasonably high degree needs. */
  private Requests verifiable(long id) {
    DemoBusiness.DemoConsumer c = demo.consumer(systems, id);
    return request(ADMT_ACCESS).from(c.email(), c.name())
        .dataPoint("name", c.name()).dataPoint("postalCode", c.dataPoints().get("postalCode"))
        .dataPoint("street", c.dataPoints().get("street")).declared();
  }

  /** A demo customer (past the ones other tests change) with one to four pay-later decisions, all in the 12 months. */
  private long customerWithFewDecisions() {
    JdbcTemplate shop = new JdbcTemplate(systems.dataSource("shop"));
    return shop.queryForObject("select min(customer_id) from (select customer_id from financing_decisions where customer_id > 30"
        + " group by customer_id having count(*) between 1 and 4 and min(decided_at) > timestamp '2025-11-21 00:00:00') f", Long.class);
  }

  private MimeMessage onlyMessage() {
    assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).as(Arrays.toString(received)).hasSize(1);
    return received[0];
  }

}
