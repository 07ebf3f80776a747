package com.privacycasemanager.preference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.privacycasemanager.request.RequestType.OPT_OUT_ALL;
import static com.privacycasemanager.request.RequestType.OPT_OUT_SALE;
import static com.privacycasemanager.request.RequestType.OPT_OUT_SHARING;
import static com.privacycasemanager.support.Requests.request;
import static com.privacycasemanager.support.Staff.OFFICER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.Preference;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.support.CaseScenario;
import com.privacycasemanager.support.ProcessTestSupport;
import jakarta.mail.internet.MimeMessage;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The opt-out process: every path, and the 15-business-day timer's due date. */
class OptOutProcessTest extends ProcessTestSupport {

  static final String OPT_OUT = ProcessKeys.OPT_OUT;
  static final String NOTIFY = ProcessKeys.NOTIFY_RECIPIENTS;

  /** Friday 2026-11-20, 10:00 in California: the 15 business days span two weekends and Thanksgiving. */
  static final Instant FRIDAY_BEFORE_THANKSGIVING = Instant.parse("2026-11-20T18:00:00Z");
  /** Monday 2026-12-14, 23:59:59 PST: business day 15. */
  static final Instant DUE = Instant.parse("2026-12-15T07:59:59Z");

  @Autowired CaseRepository cases;
  @Autowired PreferenceStore preferences;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Test
  void optOutOfSaleIsInEffectAtOnceAcknowledgedPropagatedAndConfirmed() throws Exception {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    CaseScenario optOut = received(FRIDAY_BEFORE_THANKSGIVING, request(OPT_OUT_SALE).from("sale.only@example.com"));

    // in effect before anything asynchronous has run
    optOut.then(OPT_OUT).hasPassed("Task_ApplyPreference").isWaitingAt("Task_SendAcknowledgement");
    assertThat(preferences.check(List.of(Identifier.email("Sale.Only@example.com"))))
        .containsEntry(Preference.SALE, false)
        .containsEntry(Preference.SHARING, true)
        .containsEntry(Preference.SENSITIVE_USE, true);
    CaseRecord record = cases.get(optOut.id());
    assertThat(record.status()).isEqualTo(CaseStatus.IN_EFFECT);
    assertThat(record.dueAt()).isEqualTo(DUE);

    optOut.acknowledge();
    MimeMessage ack = onlyMessage();
    assertThat(ack.getAllRecipients()[0].toString()).isEqualTo("sale.only@example.com");
    assertThat(ack.getSubject()).contains(optOut.id().value());
    assertThat((String) ack.getContent()).contains(optOut.id().value()).contains("/privacy/requests/" + optOut.id().value() + "?token=");
    assertThat(cases.get(optOut.id()).acknowledgedAt()).isNotNull();

    optOut.then(OPT_OUT).isWaitingAt("CallActivity_NotifyRecipients");
    assertThat(optOut.dueDate(OPT_OUT, "Event_PropagationDue")).isEqualTo(DUE);

    optOut.then(NOTIFY).isWaitingAt("Task_DeliverNotification");
    optOut.runStep(NOTIFY);
    optOut.then(NOTIFY).isEnded().hasPassed("Event_RecipientDone");

    optOut.then(OPT_OUT).isWaitingAt("Task_SendConfirmation");
    mail.purgeEmailFromAllMailboxes();
    optOut.runMailStep(OPT_OUT);
    assertThat(onlyMessage().getSubject()).contains("in effect");
    optOut.then(OPT_OUT).isEnded().hasPassed("Task_CloseCase", "Event_RequestCompleted").hasNotPassed("Task_ResolveOverduePropagation");
    CaseRecord closed = cases.get(optOut.id());
    assertThat(closed.status()).isEqualTo(CaseStatus.COMPLETED);
    assertThat(closed.outcome()).isEqualTo(Outcome.FULFILLED);
    assertThat(closed.completedAt()).isNotNull();
  }

