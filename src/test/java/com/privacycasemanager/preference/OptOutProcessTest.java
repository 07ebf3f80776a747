package com.privacycasemanager.preference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.Preference;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.CaseTestSupport;
import jakarta.mail.internet.MimeMessage;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The opt-out process: every path, and the 15-business-day timer's due date. */
class OptOutProcessTest extends CaseTestSupport {

  /** Friday 2026-11-20, 10:00 in California: the 15 business days span two weekends and Thanksgiving. */
  static final Instant FRIDAY_BEFORE_THANKSGIVING = Instant.parse("2026-11-20T18:00:00Z");
  /** Monday 2026-12-14, 23:59:59 PST: business day 15. */
  static final Instant DUE = Instant.parse("2026-12-15T07:59:59Z");

  @Autowired IntakeService intake;
  @Autowired CaseRepository cases;
  @Autowired PreferenceStore preferences;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Test
  void optOutOfSaleIsInEffectAtOnceAcknowledgedPropagatedAndConfirmed() throws Exception {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    ClockUtil.setCurrentTime(Date.from(FRIDAY_BEFORE_THANKSGIVING));

    RequestId id = submit("OPT_OUT_SALE", "sale.only@example.com");
    ProcessInstance optOut = instance(id);

    // in effect before anything asynchronous has run
    assertThat(optOut).hasPassed("Task_ApplyPreference").isWaitingAt("Task_SendAcknowledgement");
    assertThat(preferences.check(List.of(Identifier.email("Sale.Only@example.com"))))
        .containsEntry(Preference.SALE, false)
        .containsEntry(Preference.SHARING, true)
        .containsEntry(Preference.SENSITIVE_USE, true);
    CaseRecord record = cases.get(id);
    assertThat(record.status()).isEqualTo(CaseStatus.IN_EFFECT);
    assertThat(record.dueAt()).isEqualTo(DUE);

    sendMail(optOut);
    MimeMessage ack = onlyMessage();
    assertThat(ack.getAllRecipients()[0].toString()).isEqualTo("sale.only@example.com");
    assertThat(ack.getSubject()).contains(id.value());
    assertThat((String) ack.getContent()).contains(id.value()).contains("/privacy/requests/" + id.value() + "?token=");
    assertThat(cases.get(id).acknowledgedAt()).isNotNull();

    assertThat(optOut).isWaitingAt("CallActivity_NotifyRecipients");
    Job timer = timerOf(optOut);
    assertThat(timer.getDuedate()).isEqualTo(Date.from(DUE));

    ProcessInstance notify = calledInstance(optOut);
    assertThat(notify).isWaitingAt("Task_DeliverNotification");
    execute(nextJob(notify));
    assertThat(notify).isEnded().hasPassed("Event_RecipientDone");

    assertThat(optOut).isWaitingAt("Task_SendConfirmation");
    mail.purgeEmailFromAllMailboxes();
    sendMail(optOut);
    assertThat(onlyMessage().getSubject()).contains("in effect");
    assertThat(optOut).isEnded().hasPassed("Task_CloseCase", "Event_RequestCompleted").hasNotPassed("Task_ResolveOverduePropagation");
    CaseRecord closed = cases.get(id);
    assertThat(closed.status()).isEqualTo(CaseStatus.COMPLETED);
    assertThat(closed.outcome()).isEqualTo(Outcome.FULFILLED);
    assertThat(closed.completedAt()).isNotNull();
  }

  @Test
  void aFailureInTheStepAfterTheAcknowledgementIsRetriedWithoutSendingTheMailAgain() throws Exception {
    ClockUtil.setCurrentTime(Date.from(FRIDAY_BEFORE_THANKSGIVING));
    RequestId id = submit("OPT_OUT_SALE", "sent.once@example.com");
    ProcessInstance optOut = instance(id);
    // the step after the mail, opening ad-network's delivery record, fails while its key is taken
    jdbc.update("insert into recipient_delivery (request_id, recipient_id, delivery_key, status, attempts) values (?, ?, ?, 'PENDING', 0)",
        id.value(), "key-holder", id.value() + ":ad-network");

    assertThatThrownBy(() -> caseJobs.runAsyncSteps(id)).hasRootCauseInstanceOf(SQLIntegrityConstraintViolationException.class);
    jdbc.update("delete from recipient_delivery where request_id = ?", id.value());
    Job failed = management.createJobQuery().processInstanceId(optOut.getId()).withException().singleResult();
    assertThat(failed.getRetries()).as("retried on the mail cycle").isEqualTo(4);
    execute(failed);

    assertThat(optOut).isWaitingAt("CallActivity_NotifyRecipients");
    assertThat(calledInstance(optOut)).isWaitingAt("Task_DeliverNotification");
    MimeMessage ack = onlyMessage();
    assertThat(ack.getSubject()).isEqualTo("We received your privacy request " + id.value());
    assertThat(cases.events(id)).filteredOn(e -> e.kind().equals("EMAIL_SENT")).extracting(e -> e.detail())
        .containsExactly("template=acknowledgement");
  }

