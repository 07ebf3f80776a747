package com.privacycasemanager.admt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.privacycasemanager.request.RequestType.ADMT_APPEAL;
import static com.privacycasemanager.support.Requests.request;
import static com.privacycasemanager.support.Staff.OFFICER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.support.CaseScenario;
import com.privacycasemanager.support.ProcessTestSupport;
import com.privacycasemanager.support.Requests;
import com.privacycasemanager.support.Staff;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The appeal of an ADMT decision (§7221(b)(1)): every path of {@code admt-appeal}, with the 45-
 * and 90-day due dates, the use's own reviewers, upheld and overturned, written back and handed
 * to the business by webhook, and the unverified requester told so.
 */
class AdmtAppealProcessTest extends ProcessTestSupport {

  static final String KEY = ProcessKeys.ADMT_APPEAL;
  static final String CLOCK = ProcessKeys.RESPONSE_CLOCK;
  static final String VERIFY = ProcessKeys.VERIFY_IDENTITY;
  static final Staff CREDIT = new Staff("credit", "credit-reviewers");
  static final String STATEMENT = "My line was lowered although I paid every order on time since 2024.";

  static final Instant RECEIVED = californiaTime("2026-11-20T10:00");
  static final Instant DUE = Instant.parse("2027-01-04T07:59:59Z");
  static final Instant EXTENDED_DUE = Instant.parse("2027-02-18T07:59:59Z");

  @Autowired CaseRepository cases;
  @Autowired AdmtAppealRepository appeals;
  @Autowired ConnectedSystems systems;
  @Autowired DemoBusiness demo;
  @Autowired HistoryService history;
  @Autowired org.springframework.boot.test.web.client.TestRestTemplate http;
  @Autowired com.privacycasemanager.request.Secrets secrets;

