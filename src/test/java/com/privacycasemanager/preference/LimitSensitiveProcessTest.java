package com.privacycasemanager.preference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.privacycasemanager.request.RequestType.LIMIT_SENSITIVE;
import static com.privacycasemanager.support.Requests.request;
import static com.privacycasemanager.support.Staff.OFFICER;
import static com.privacycasemanager.support.Staff.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.privacycasemanager.notification.DeliveryRepository;
import com.privacycasemanager.notification.DeliveryStatus;
import com.privacycasemanager.notification.RecipientDeliveries;
import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.Preference;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.support.CaseScenario;
import com.privacycasemanager.support.ProcessTestSupport;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The limit-sensitive process: in effect at once, its own 15-business-day timer and recipients
 * (analytics by callback, print-shop by hand), and both ways it completes: every recipient
 * confirmed, or an officer confirming the outstanding ones once the timer has fired.
 */
class LimitSensitiveProcessTest extends ProcessTestSupport {

  static final String LIMIT = ProcessKeys.LIMIT_SENSITIVE;
  static final String NOTIFY = ProcessKeys.NOTIFY_RECIPIENTS;

  /** Wednesday 2026-12-23, 09:00 PST: Christmas Day and New Year's Day fall inside the period. */
  static final Instant RECEIVED = Instant.parse("2026-12-23T17:00:00Z");
  /** Dec 23 (1), 24 (2), 28-31 (3-6), Jan 4-8 (7-11), 11-14 (12-15): due Thursday 2027-01-14 23:59:59 PST. */
  static final Instant DUE = Instant.parse("2027-01-15T07:59:59Z");

  @Autowired CaseRepository cases;
  @Autowired PreferenceStore preferences;
  @Autowired RuntimeService runtime;
  @Autowired RecipientDeliveries recipientDeliveries;
  @Autowired DeliveryRepository deliveries;

  @Test
  void limitIsInEffectAtOnceAndTheTimerIsFifteenBusinessDaysAfterReceipt() {
    CaseScenario limit = received(RECEIVED, request(LIMIT_SENSITIVE).from("limit.me@example.com", "Lim Itme"));

    limit.then(LIMIT).hasPassed("Task_ApplyPreference").isWaitingAt("Task_SendAcknowledgement");
    assertThat(preferences.check(List.of(Identifier.email("limit.me@example.com"))))
        .containsEntry(Preference.SENSITIVE_USE, false)
        .containsEntry(Preference.SALE, true)
        .containsEntry(Preference.SHARING, true);

    limit.acknowledge();
    assertThat(limit.dueDate(LIMIT, "Event_PropagationDue")).isEqualTo(DUE);
    assertThat(cases.get(limit.id()).dueAt()).isEqualTo(DUE);

    // LIMIT_SENSITIVE goes to analytics (callback) and print-shop (by hand) only
    limit.then(NOTIFY).isWaitingAt("Task_DeliverNotification", "Task_NotifyRecipientByHand");
    Task byHand = limit.task(NOTIFY, "Task_NotifyRecipientByHand");
    assertThat(byHand).hasCandidateGroup("privacy-reviewers");
    assertThat(runtime.getVariable(byHand.getExecutionId(), "recipientName")).isEqualTo("Test Print Shop (contractor)");
    limit.complete(REVIEWER, NOTIFY, "Task_NotifyRecipientByHand", "approved", false, "reviewNote", "Voicemail; trying again tomorrow");
    limit.then(NOTIFY).isWaitingAt("Task_DeliverNotification", "Task_NotifyRecipientByHand");
    // the answer stays in that recipient's branch, never on the process where other branches would read it
    assertThat(runtime.getVariablesLocal(limit.instance(NOTIFY).getId())).doesNotContainKeys("approved", "reviewNote");
    limit.complete(REVIEWER, NOTIFY, "Task_NotifyRecipientByHand", "approved", true, "reviewNote", "Emailed their privacy desk");
    limit.then(NOTIFY).isWaitingAt("Task_DeliverNotification").hasPassed("Task_RecordManualNotice");
    assertThat(cases.get(limit.id()).status()).isEqualTo(CaseStatus.IN_EFFECT);
  }

  @Test
  void onceEveryRecipientHasConfirmedTheConsumerIsToldAndTheCaseCompletes() throws Exception {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    CaseScenario limit = received(RECEIVED, request(LIMIT_SENSITIVE).from("limit.done@example.com")).acknowledge();

    limit.runStep(NOTIFY);
    assertThat(recipientDeliveries.acknowledgeByRecipient("analytics", limit.id().value() + ":analytics")).isTrue();
    limit.complete(REVIEWER, NOTIFY, "Task_NotifyRecipientByHand", "approved", true, "reviewNote", "Emailed their privacy desk");
    limit.then(LIMIT).hasPassed("CallActivity_NotifyRecipients").isWaitingAt("Task_SendConfirmation");
    limit.runMailStep(LIMIT);

    limit.then(NOTIFY).isEnded();
    limit.then(LIMIT).isEnded().hasPassed("Task_CloseCase", "Event_RequestCompleted").hasNotPassed("Task_ResolveOverduePropagation");
    var received = mail.getReceivedMessagesForDomain("limit.done@example.com");
    assertThat(received).hasSize(2);
    assertThat(received[1].getSubject()).contains("in effect");
    CaseRecord closed = cases.get(limit.id());
    assertThat(closed.status()).isEqualTo(CaseStatus.COMPLETED);
    assertThat(closed.outcome()).isEqualTo(Outcome.FULFILLED);
  }

  @Test
  void anOfficerConfirmingTheOutstandingRecipientsOnceTheTimerFiredLetsTheCaseComplete() {
    CaseScenario limit = received(RECEIVED, request(LIMIT_SENSITIVE).from("limit.late@example.com")).acknowledge();

    limit.fireTimer(LIMIT, "Event_PropagationDue");
    limit.complete(OFFICER, LIMIT, "Task_ResolveOverduePropagation", "approved", true, "reviewNote", "Both confirmed by phone");

    limit.then(NOTIFY).isEnded().hasPassed("StartEvent_ConfirmedByStaff", "Event_ConfirmedByStaff");
    limit.then(LIMIT).hasPassed("Gateway_ConfirmedByHand", "Task_ConfirmOutstanding", "Event_OverdueResolved")
        .isWaitingAt("Task_SendConfirmation");
    assertThat(deliveries.forRequest(limit.id().value()))
        .extracting(d -> d.recipientId() + ":" + d.status() + ":" + d.acknowledgedBy())
        .containsExactlyInAnyOrder("analytics:" + DeliveryStatus.ACKNOWLEDGED + ":staff:officer",
            "print-shop:" + DeliveryStatus.ACKNOWLEDGED + ":staff:officer");
    limit.runMailStep(LIMIT);
    limit.then(LIMIT).isEnded().hasPassed("Event_RequestCompleted");
    assertThat(cases.get(limit.id()).status()).isEqualTo(CaseStatus.COMPLETED);
  }
}