  @Test
  void aRecipientSilentForFifteenBusinessDaysGivesOfficersATask() {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    ClockUtil.setCurrentTime(Date.from(FRIDAY_BEFORE_THANKSGIVING));
    RequestId id = submit("OPT_OUT_SHARING", "sharing@example.com");
    ProcessInstance optOut = instance(id);
    sendMail(optOut);
    // analytics (CALLBACK) never acknowledges
    ProcessInstance notify = calledInstance(optOut);
    for (Job delivery : management.createJobQuery().processInstanceId(notify.getId()).list()) {
      execute(delivery);
    }
    assertThat(notify).isWaitingAt("Task_AwaitAcknowledgement");

    ClockUtil.setCurrentTime(Date.from(DUE.plusSeconds(1)));
    execute(timerOf(optOut));

    assertThat(optOut).isWaitingAt("CallActivity_NotifyRecipients", "Task_ResolveOverduePropagation");
    assertThat(task(optOut)).hasCandidateGroup("privacy-officers").hasFormKey(null);
    complete(task(optOut), withVariables("approved", false, "reviewNote", "Chased analytics by phone; no answer yet"));

    // noted, but the case stays open until the recipient confirms
    assertThat(optOut).hasPassed("Event_OverdueNoted").isWaitingAt("CallActivity_NotifyRecipients");
    assertThat(cases.get(id).status()).isEqualTo(CaseStatus.IN_EFFECT);
  }

  @Test
  void anOfficerConfirmingByHandEndsEveryOutstandingBranchAndTheCaseCompletes() {
    // ad-network keeps failing (its job is in retry), analytics never calls back, print-shop is manual
    recipients.stubFor(post(urlPathMatching("/hooks/ad-network")).willReturn(aResponse().withStatus(503)));
    recipients.stubFor(post(urlPathMatching("/hooks/analytics")).willReturn(aResponse().withStatus(202)));
    ClockUtil.setCurrentTime(Date.from(FRIDAY_BEFORE_THANKSGIVING));
    RequestId id = submit("OPT_OUT_ALL", "officer.confirms@example.com");
    ProcessInstance optOut = instance(id);
    sendMail(optOut);
    ProcessInstance notify = calledInstance(optOut);
    for (Job delivery : management.createJobQuery().processInstanceId(notify.getId()).list()) {
      try {
        management.executeJob(delivery.getId());
      } catch (RuntimeException failedDelivery) {
        // ad-network: 503, retried later
      }
    }
    assertThat(notify).isWaitingAt("Task_DeliverNotification", "Task_AwaitAcknowledgement", "Task_NotifyRecipientByHand");

    ClockUtil.setCurrentTime(Date.from(DUE.plusSeconds(60)));
    execute(timerOf(optOut));
    var overdue = task(optOut);
    assertThat(overdue).hasDefinitionKey("Task_ResolveOverduePropagation").hasCandidateGroup("privacy-officers");
    processEngine.getIdentityService().setAuthentication("officer", java.util.List.of("privacy-officers"));
    try {
      complete(overdue, withVariables("approved", true, "reviewNote", "All three confirmed by email on Dec 15"));
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }

    assertThat(notify).isEnded();
    assertThat(management.createJobQuery().processInstanceId(notify.getId()).count()).as("the failing delivery's job is gone").isZero();
    assertThat(jdbc.queryForList(
            "select recipient_id || ':' || status || ':' || acknowledged_by from recipient_delivery where request_id = ? order by recipient_id",
            String.class, id.value()))
        .containsExactly(
            "ad-network:ACKNOWLEDGED:staff:officer",
            "analytics:ACKNOWLEDGED:staff:officer",
            "print-shop:ACKNOWLEDGED:staff:officer");
    assertThat(optOut).hasPassed("Task_ConfirmOutstanding", "Event_OverdueResolved").isWaitingAt("Task_SendConfirmation");
    sendMail(optOut);
    assertThat(optOut).isEnded();
    assertThat(cases.get(id).status()).isEqualTo(CaseStatus.COMPLETED);
  }

  @Test
  void theCaseRecordCarriesThePersonalDataAndTheProcessDoesNot() {
    RequestId id = submit("OPT_OUT_ALL", "private.person@example.com");
    ProcessInstance optOut = instance(id);
    assertThat(runtime.getVariables(optOut.getId()))
        .containsOnlyKeys("requestId", "requestType")
        .containsEntry("requestType", "OPT_OUT_ALL");
    assertThat(cases.get(id).subject().email()).isEqualTo("private.person@example.com");
    assertThat(cases.get(id).channel()).isEqualTo(Channel.API);
  }

  @Test
  void aMailOutageLosesNothing() throws Exception {
    RequestId id = submit("OPT_OUT_SALE", "outage@example.com");
    ProcessInstance optOut = instance(id);
    Job ack = nextJob(optOut);
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-24T17:00:00Z")));
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
    assertThat(failed.getExceptionMessage()).contains("acknowledgement").contains(id.value()).doesNotContain("outage@example.com");
    assertThat(management.getJobExceptionStacktrace(failed.getId())).doesNotContain("outage@example.com");
    assertThat(cases.get(id).acknowledgedAt()).isNull();

    execute(failed);
    assertThat(onlyMessage().getSubject()).contains(id.value());
    assertThat(cases.get(id).acknowledgedAt()).isNotNull();
  }

  private RequestId submit(String type, String email) {
    var registered =
        intake.submit(
            new IntakeRequest(type, email, null, null, null, null, null, null, null, null), Channel.API, null);
    return registered.record().requestId();
  }

  private ProcessInstance instance(RequestId id) {
    return runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(id.value())
        .processDefinitionKey(ProcessKeys.OPT_OUT)
        .singleResult();
  }

  private ProcessInstance calledInstance(ProcessInstance parent) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(parent.getId()).singleResult();
  }

  private Job timerOf(ProcessInstance instance) {
    return management.createJobQuery().processInstanceId(instance.getId()).timers().activityId("Event_PropagationDue").singleResult();
  }

  /** Runs the waiting mail step, then the job after it: a mail step commits on its own. */
  private void sendMail(ProcessInstance instance) {
    execute(nextJob(instance));
    execute(nextJob(instance));
  }

  private Job nextJob(ProcessInstance instance) {
    return management.createJobQuery().processInstanceId(instance.getId()).executable().singleResult();
  }

  private MimeMessage onlyMessage() {
    assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(1);
    return received[0];
  }
}
