package com.privacycasemanager.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.privacycasemanager.records.AuditVerifier;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.support.Decisions;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The request processes around notify-recipients: the 15-business-day timer on
 * CallActivity_NotifyRecipients, the officer's confirmation of outstanding recipients, and the
 * case closing once every recipient confirmed.
 */
class PropagationDeadlineTest extends NotificationTestSupport {

  @Autowired AuditVerifier verifier;

  /** Monday 2 March 2026, 10:00 in Los Angeles. */
  static final Instant RECEIVED = Instant.parse("2026-03-02T18:00:00Z");

  /** 15 business days counting the day of receipt: Friday 20 March 2026, 23:59:59 PDT. */
  static final Instant DUE = Instant.parse("2026-03-21T06:59:59Z");

  @BeforeEach
  void receivedOnAMonday() {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
  }

  @Test
  void officerConfirmsOutstandingRecipientsAfterFifteenBusinessDays() {
    // given: ad-network confirmed on delivery, analytics delivered but silent, print-shop not reached
    ProcessInstance optOut = submit(RequestType.OPT_OUT_ALL);
    ProcessInstance notify = startPropagation(optOut);
    recipientAnswers(AD_NETWORK, 200);
    recipientAnswers(ANALYTICS, 200);
    execute(deliveryJob(notify, AD_NETWORK));
    execute(deliveryJob(notify, ANALYTICS));
    Delivery adNetwork = delivery(optOut, AD_NETWORK);
    Job deadline = job("Event_PropagationDue", optOut);
    BpmnAwareTests.assertThat(deadline).hasDueDate(Date.from(DUE));
    assertThat(dueAt(optOut)).isEqualTo(DUE);

    // when the deadline passes
    ClockUtil.setCurrentTime(Date.from(DUE.plusSeconds(3600)));
    execute(deadline);

    // then an officer is asked, while the recipients are still awaited
    BpmnAwareTests.assertThat(optOut).isWaitingAt("CallActivity_NotifyRecipients", "Task_ResolveOverduePropagation");
    Task resolve = task("Task_ResolveOverduePropagation", optOut);
    BpmnAwareTests.assertThat(resolve).hasCandidateGroup("privacy-officers");

    // when the officer confirms by hand
    completeAs("officer", "privacy-officers", resolve, "approved", true, "reviewNote", "Both confirmed by phone on 23 March");

    // then the outstanding recipients are recorded as confirmed by staff, the others untouched
    for (String recipient : new String[] {ANALYTICS, PRINT_SHOP}) {
      Delivery confirmed = delivery(optOut, recipient);
      assertThat(confirmed.status()).as(recipient).isEqualTo(DeliveryStatus.ACKNOWLEDGED);
      assertThat(confirmed.acknowledgedBy()).as(recipient).isEqualTo("staff:officer");
      assertThat(confirmed.note()).as(recipient).isEqualTo("Both confirmed by phone on 23 March");
    }
    assertThat(delivery(optOut, AD_NETWORK)).isEqualTo(adNetwork);
    assertThat(events(optOut))
        .filteredOn(e -> e.kind().equals("RECIPIENT_CONFIRMED_BY_STAFF"))
        .extracting(e -> e.detail())
        .containsExactlyInAnyOrder("recipient=" + ANALYTICS, "recipient=" + PRINT_SHOP);
    var decision = Decisions.recorded(verifier, new RequestId(optOut.getBusinessKey()), "Task_ResolveOverduePropagation");
    assertThat(decision.actor()).isEqualTo("officer");
    assertThat(decision.detail()).isEqualTo("task=Task_ResolveOverduePropagation approved=true reviewNote=given");
    BpmnAwareTests.assertThat(notify)
        .hasPassed("StartEvent_ConfirmedByStaff", "Event_ConfirmedByStaff", "Event_AllRecipientsConfirmed")
        .isEnded();
    assertThat(taskService.createTaskQuery().processInstanceId(notify.getId()).count()).isZero();
    BpmnAwareTests.assertThat(optOut)
        .hasPassed("Task_ConfirmOutstanding", "Event_OverdueResolved", "CallActivity_NotifyRecipients")
        .isWaitingAt("Task_SendConfirmation");

    // when the confirmation email goes out, and the step after it runs
    execute(job("Task_SendConfirmation", optOut));
    execute(job("Task_SendConfirmation", optOut));

    // then the case is closed
    BpmnAwareTests.assertThat(optOut).hasPassed("Task_CloseCase", "Event_RequestCompleted").isEnded();
    assertThat(cases.get(new RequestId(optOut.getBusinessKey())).status()).isEqualTo(CaseStatus.COMPLETED);
  }

