package com.privacycasemanager.erasure;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.erasure.DeletionRepository.ReceiptLine;
import com.privacycasemanager.notification.RecipientDeliveries;
import com.privacycasemanager.records.AuditVerifier;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.Decisions;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The right-to-delete process with its called verify-identity, response-clock and
 * notify-recipients: every path, and the due dates of its timers.
 */
class RightToDeleteProcessTest extends DeletionTestSupport {

  /** Monday 2026-11-02, 10:00 in California. */
  static final Instant RECEIVED = Instant.parse("2026-11-02T18:00:00Z");
  /** Day 30 (receipt day = day 1): Tuesday 2026-12-01, 09:00 PST. */
  static final Instant DAY_30 = Instant.parse("2026-12-01T17:00:00Z");
  /** Day 45: Wednesday 2026-12-16, 23:59:59 PST. */
  static final Instant DUE = Instant.parse("2026-12-17T07:59:59Z");
  /** The default 21-day verification window ends on 2026-11-23, 23:59:59 PST. */
  static final Instant WINDOW_END = Instant.parse("2026-11-24T07:59:59Z");

  @Autowired RecipientDeliveries recipientDeliveries;
  @Autowired AuditVerifier verifier;

  @Test
  void aVerifiedDeletionIsPreviewedApprovedErasedSystemBySystemAndPassedOn() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    long customer = customerWithEverything();
    RequestId id = submitDelete(customer);
    ProcessInstance delete = instance(id);
    assertThat(cases.get(id).dueAt()).isEqualTo(DUE);

    verified(id);
    ProcessInstance clock = called(delete, ProcessKeys.RESPONSE_CLOCK);
    assertThat(timer(clock, "Event_Day30").getDuedate()).isEqualTo(Date.from(DAY_30));
    assertThat(timer(clock, "Event_ResponseDue").getDuedate()).isEqualTo(Date.from(DUE));
    assertThat(deletions.plan(id, "shop").isEmpty()).isTrue();
    assertThat(delete).isWaitingAt("Task_PreviewDeletion");
    execute(job(delete));
    assertThat(delete).isWaitingAt("Task_ReviewDeletion").task().hasCandidateGroup("privacy-reviewers");
    assertThat(cases.get(id).status()).isEqualTo(CaseStatus.IN_REVIEW);
    Map<String, Object> vars = runtime.getVariables(delete.getId());
    String preview = (String) vars.get(DeletionReview.PREVIEW);
    int activity = count(shop(), "select count(*) from activity_log where customer_id = ?", customer);
    assertThat(preview)
        .contains("- activity_log: " + activity + (activity == 1 ? " row" : " rows") + " deleted")
        .contains("- customers: 1 row erased (email address replaced by a keyed hash, name cleared")
        .contains("kept under §1798.105(d)(1) COMPLETE_TRANSACTION")
        .contains("kept in part under §1798.105(d)(8) LEGAL_OBLIGATION")
        .contains("- subscribers: 1 row erased");
    assertThat(vars.toString()).doesNotContain(DemoBusiness.customerEmail(customer))
        .doesNotContain((String) shop().queryForObject("select full_name from customers where id = ?", String.class, customer));
    JsonNode options = new ObjectMapper().readTree(
        runtime.getVariableTyped(task(delete).getExecutionId(), "holdOptions").getValue().toString());
    assertThat(options.findValuesAsText("value")).contains("shop.customers", "shop.orders", "marketing.subscribers");

    recipientAnswers(AD_NETWORK, 200);
    recipientAnswers(ANALYTICS, 202);
    complete(task(delete), withVariables("approved", true, "reviewNote", "preview checked"));
    assertThat(delete).isWaitingAt("Task_EraseSystem");
    List<Job> erasures = jobs(delete, "Task_EraseSystem");
    assertThat(erasures).hasSize(2);
    execute(erasures.get(0));
    assertThat(delete).as("the other system is still to do").isWaitingAt("Task_EraseSystem");
    execute(erasures.get(1));
    assertThat(count(shop(), "select count(*) from activity_log where customer_id = ?", customer)).isZero();
    assertThat(count(marketing(), "select count(*) from subscribers where email = ?", DemoBusiness.customerEmail(customer))).isZero();