  @Test
  void aFailureInTheStepAfterTheAcknowledgementIsRetriedWithoutSendingTheMailAgain() throws Exception {
    CaseScenario optOut = received(FRIDAY_BEFORE_THANKSGIVING, request(OPT_OUT_SALE).from("sent.once@example.com"));
    String id = optOut.id().value();
    // the step after the mail, opening ad-network's delivery record, fails while its key is taken
    jdbc.update("insert into recipient_delivery (request_id, recipient_id, delivery_key, status, attempts) values (?, ?, ?, 'PENDING', 0)",
        id, "key-holder", id + ":ad-network");

    assertThatThrownBy(optOut::runAsyncSteps).hasRootCauseInstanceOf(SQLIntegrityConstraintViolationException.class);
    jdbc.update("delete from recipient_delivery where request_id = ?", id);
    Job failed = management.createJobQuery().processInstanceId(optOut.instance(OPT_OUT).getId()).withException().singleResult();
    assertThat(failed.getRetries()).as("retried on the mail cycle").isEqualTo(4);
    execute(failed);

    optOut.then(OPT_OUT).isWaitingAt("CallActivity_NotifyRecipients");
    optOut.then(NOTIFY).isWaitingAt("Task_DeliverNotification");
    MimeMessage ack = onlyMessage();
    assertThat(ack.getSubject()).isEqualTo("We received your privacy request " + id);
    assertThat(cases.events(optOut.id())).filteredOn(e -> e.kind().equals("EMAIL_SENT")).extracting(e -> e.detail())
        .containsExactly("template=acknowledgement");
  }

  @Test
  void aRecipientSilentForFifteenBusinessDaysGivesOfficersATask() {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    CaseScenario optOut = received(FRIDAY_BEFORE_THANKSGIVING, request(OPT_OUT_SHARING).from("sharing@example.com")).acknowledge();
    // analytics (CALLBACK) never acknowledges
    deliverToEveryRecipient(optOut);
    optOut.then(NOTIFY).isWaitingAt("Task_AwaitAcknowledgement");

    optOut.clockAt(DUE.plusSeconds(1)).fireTimer(OPT_OUT, "Event_PropagationDue");

    optOut.then(OPT_OUT).isWaitingAt("CallActivity_NotifyRecipients", "Task_ResolveOverduePropagation");
    assertThat(optOut.task(OPT_OUT, "Task_ResolveOverduePropagation")).hasCandidateGroup("privacy-officers").hasFormKey(null);
    optOut.complete(OFFICER, OPT_OUT, "Task_ResolveOverduePropagation",
        "approved", false, "reviewNote", "Chased analytics by phone; no answer yet");

    // noted, but the case stays open until the recipient confirms
    optOut.then(OPT_OUT).hasPassed("Event_OverdueNoted").isWaitingAt("CallActivity_NotifyRecipients");
    assertThat(cases.get(optOut.id()).status()).isEqualTo(CaseStatus.IN_EFFECT);
  }