  @Test
  void officerConfirmationAlsoEndsABranchStuckInAnIncident() {
    // given: ad-network never answers 2xx and its retries are exhausted
    ProcessInstance optOut = submit(RequestType.OPT_OUT_SALE);
    ProcessInstance notify = startPropagation(optOut);
    recipientAnswers(AD_NETWORK, 503);
    Job delivery = deliveryJob(notify, AD_NETWORK);
    while (reload(delivery).getRetries() > 0) {
      executeFailing(reload(delivery));
    }
    assertThat(runtimeService.createIncidentQuery().processInstanceId(notify.getId()).count()).isEqualTo(1);
    execute(job("Event_PropagationDue", optOut));

    // when
    completeAs(
        "officer", "privacy-officers", task("Task_ResolveOverduePropagation", optOut),
        "approved", true, "reviewNote", "Their support desk confirmed by email");

    // then
    Delivery confirmed = delivery(optOut, AD_NETWORK);
    assertThat(confirmed.status()).isEqualTo(DeliveryStatus.ACKNOWLEDGED);
    assertThat(confirmed.acknowledgedBy()).isEqualTo("staff:officer");
    assertThat(confirmed.lastResponseCode()).isEqualTo(503);
    BpmnAwareTests.assertThat(notify).isEnded();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(notify.getId()).count()).isZero();
    assertThat(managementService.createJobQuery().processInstanceId(notify.getId()).count()).isZero();
    BpmnAwareTests.assertThat(optOut).isWaitingAt("Task_SendConfirmation");
  }

  @Test
  void officerWhoCannotConfirmLeavesTheRecipientsAwaited() {
    // given
    ProcessInstance limit = submit(RequestType.LIMIT_SENSITIVE);
    ProcessInstance notify = startPropagation(limit);
    execute(job("Event_PropagationDue", limit));

    // when
    completeAs(
        "officer", "privacy-officers", task("Task_ResolveOverduePropagation", limit),
        "approved", false, "reviewNote", "Print shop still unreachable");

    // then
    BpmnAwareTests.assertThat(limit)
        .hasPassed("Event_OverdueNoted")
        .hasNotPassed("Task_ConfirmOutstanding")
        .isWaitingAt("CallActivity_NotifyRecipients");
    BpmnAwareTests.assertThat(notify).isActive().isWaitingAt("Task_DeliverNotification", "Task_NotifyRecipientByHand");
    assertThat(deliveries.forRequest(limit.getBusinessKey())).noneMatch(d -> d.status() == DeliveryStatus.ACKNOWLEDGED);

    // when the recipients confirm after all
    recipientAnswers(ANALYTICS, 200);
    execute(deliveryJob(notify, ANALYTICS));
    acknowledge(ANALYTICS, ANALYTICS_SECRET, deliveryKey(limit, ANALYTICS));
    completeAs("reviewer", "privacy-reviewers", manualTask(notify), "approved", true, "reviewNote", "Reached by phone");

    // then the limit process goes on to confirm to the consumer
    BpmnAwareTests.assertThat(notify).isEnded();
    BpmnAwareTests.assertThat(limit).isWaitingAt("Task_SendConfirmation");
  }
}