    List<ReceiptLine> receipt = deletions.receipt(id);
    assertThat(receipt).anySatisfy(l -> {
      assertThat(l.table()).isEqualTo("activity_log");
      assertThat(l.action()).isEqualTo("DELETED");
      assertThat(l.rows()).isEqualTo(activity);
    });
    assertThat(receipt).anySatisfy(l -> {
      assertThat(l.table() + "." + l.column()).isEqualTo("customers.email");
      assertThat(l.action()).isEqualTo("ERASED");
      assertThat(l.reason()).isEqualTo("HASH");
    });
    assertThat(receipt).anySatisfy(l -> {
      assertThat(l.table() + "." + l.column()).isEqualTo("customers.created_at");
      assertThat(l.action()).isEqualTo("KEPT");
    });
    assertThat(receipt).anySatisfy(l -> {
      assertThat(l.table()).isEqualTo("orders");
      assertThat(l.action()).isEqualTo("KEPT");
      assertThat(l.reason()).startsWith("§1798.105(d)(1) COMPLETE_TRANSACTION");
    });

    mail.purgeEmailFromAllMailboxes();
    assertThat(delete).isWaitingAt("Task_SendOutcome");
    sendMail(delete);
    String outcome = (String) lastMessage().getContent();
    assertThat(lastMessage().getSubject()).isEqualTo("Your request to delete: what we did (" + id.value() + ")");
    assertThat(outcome)
        .contains("completed your request to delete (" + id.value() + ") in part")
        .contains("activity log: " + activity + (activity == 1 ? " record" : " records") + " deleted")
        .contains("to complete the transaction")
        .contains("to comply with a legal obligation (§1798.105(d)(8)): Tax and accounting law")
        .contains("We keep a record of this request")
        .contains("told our service providers")
        .contains("/privacy/do-not-sell");
    CaseRecord answered = cases.get(id);
    assertThat(answered.outcome()).isEqualTo(Outcome.PARTIAL);
    assertThat(answered.denialBasis()).contains("COMPLETE_TRANSACTION").contains("LEGAL_OBLIGATION");
    assertThat(answered.completedAt()).isEqualTo(RECEIVED);
    assertThat(answered.status()).isEqualTo(CaseStatus.IN_EFFECT);
    assertThat(clock).as("the answer stops the 45-day clock").isEnded();

    ProcessInstance notify = called(delete, ProcessKeys.NOTIFY_RECIPIENTS);
    jobs(notify, "Task_DeliverNotification").forEach(j -> execute(j));
    recipients.verify(postRequestedFor(urlEqualTo("/hooks/ad-network")));
    JsonNode sent = new ObjectMapper().readTree(recipients.findAll(postRequestedFor(urlEqualTo("/hooks/ad-network"))).get(0).getBodyAsString());
    assertThat(sent.path("instructions").toString()).isEqualTo("[\"DELETE\"]");
    assertThat(sent.path("consumer").path("email").asText()).isEqualTo(DemoBusiness.customerEmail(customer));
    assertThat(delete).as("analytics confirms by callback").isWaitingAt("CallActivity_NotifyRecipients");
    assertThat(timer(delete, "Event_RecipientsSilent").getDuedate()).isEqualTo(Date.from(RECEIVED.plus(Duration.ofDays(14))));