  @Test
  void anOfficerConfirmingByHandEndsEveryOutstandingBranchAndTheCaseCompletes() {
    // ad-network keeps failing (its job is in retry), analytics never calls back, print-shop is manual
    recipients.stubFor(post(urlPathMatching("/hooks/ad-network")).willReturn(aResponse().withStatus(503)));
    recipients.stubFor(post(urlPathMatching("/hooks/analytics")).willReturn(aResponse().withStatus(202)));
    CaseScenario optOut = received(FRIDAY_BEFORE_THANKSGIVING, request(OPT_OUT_ALL).from("officer.confirms@example.com")).acknowledge();
    for (Job delivery : jobsOf(optOut, NOTIFY)) {
      try {
        management.executeJob(delivery.getId());
      } catch (RuntimeException failedDelivery) {
        // ad-network: 503, retried later
      }
    }
    optOut.then(NOTIFY).isWaitingAt("Task_DeliverNotification", "Task_AwaitAcknowledgement", "Task_NotifyRecipientByHand");

    optOut.clockAt(DUE.plusSeconds(60)).fireTimer(OPT_OUT, "Event_PropagationDue");
    assertThat(optOut.task(OPT_OUT, "Task_ResolveOverduePropagation")).hasCandidateGroup("privacy-officers");
    optOut.complete(OFFICER, OPT_OUT, "Task_ResolveOverduePropagation",
        "approved", true, "reviewNote", "All three confirmed by email on Dec 15");

    optOut.then(NOTIFY).isEnded();
    assertThat(jobsOf(optOut, NOTIFY)).as("the failing delivery's job is gone").isEmpty();
    assertThat(jdbc.queryForList(
            "select recipient_id || ':' || status || ':' || acknowledged_by from recipient_delivery where request_id = ? order by recipient_id",
            String.class, optOut.id().value()))
        .containsExactly(
            "ad-network:ACKNOWLEDGED:staff:officer",
            "analytics:ACKNOWLEDGED:staff:officer",
            "print-shop:ACKNOWLEDGED:staff:officer");
    optOut.then(OPT_OUT).hasPassed("Task_ConfirmOutstanding", "Event_OverdueResolved").isWaitingAt("Task_SendConfirmation");
    optOut.runMailStep(OPT_OUT);
    optOut.then(OPT_OUT).isEnded();
    assertThat(cases.get(optOut.id()).status()).isEqualTo(CaseStatus.COMPLETED);
  }

  @Test
  void theCaseRecordCarriesThePersonalDataAndTheProcessDoesNot() {
    CaseScenario optOut = received(FRIDAY_BEFORE_THANKSGIVING, request(OPT_OUT_ALL).from("private.person@example.com"));

    assertThat(runtime.getVariables(optOut.instance(OPT_OUT).getId()))
        .containsOnlyKeys("requestId", "requestType")
        .containsEntry("requestType", "OPT_OUT_ALL");
    assertThat(cases.get(optOut.id()).subject().email()).isEqualTo("private.person@example.com");
    assertThat(cases.get(optOut.id()).channel()).isEqualTo(Channel.API);
  }

  @Test
  void aMailOutageLosesNothing() throws Exception {
    CaseScenario optOut = received(Instant.parse("2026-11-24T17:00:00Z"), request(OPT_OUT_SALE).from("outage@example.com"));
    List<Job> waiting = jobsOf(optOut, OPT_OUT);
    assertThat(waiting).as("the acknowledgement step").hasSize(1);
    Job ack = waiting.get(0);
    mail.stop();
    try {
      management.executeJob(ack.getId());
    } catch (RuntimeException expected) {
      // the job fails and stays, with fewer retries left
    } finally {
      mail.start();
    }
    Job failed = management.createJobQuery().jobId(ack.getId()).singleResult();
    assertThat(failed).isNotNull();
    // privacy.mail.retry-cycle R5/PT10M: four more tries, the next in ten minutes
    assertThat(failed.getRetries()).isEqualTo(4);
    assertThat(failed.getDuedate()).isEqualTo(Date.from(ClockUtil.getCurrentTime().toInstant().plusSeconds(600)));
    // what Cockpit and the logs show names the mail and the case, never the address
    assertThat(failed.getExceptionMessage()).contains("acknowledgement").contains(optOut.id().value()).doesNotContain("outage@example.com");
    assertThat(management.getJobExceptionStacktrace(failed.getId())).doesNotContain("outage@example.com");
    assertThat(cases.get(optOut.id()).acknowledgedAt()).isNull();

    execute(failed);
    assertThat(onlyMessage().getSubject()).contains(optOut.id().value());
    assertThat(cases.get(optOut.id()).acknowledgedAt()).isNotNull();
  }

  /** Every job of the instance of {@code key} in the case, whatever its due date. */
  private List<Job> jobsOf(CaseScenario optOut, String key) {
    return management.createJobQuery().processInstanceId(optOut.instance(key).getId()).list();
  }

  private void deliverToEveryRecipient(CaseScenario optOut) {
    jobsOf(optOut, NOTIFY).forEach(delivery -> execute(delivery));
  }

  private MimeMessage onlyMessage() {
    assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(1);
    return received[0];
  }
}