  @Test
  void anOverturnedDecisionIsWrittenBackHandedToTheBusinessAndTheConsumerReadsWhy() throws Exception {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    long decision = oldestReviewOf(1);
    CaseScenario appeal = received(RECEIVED, fromAlex().appeal("credit-line", String.valueOf(decision), STATEMENT)).acknowledge();
    CaseRecord record = cases.get(appeal.id());
    assertThat(record.dueAt()).isEqualTo(DUE);
    assertThat(appeal.dueDate(CLOCK, "Event_ResponseDue")).isEqualTo(DUE);
    appeal.then(VERIFY).isEnded().hasPassed("Event_VerifiedByDataPoints");

    appeal.runAsyncSteps();
    appeal.then(KEY).hasPassed("Task_ChooseAnswer", "Task_PrepareAppeal").isWaitingAt("Task_ReviewAppeal");
    assertThat(appeal.task(KEY, "Task_ReviewAppeal")).hasCandidateGroup("credit-reviewers");
    assertThat(cases.get(appeal.id()).status()).isEqualTo(CaseStatus.IN_REVIEW);
    assertThat(appeal.variable(KEY, "useName")).isEqualTo("Pay-later credit line review");
    assertThat(appeal.variable(KEY, "decisionFound")).isEqualTo("yes");
    assertThat(appeals.find(appeal.id()).orElseThrow().decisionKey()).isEqualTo(String.valueOf(decision));

    // an outcome without a choice or without reasons is refused, the task stays open
    assertThatThrownBy(() -> appeal.complete(CREDIT, KEY, "Task_ReviewAppeal", "appealReasons", "x"))
        .hasMessageContaining("Choose the outcome");
    assertThatThrownBy(() -> appeal.complete(CREDIT, KEY, "Task_ReviewAppeal", "appealOutcome", "OVERTURNED", "appealReasons", " "))
        .hasMessageContaining("Give the reasons");
    appeal.then(KEY).isWaitingAt("Task_ReviewAppeal");

    appeal.complete(CREDIT, KEY, "Task_ReviewAppeal", "appealOutcome", "OVERTURNED",
        "appealReasons", "Your on-time payments outweigh the returns the model counted; your line is restored to $800.");
    appeal.then(KEY).hasPassed("Task_RecordOutcome").isWaitingAt("CallActivity_NotifyRecipients");
    assertThat(shop().queryForObject("select appeal_outcome from credit_line_reviews where id = ?", String.class, decision))
        .isEqualTo("OVERTURNED");
    assertThat(shop().queryForObject("select count(*) from credit_line_reviews where customer_id = 1 and id <> ? and appeal_outcome is not null",
        Integer.class, decision)).isZero();

    mail.purgeEmailFromAllMailboxes();
    appeal.runAsyncSteps();
    recipients.verify(exactly(1), postRequestedFor(urlPathEqualTo("/hooks/crm"))
        .withRequestBody(containing("\"instructions\":[\"APPLY_APPEAL_OUTCOME\"]"))
        .withRequestBody(containing("\"outcome\":\"OVERTURNED\""))
        .withRequestBody(containing("\"decision\":\"" + decision + "\"")));
    recipients.verify(exactly(0), postRequestedFor(urlPathEqualTo("/hooks/ad-network")));
    appeal.then(KEY).isEnded().hasPassed("Task_SendOutcome", "Task_CloseDecided", "Event_Decided");
    MimeMessage told = onlyMessage();
    assertThat((String) told.getContent()).contains("The outcome: we changed the decision (Pay-later credit line review).")
        .contains("your line is restored to $800").contains("/privacy#rights");

    assertThat(http.getForObject("/privacy/requests/" + appeal.id().value() + "?token=" + secrets.statusToken(appeal.id()), String.class))
        .contains("The outcome of your appeal").contains("We changed the decision (Pay-later credit line review).")
        .contains("your line is restored to $800");
    AdmtAppealRepository.Appeal kept = appeals.find(appeal.id()).orElseThrow();
    assertThat(kept.outcome()).isEqualTo("OVERTURNED");
    assertThat(kept.decidedBy()).isEqualTo("credit");
    assertThat(kept.writtenBack()).isTrue();
    assertThat(cases.get(appeal.id()).outcome()).isEqualTo(Outcome.FULFILLED);
    // the consumer's words stay in the case record, out of the engine
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(appeal.instance(KEY).getId()).list())
        .noneMatch(v -> String.valueOf(v.getValue()).contains("on time since 2024"))
        .extracting(v -> v.getName()).doesNotContain("statement", "appealStatement");
  }

  @Test
  void anAppealOfTheLatestDecisionIsUpheld() throws Exception {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    long latest = latestReviewOf(1);
    CaseScenario appeal = received(RECEIVED, fromAlex().appeal("credit-line", null, STATEMENT)).acknowledge();
    appeal.runAsyncSteps();
    assertThat(appeal.variable(KEY, "decisionFound")).isEqualTo("yes (the latest; the consumer named none)");
    appeal.complete(CREDIT, KEY, "Task_ReviewAppeal", "appealOutcome", "UPHELD",
        "appealReasons", "Three orders were returned this quarter; the lower line stands.");
    mail.purgeEmailFromAllMailboxes();
    appeal.runAsyncSteps();
    appeal.then(KEY).isEnded().hasPassed("Event_Decided");
    assertThat(shop().queryForObject("select appeal_outcome from credit_line_reviews where id = ?", String.class, latest)).isEqualTo("UPHELD");
    assertThat((String) onlyMessage().getContent()).contains("The outcome: the decision stands").contains("the lower line stands");
  }

  @Test
  void aDecisionNotAmongTheConsumersOutputsIsStillReviewedAndNothingIsWrittenBack() throws Exception {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    java.util.List<String> before = outcomesOf(1);
    CaseScenario appeal = received(RECEIVED, fromAlex().appeal("credit-line", "999999", STATEMENT)).acknowledge();
    appeal.runAsyncSteps();
    assertThat((String) appeal.variable(KEY, "decisionFound")).startsWith("no: no output of this use");
    appeal.complete(CREDIT, KEY, "Task_ReviewAppeal", "appealOutcome", "UPHELD", "appealReasons", "We found no review with that number.");
    appeal.runAsyncSteps();
    appeal.then(KEY).isEnded();
    assertThat(appeals.find(appeal.id()).orElseThrow().writtenBack()).isFalse();
    assertThat(outcomesOf(1)).as("no review of the consumer changed").isEqualTo(before);
  }

  @Test
  void anUnverifiedAppellantIsToldSoAndNothingIsReviewed() throws Exception {
    CaseScenario appeal = received(RECEIVED, request(ADMT_APPEAL).from("no.match@example.com", "Nomatch Person")
        .appeal("credit-line", null, STATEMENT)).acknowledge();
    appeal.sendConfirmationLink();
    appeal.fireTimer(VERIFY, "Event_WindowClosed");
    mail.purgeEmailFromAllMailboxes();
    appeal.runAsyncSteps();
    appeal.then(KEY).isEnded().hasPassed("Task_SendUnverified", "Event_DeniedUnverified").hasNotPassed("Task_ReviewAppeal");
    assertThat((String) onlyMessage().getContent()).contains("We could not verify that your appeal of an automated decision");
    assertThat(cases.get(appeal.id()).outcome()).isEqualTo(Outcome.DENIED);
    assertThat(appeals.find(appeal.id()).orElseThrow().decided()).isFalse();
  }

  @Test
  void anOfficerExtendsTheAppealToDayNinety() {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    CaseScenario appeal = received(RECEIVED, fromAlex().appeal("credit-line", null, STATEMENT)).acknowledge();
    appeal.fireTimer(CLOCK, "Event_Day30").runMailStep(CLOCK);
    appeal.complete(OFFICER, CLOCK, "Task_DecideExtension", "extend", true, "extensionReason", "The credit team needs the card processor's records.");
    appeal.runAsyncSteps();
    assertThat(appeal.dueDate(CLOCK, "Event_ResponseDue")).isEqualTo(EXTENDED_DUE);
    appeal.complete(CREDIT, KEY, "Task_ReviewAppeal", "appealOutcome", "UPHELD", "appealReasons", "The line stands.");
    appeal.runAsyncSteps();
    appeal.then(KEY).isEnded().hasPassed("Event_Decided");
  }

  @Test
  void anOverdueAnswerIsEscalatedToOfficersAndTheCaseStillWaitsForItsReview() {
    CaseScenario request = received(RECEIVED, fromAlex().appeal("credit-line", null, STATEMENT)).acknowledge();
    request.runAsyncSteps();
    request.fireTimer(CLOCK, "Event_Day30").runMailStep(CLOCK);
    request.complete(OFFICER, CLOCK, "Task_DecideExtension", "extend", false);
    request.fireTimer(CLOCK, "Event_Day40").runMailStep(CLOCK);
    request.clockAt(DUE.plusSeconds(1)).fireTimer(CLOCK, "Event_ResponseDue");
    assertThat(request.task(CLOCK, "Task_EscalateOverdue")).hasCandidateGroup("privacy-officers");
    request.complete(OFFICER, CLOCK, "Task_EscalateOverdue", "approved", true, "reviewNote", "Chased the reviewers.");

    request.then(KEY).hasPassed("Event_ClockEnded").isWaitingAt("Task_ReviewAppeal");
    assertThat(cases.events(request.id())).anyMatch(e -> e.kind().equals("OVERDUE"));
  }

  private Requests fromAlex() {
    DemoBusiness.DemoConsumer alex = demo.consumer(systems, 1);
    return request(ADMT_APPEAL).from(alex.email(), alex.name())
        .dataPoint("postalCode", alex.dataPoints().get("postalCode")).dataPoint("street", alex.dataPoints().get("street"));
  }

  private JdbcTemplate shop() {
    return new JdbcTemplate(systems.dataSource("shop"));
  }

  private java.util.List<String> outcomesOf(long customer) {
    return shop().queryForList("select id || ':' || coalesce(appeal_outcome, '-') from credit_line_reviews where customer_id = ? order by id",
        String.class, customer);
  }

  private long oldestReviewOf(long customer) {
    return shop().queryForObject("select id from credit_line_reviews where customer_id = ? order by reviewed_at limit 1", Long.class, customer);
  }

  private long latestReviewOf(long customer) {
    return shop().queryForObject("select id from credit_line_reviews where customer_id = ? order by reviewed_at desc limit 1", Long.class, customer);
  }

  private MimeMessage onlyMessage() {
    assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(1);
    return received[0];
  }
}