    assertThat(recipientDeliveries.acknowledgeByRecipient(ANALYTICS, id.value() + ":" + ANALYTICS)).isTrue();
    assertThat(delete).isEnded().hasPassed("Task_RecordPropagated", "Event_Deleted");
    assertThat(cases.get(id).status()).isEqualTo(CaseStatus.COMPLETED);
    assertThat(cases.events(id)).extracting(e -> e.kind()).contains("DELETION_PREVIEWED", "TASK_COMPLETED", "SYSTEM_ERASED",
        "SUPPRESSION_RECORDED", "RESPONDED", "PROPAGATION_COMPLETE").doesNotContain("DELETION_APPROVED");
  }

  @Test
  void aReviewersLegalHoldKeepsTheTableAndItsChildRowsWithTheReason() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    long customer = customerWithEverything();
    String email = DemoBusiness.customerEmail(customer);
    // a consumer who opted out already is not offered the opt-out again (§7022(g))
    intake.submit(new com.privacycasemanager.request.IntakeRequest("OPT_OUT_ALL", email, null, null, null, null, null, null, null, null),
        com.privacycasemanager.request.Channel.API, null);
    long subscriber = marketing().queryForObject("select id from subscribers where email = ?", Long.class, email);
    int events = count(marketing(), "select count(*) from email_events where subscriber_id = ?", subscriber);
    RequestId id = submitDelete(customer);
    ProcessInstance delete = verified(id);
    execute(job(delete));
    completeAs("reviewer", "privacy-reviewers", task(delete), "approved", true, "reviewNote", "hold for the pending dispute",
        "legalHolds", Spin.JSON("[\"marketing.subscribers\"]"), "legalHoldReason", "A court order requires us to keep these records");
    var decision = Decisions.recorded(verifier, id, "Task_ReviewDeletion");
    assertThat(decision.actor()).isEqualTo("reviewer");
    assertThat(decision.detail())
        .isEqualTo("task=Task_ReviewDeletion legalHolds=[marketing.subscribers] legalHoldReason=given approved=true reviewNote=given");
    eraseEverySystem(delete);

    assertThat(marketing().queryForObject("select email from subscribers where id = ?", String.class, subscriber)).isEqualTo(email);
    assertThat(count(marketing(), "select count(*) from email_events where subscriber_id = ?", subscriber)).isEqualTo(events);
    assertThat(count(shop(), "select count(*) from activity_log where customer_id = ?", customer)).isZero();
    assertThat(deletions.holds(id, "marketing")).extracting(h -> h.table()).containsExactly("subscribers");
    assertThat(deletions.receipt(id)).anySatisfy(l -> {
      assertThat(l.table()).isEqualTo("email_events");
      assertThat(l.action()).isEqualTo("KEPT");
      assertThat(l.rows()).isEqualTo(events);
      assertThat(l.reason()).contains("LEGAL_HOLD").contains("A court order");
    });
    mail.purgeEmailFromAllMailboxes();
    sendMail(delete);
    assertThat((String) lastMessage().getContent()).contains("(a legal hold) (§1798.105(d)(8)): A court order requires us to keep these records")
        .doesNotContain("/privacy/do-not-sell");
    assertThat(cases.get(id).denialBasis()).contains("LEGAL_HOLD");
  }

  @Test
  void aLegalHoldOnATableTheMapDoesNotHaveIsRefusedAndNothingIsErased() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    long customer = customerWithEverything();
    RequestId id = submitDelete(customer);
    ProcessInstance delete = verified(id);
    execute(job(delete));
    var before = snapshot();
    var task = task(delete);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.complete(task.getId(), Variables.createVariables()
            .putValue("approved", true).putValue("reviewNote", "x")
            .putValue("legalHolds", Spin.JSON("[\"shop.invoices\"]")).putValue("legalHoldReason", "audit")))
        .hasMessageContaining("legal hold 'shop.invoices' is not a system.table of the data map");
    assertThat(delete).isWaitingAt("Task_ReviewDeletion");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void aReviewerDenialChangesNothingAndTellsTheConsumerWhy() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    long customer = customerWithEverything();
    RequestId id = submitDelete(customer);
    ProcessInstance delete = verified(id);
    execute(job(delete));
    var before = snapshot();
    complete(task(delete), withVariables("approved", false, "reviewNote", "The request appears to come from someone else (fraud check)."));
    assertThat(delete).isWaitingAt("Task_SendDenied");
    mail.purgeEmailFromAllMailboxes();
    sendMail(delete);
    assertThat(delete).isEnded().hasPassed("Event_Denied").hasNotPassed("SubProcess_EraseSystems");
    assertThat((String) lastMessage().getContent()).contains("The request appears to come from someone else (fraud check).");
    assertThat(cases.get(id).outcome()).isEqualTo(Outcome.DENIED);
    assertThat(cases.get(id).denialBasis()).isEqualTo("Denied on review: The request appears to come from someone else (fraud check).");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void anUnconfirmedDeletionIsDeniedAfterTheWindowWithoutReviewWorkOrChanges() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    long customer = customerWithEverything();
    RequestId id = submitDelete(customer);
    ProcessInstance delete = instance(id);
    sendMail(delete);
    ProcessInstance verify = called(delete, ProcessKeys.VERIFY_IDENTITY);
    sendMail(verify);
    var before = snapshot();
    Job window = timer(verify, "Event_WindowClosed");
    assertThat(window.getDuedate()).isEqualTo(Date.from(WINDOW_END));
    ClockUtil.setCurrentTime(Date.from(WINDOW_END.plusSeconds(1)));
    execute(window);
    assertThat(delete).isWaitingAt("Task_SendUnverified");
    mail.purgeEmailFromAllMailboxes();
    sendMail(delete);
    assertThat(delete).isEnded().hasPassed("Event_DeniedUnverified").hasNotPassed("Task_ReviewDeletion");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(id.value()).count()).isZero();
    assertThat(lastMessage().getSubject()).contains("We could not verify your privacy request");
    assertThat(cases.get(id).outcome()).isEqualTo(Outcome.DENIED);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void aSilentRecipientIsRemindedThenOfficersConfirmByHand() throws Exception {
    Erased erased = erasedWithAnalyticsToAcknowledge();
    RequestId id = erased.id();
    ProcessInstance delete = erased.delete();
    ProcessInstance notify = erased.notifying();

    Job reminder = timer(notify, "Event_ReminderDue");
    assertThat(reminder.getDuedate()).isEqualTo(Date.from(RECEIVED.plus(Duration.ofDays(7))));
    ClockUtil.setCurrentTime(Date.from(RECEIVED.plus(Duration.ofDays(7))));
    execute(reminder);
    execute(jobs(notify, "Task_SendReminder").get(0));
    var sent = recipients.findAll(postRequestedFor(urlEqualTo("/hooks/analytics")));
    assertThat(sent).hasSize(2);
    assertThat(new ObjectMapper().readTree(sent.get(1).getBodyAsString()).path("reminder").asBoolean()).isTrue();
    assertThat(sent.get(1).getHeader("Idempotency-Key")).isEqualTo(sent.get(0).getHeader("Idempotency-Key"));
    assertThat(cases.events(id)).extracting(e -> e.kind()).contains("RECIPIENT_REMINDED");
    assertThat(notify).as("still waiting for the acknowledgement").isWaitingAt("Task_AwaitAcknowledgement");

    Job silent = timer(delete, "Event_RecipientsSilent");
    assertThat(silent.getDuedate()).isEqualTo(Date.from(RECEIVED.plus(Duration.ofDays(14))));
    ClockUtil.setCurrentTime(Date.from(RECEIVED.plus(Duration.ofDays(14))));
    execute(silent);
    var officerTask = tasks.createTaskQuery().processInstanceId(delete.getId()).taskDefinitionKey("Task_ResolveSilentRecipients").singleResult();
    assertThat(officerTask).isNotNull();
    assertThat(tasks.getIdentityLinksForTask(officerTask.getId())).anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo("privacy-officers"));
    assertThat(cases.get(id).status()).isEqualTo(CaseStatus.IN_EFFECT);
    completeAs("officer", "privacy-officers", officerTask, "approved", true, "reviewNote", "Analytics confirmed by phone on 2026-11-16");
    assertThat(delete).isEnded().hasPassed("Task_ConfirmOutstanding", "Event_Deleted");
    var decision = Decisions.recorded(verifier, id, "Task_ResolveSilentRecipients");
    assertThat(decision.actor()).isEqualTo("officer");
    assertThat(decision.detail()).isEqualTo("task=Task_ResolveSilentRecipients approved=true reviewNote=given");
    assertThat(cases.get(id).status()).isEqualTo(CaseStatus.COMPLETED);
  }

  @Test
  void anOfficerWhoCannotConfirmTheSilentRecipientsLeavesTheDeletionWaitingForThem() throws Exception {
    Erased erased = erasedWithAnalyticsToAcknowledge();
    RequestId id = erased.id();
    ProcessInstance delete = erased.delete();
    ProcessInstance notify = erased.notifying();

    ClockUtil.setCurrentTime(Date.from(RECEIVED.plus(Duration.ofDays(14))));
    execute(timer(delete, "Event_RecipientsSilent"));
    var officerTask = tasks.createTaskQuery().processInstanceId(delete.getId()).taskDefinitionKey("Task_ResolveSilentRecipients").singleResult();
    completeAs("officer", "privacy-officers", officerTask, "approved", false, "reviewNote", "Analytics has not answered our calls");

    assertThat(delete).hasPassed("Gateway_ConfirmedByHand", "Event_StillWaiting").hasNotPassed("Task_ConfirmOutstanding")
        .isWaitingAt("CallActivity_NotifyRecipients");
    assertThat(notify).isWaitingAt("Task_AwaitAcknowledgement");
    assertThat(cases.get(id).status()).isEqualTo(CaseStatus.IN_EFFECT);
  }

  /** A deletion approved and erased, told to both recipients: the ad network confirmed on delivery, analytics must acknowledge. */
  private Erased erasedWithAnalyticsToAcknowledge() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    long customer = customerWithEverything();
    RequestId id = submitDelete(customer);
    ProcessInstance delete = verified(id);
    execute(job(delete));
    recipientAnswers(AD_NETWORK, 200);
    recipientAnswers(ANALYTICS, 202);
    complete(task(delete), withVariables("approved", true, "reviewNote", "ok"));
    eraseEverySystem(delete);
    sendMail(delete);
    ProcessInstance notify = called(delete, ProcessKeys.NOTIFY_RECIPIENTS);
    jobs(notify, "Task_DeliverNotification").forEach(j -> execute(j));
    return new Erased(id, delete, notify);
  }

  private record Erased(RequestId id, ProcessInstance delete, ProcessInstance notifying) {}
}
