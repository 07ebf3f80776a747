package com.privacycasemanager.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.privacycasemanager.records.AuditVerifier;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.support.Decisions;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** notify-recipients as the opt-out and limit-sensitive processes call it: one branch per recipient. */
class NotifyRecipientsProcessTest extends NotificationTestSupport {

  @Autowired ObjectMapper json;
  @Autowired AuditVerifier verifier;

  @Test
  void webhookCarriesSignedInstructionsAndTheDeliveryKeyAsIdempotencyKey() throws Exception {
    // given
    ProcessInstance optOut = submit(RequestType.OPT_OUT_ALL);
    ProcessInstance notify = startPropagation(optOut);
    recipientAnswers(AD_NETWORK, 200);

    // when
    execute(deliveryJob(notify, AD_NETWORK));

    // then
    List<LoggedRequest> sent = recipients.findAll(postRequestedFor(urlEqualTo(hookPath(AD_NETWORK))));
    assertThat(sent).hasSize(1);
    LoggedRequest request = sent.get(0);
    byte[] body = request.getBody();
    JsonNode payload = json.readTree(body);
    String key = deliveryKey(optOut, AD_NETWORK);
    assertThat(payload.path("deliveryKey").asText()).isEqualTo(key);
    assertThat(payload.path("requestId").asText()).isEqualTo(optOut.getBusinessKey());
    assertThat(payload.path("requestType").asText()).isEqualTo("OPT_OUT_ALL");
    assertThat(json.convertValue(payload.path("instructions"), List.class)).containsExactly("STOP_SALE", "STOP_SHARING");
    assertThat(payload.path("consumer").path("email").asText()).isEqualTo(CONSUMER_EMAIL);
    assertThat(payload.path("consumer").path("deviceId").asText()).isEqualTo(CONSUMER_DEVICE);
    assertThat(payload.has("acknowledgeUrl")).as("ON_DELIVERY recipients are not asked to call back").isFalse();

    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    assertThat(request.getHeader("Idempotency-Key")).isEqualTo(key);
    String timestamp = request.getHeader("X-PCM-Timestamp");
    assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), within(60L));
    assertThat(request.getHeader("X-PCM-Signature")).isEqualTo(signature(AD_NETWORK_SECRET, timestamp, body));
    assertThat(request.getHeader("X-PCM-Signature"))
        .as("signed with this recipient's secret only")
        .isNotEqualTo(signature(ANALYTICS_SECRET, timestamp, body));

    Delivery delivery = delivery(optOut, AD_NETWORK);
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.ACKNOWLEDGED);
    assertThat(delivery.acknowledgedBy()).isEqualTo("recipient");
    assertThat(delivery.attempts()).isEqualTo(1);
    assertThat(delivery.lastResponseCode()).isEqualTo(200);
    BpmnAwareTests.assertThat(notify).hasPassed("Task_DeliverNotification", "Event_RecipientDone").isActive();
    assertThat(managementService.createJobQuery().processInstanceId(notify.getId()).activityId("Task_DeliverNotification").count())
        .as("only analytics is still to be sent")
        .isEqualTo(1);
    assertThat(events(optOut)).anyMatch(e -> e.kind().equals("RECIPIENT_NOTIFIED") && e.detail().contains(AD_NETWORK));
  }

  @Test
  void limitRequestAsksToLimitSensitiveUseAndGivesCallbackRecipientsTheAcknowledgeUrl() throws Exception {
    // given
    ProcessInstance limit = submit(RequestType.LIMIT_SENSITIVE);
    ProcessInstance notify = startPropagation(limit);
    recipientAnswers(ANALYTICS, 202);

    // when
    execute(deliveryJob(notify, ANALYTICS));

    // then
    JsonNode payload = json.readTree(recipients.findAll(postRequestedFor(urlEqualTo(hookPath(ANALYTICS)))).get(0).getBody());
    assertThat(payload.path("requestType").asText()).isEqualTo("LIMIT_SENSITIVE");
    assertThat(json.convertValue(payload.path("instructions"), List.class)).containsExactly("LIMIT_SENSITIVE_USE");
    assertThat(payload.path("acknowledgeUrl").asText()).endsWith("/api/recipients/analytics/acknowledgements");
    assertThat(delivery(limit, ANALYTICS).status()).isEqualTo(DeliveryStatus.DELIVERED);
    BpmnAwareTests.assertThat(notify).isWaitingAt("Task_AwaitAcknowledgement");
  }

  @Test
  void aFailedAttemptIsRecordedAndRetriedUntilTheRecipientAnswers() {
    // given
    ProcessInstance optOut = submit(RequestType.OPT_OUT_SALE);
    ProcessInstance notify = startPropagation(optOut);
    Job job = deliveryJob(notify, AD_NETWORK);
    int retriesBefore = job.getRetries();
    recipientAnswers(AD_NETWORK, 500);

    // when
    Exception failure = executeFailing(job);

    // then: the job failed and will be retried later; the attempt survived the rollback
    assertThat(failure).hasMessageContaining("HTTP 500");
    Job retried = reload(job);
    assertThat(retried.getRetries()).isLessThan(retriesBefore).isPositive();
    assertThat(retried.getDuedate()).as("R5/PT10M spaces the retries").isAfter(new java.util.Date());
    assertThat(retried.getExceptionMessage()).contains("HTTP 500").doesNotContain(CONSUMER_EMAIL);
    Delivery failed = delivery(optOut, AD_NETWORK);
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastResponseCode()).isEqualTo(500);
    assertThat(failed.lastError()).isEqualTo("HTTP 500");
    assertThat(failed.status()).isEqualTo(DeliveryStatus.PENDING);
    BpmnAwareTests.assertThat(notify).isWaitingAt("Task_DeliverNotification");

    // when the recipient is back
    recipientAnswers(AD_NETWORK, 200);
    execute(retried);

    // then
    Delivery delivered = delivery(optOut, AD_NETWORK);
    assertThat(delivered.attempts()).isEqualTo(2);
    assertThat(delivered.lastResponseCode()).isEqualTo(200);
    assertThat(delivered.lastError()).isNull();
    assertThat(delivered.status()).isEqualTo(DeliveryStatus.ACKNOWLEDGED);
    assertThat(delivered.deliveredAt()).isNotNull();
    assertThat(recipients.findAll(postRequestedFor(urlEqualTo(hookPath(AD_NETWORK)))))
        .extracting(r -> r.getHeader("Idempotency-Key"))
        .as("a retry is the same delivery")
        .containsExactly(deliveryKey(optOut, AD_NETWORK), deliveryKey(optOut, AD_NETWORK));
    BpmnAwareTests.assertThat(notify).hasPassed("Event_RecipientDone", "Event_AllRecipientsConfirmed").isEnded();
    BpmnAwareTests.assertThat(optOut).isWaitingAt("Task_SendConfirmation");
  }

  @Test
  void exhaustedRetriesRaiseAnIncidentWhileTheOtherRecipientsGoOn() {
    // given
    ProcessInstance optOut = submit(RequestType.OPT_OUT_ALL);
    ProcessInstance notify = startPropagation(optOut);
    recipientAnswers(AD_NETWORK, 500);
    recipientAnswers(ANALYTICS, 200);
    Job adNetwork = deliveryJob(notify, AD_NETWORK);

    // when every attempt fails
    int executions = 0;
    while (reload(adNetwork).getRetries() > 0) {
      executeFailing(reload(adNetwork));
      executions++;
      assertThat(executions).as("retries never run out").isLessThan(20);
    }

    // then
    List<Incident> incidents = runtimeService.createIncidentQuery().processInstanceId(notify.getId()).list();
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).getActivityId()).isEqualTo("Task_DeliverNotification");
    assertThat(incidents.get(0).getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    assertThat(incidents.get(0).getIncidentMessage()).contains("HTTP 500").doesNotContain(CONSUMER_EMAIL);
    assertThat(executions).as("R5/PT10M: five attempts").isEqualTo(5);
    Delivery failed = delivery(optOut, AD_NETWORK);
    assertThat(failed.attempts()).isEqualTo(executions);
    assertThat(failed.status()).isEqualTo(DeliveryStatus.PENDING);

    // when the other recipients carry on
    execute(deliveryJob(notify, ANALYTICS));
    ResponseEntity<String> ack = acknowledge(ANALYTICS, ANALYTICS_SECRET, deliveryKey(optOut, ANALYTICS));
    completeAs("reviewer", "privacy-reviewers", manualTask(notify), "approved", true, "reviewNote", "Phoned their privacy desk");

    // then their branches end; only the failed one is left, with its incident
    assertThat(ack.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(delivery(optOut, ANALYTICS).status()).isEqualTo(DeliveryStatus.ACKNOWLEDGED);
    assertThat(delivery(optOut, PRINT_SHOP).status()).isEqualTo(DeliveryStatus.ACKNOWLEDGED);
    BpmnAwareTests.assertThat(notify).isActive().isWaitingAt("Task_DeliverNotification");
    assertThat(runtimeService.createExecutionQuery().processInstanceId(notify.getId()).activityId("Task_AwaitAcknowledgement").count())
        .isZero();
    assertThat(taskService.createTaskQuery().processInstanceId(notify.getId()).count()).isZero();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(notify.getId()).count()).isEqualTo(1);
  }

  @Test
  void callbackRecipientIsAwaitedUntilItAcknowledges() {
    // given
    ProcessInstance optOut = submit(RequestType.OPT_OUT_SHARING);
    ProcessInstance notify = startPropagation(optOut);
    recipientAnswers(AD_NETWORK, 200);
    recipientAnswers(ANALYTICS, 200);
    execute(deliveryJob(notify, AD_NETWORK));

    // when
    execute(deliveryJob(notify, ANALYTICS));

    // then
    BpmnAwareTests.assertThat(notify).isWaitingAt("Task_AwaitAcknowledgement");
    assertThat(delivery(optOut, ANALYTICS).status()).isEqualTo(DeliveryStatus.DELIVERED);

    // when
    ResponseEntity<String> ack = acknowledge(ANALYTICS, ANALYTICS_SECRET, deliveryKey(optOut, ANALYTICS));

    // then
    assertThat(ack.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(ack.getBody()).contains("ACKNOWLEDGED");
    Delivery acknowledged = delivery(optOut, ANALYTICS);
    assertThat(acknowledged.status()).isEqualTo(DeliveryStatus.ACKNOWLEDGED);
    assertThat(acknowledged.acknowledgedBy()).isEqualTo("recipient");
    BpmnAwareTests.assertThat(notify).hasPassed("Task_AwaitAcknowledgement", "Event_AllRecipientsConfirmed").isEnded();
    BpmnAwareTests.assertThat(optOut).isWaitingAt("Task_SendConfirmation");

    // when it acknowledges again
    int eventsBefore = events(optOut).size();
    ResponseEntity<String> again = acknowledge(ANALYTICS, ANALYTICS_SECRET, deliveryKey(optOut, ANALYTICS));

    // then nothing changes
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(delivery(optOut, ANALYTICS)).isEqualTo(acknowledged);
    assertThat(events(optOut)).hasSize(eventsBefore);
  }

  @Test
  void anAcknowledgementThatArrivesBeforeTheDeliveryIsAnsweredEndsTheBranchAtOnce() {
    // given: the recipient acknowledges (as asked in an earlier attempt whose answer was lost)
    ProcessInstance limit = submit(RequestType.LIMIT_SENSITIVE);
    ProcessInstance notify = startPropagation(limit);
    assertThat(acknowledge(ANALYTICS, ANALYTICS_SECRET, deliveryKey(limit, ANALYTICS)).getStatusCode()).isEqualTo(HttpStatus.OK);

    // when the delivery job runs
    execute(deliveryJob(notify, ANALYTICS));

    // then nothing is sent again and the branch does not wait for a second acknowledgement
    assertThat(recipients.findAll(postRequestedFor(urlEqualTo(hookPath(ANALYTICS))))).isEmpty();
    assertThat(runtimeService.createExecutionQuery().processInstanceId(notify.getId()).activityId("Task_AwaitAcknowledgement").count())
        .isZero();
    BpmnAwareTests.assertThat(notify).isWaitingAt("Task_NotifyRecipientByHand");
  }

  @Test
  void recipientWithoutEndpointIsNotifiedByHandUntilTheReviewerConfirms() {
    // given
    ProcessInstance limit = submit(RequestType.LIMIT_SENSITIVE);
    ProcessInstance notify = startPropagation(limit);

    // then
    BpmnAwareTests.assertThat(notify).isWaitingAt("Task_NotifyRecipientByHand");
    Task task = manualTask(notify);
    BpmnAwareTests.assertThat(task).hasCandidateGroup("privacy-reviewers").hasDefinitionKey("Task_NotifyRecipientByHand");
    assertThat(taskService.getVariable(task.getId(), "recipientName")).isEqualTo("Test Print Shop (contractor)");
    assertThat(taskService.getVariable(task.getId(), "recipientContact")).isEqualTo("privacy@print-shop.example");
    assertThat((String) taskService.getVariable(task.getId(), "caseFileUrl")).endsWith("/staff/cases/" + limit.getBusinessKey());
    assertThat(delivery(limit, PRINT_SHOP).status()).isEqualTo(DeliveryStatus.MANUAL_PENDING);

    // when the reviewer could not reach it yet
    completeAs("reviewer", "privacy-reviewers", task, "approved", false, "reviewNote", "Mailbox full, try again Monday");

    // then the note is kept and the task comes back
    Delivery notReached = delivery(limit, PRINT_SHOP);
    assertThat(notReached.note()).isEqualTo("Mailbox full, try again Monday");
    assertThat(notReached.status()).isEqualTo(DeliveryStatus.MANUAL_PENDING);
    assertThat(events(limit)).anyMatch(e -> e.kind().equals("RECIPIENT_NOT_REACHED"));
    BpmnAwareTests.assertThat(notify).hasPassed("Task_RecordManualNotice").isWaitingAt("Task_NotifyRecipientByHand");
    Task again = manualTask(notify);
    assertThat(again.getId()).isNotEqualTo(task.getId());

    // when it was reached
    completeAs(
        "reviewer", "privacy-reviewers", again, "approved", true, "reviewNote", "Emailed their privacy desk, confirmed by phone");

    // then
    Delivery notified = delivery(limit, PRINT_SHOP);
    assertThat(notified.status()).isEqualTo(DeliveryStatus.ACKNOWLEDGED);
    assertThat(notified.acknowledgedBy()).isEqualTo("staff:reviewer");
    assertThat(notified.note()).isEqualTo("Emailed their privacy desk, confirmed by phone");
    assertThat(events(limit)).anyMatch(e -> e.kind().equals("RECIPIENT_NOTIFIED_BY_HAND"));
    assertThat(manualTask(notify)).isNull();
    BpmnAwareTests.assertThat(notify).isActive(); // analytics is still to be sent
    assertThat(Decisions.all(verifier, new RequestId(limit.getBusinessKey()), "Task_NotifyRecipientByHand"))
        .extracting(e -> e.actor() + ": " + e.detail())
        .containsExactly(
            "reviewer: task=Task_NotifyRecipientByHand approved=false reviewNote=given",
            "reviewer: task=Task_NotifyRecipientByHand approved=true reviewNote=given");
  }

  @Test
  void fansOutToExactlyTheRecipientsRegisteredForTheType() {
    assertFanOut(RequestType.OPT_OUT_SALE, AD_NETWORK);
    assertFanOut(RequestType.OPT_OUT_SHARING, AD_NETWORK, ANALYTICS);
    assertFanOut(RequestType.OPT_OUT_ALL, AD_NETWORK, ANALYTICS, PRINT_SHOP);
    assertFanOut(RequestType.LIMIT_SENSITIVE, ANALYTICS, PRINT_SHOP);
  }

  private void assertFanOut(RequestType type, String... expected) {
    ProcessInstance request = submit(type);
    ProcessInstance notify = startPropagation(request);
    assertThat(deliveries.forRequest(request.getBusinessKey()))
        .as(type.name())
        .extracting(Delivery::recipientId)
        .containsExactlyInAnyOrder(expected);
    long branches =
        runtimeService.createExecutionQuery().processInstanceId(notify.getId()).activityId("Task_DeliverNotification").count()
            + runtimeService.createExecutionQuery().processInstanceId(notify.getId()).activityId("Task_NotifyRecipientByHand").count();
    assertThat(branches).as(type.name()).isEqualTo(expected.length);
  }
}
