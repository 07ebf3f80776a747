package com.privacycasemanager.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.privacycasemanager.datamap.Recipient;
import com.privacycasemanager.datamap.RecipientsRegistry;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestKind;
import com.privacycasemanager.request.RequestKinds;
import com.privacycasemanager.request.Subject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code ${recipientDeliveries}}: tells one recipient about a case and records delivery and
 * acknowledgement on the case. Sending runs in an async job: an exception here leaves the job to
 * the engine's retry cycle, and an exhausted cycle raises an incident that Cockpit shows.
 */
@Component("recipientDeliveries")
public class RecipientDeliveries {

  public static final String MESSAGE_ACKNOWLEDGED = "RecipientAcknowledged";
  public static final String MESSAGE_CONFIRMED_BY_STAFF = "RecipientConfirmedByStaff";
  static final String RECIPIENT_ID = "recipientId";

  private static final Logger log = LoggerFactory.getLogger(RecipientDeliveries.class);

  private final RecipientsRegistry registry;
  private final DeliveryRepository deliveries;
  private final CaseRepository cases;
  private final RuntimeService runtime;
  private final ObjectMapper json;
  private final Clock clock;
  private final HttpClient http;
  private final Duration timeout;
  private final String publicBaseUrl;
  private final TransactionTemplate newTransaction;
  private final String reminderAfter;
  private final String escalateAfter;
  private final RequestKinds kinds;

  public RecipientDeliveries(
      RecipientsRegistry registry,
      DeliveryRepository deliveries,
      CaseRepository cases,
      @Lazy RuntimeService runtime,
      ObjectMapper json,
      Clock clock,
      @Value("${privacy.recipients.timeout}") Duration timeout,
      @Value("${privacy.public-base-url}") String publicBaseUrl,
      @Value("${privacy.recipients.reminder-after:P7D}") Duration reminderAfter,
      @Value("${privacy.recipients.escalate-after:P14D}") Duration escalateAfter,
      PlatformTransactionManager transactions,
      RequestKinds kinds) {
    this.reminderAfter = reminderAfter.toString();
    this.escalateAfter = escalateAfter.toString();
    this.kinds = kinds;
    this.registry = registry;
    this.deliveries = deliveries;
    this.cases = cases;
    this.runtime = runtime;
    this.json = json;
    this.clock = clock;
    this.timeout = timeout;
    this.publicBaseUrl = publicBaseUrl;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Task_RecordDelivery: one row per recipient, before anything is sent. */
  public void open(DelegateExecution execution) {
    Recipient recipient = registry.get(recipientId(execution));
    deliveries.open(
        execution.getProcessBusinessKey(),
        recipient.id(),
        recipient.hasEndpoint() ? DeliveryStatus.PENDING : DeliveryStatus.MANUAL_PENDING);
  }

  /** Task_DeliverNotification: the signed webhook. Throws (so the job is retried) unless answered 2xx. */
  public void deliver(DelegateExecution execution) throws IOException, InterruptedException {
    send(execution, false);
  }

  /**
   * Task_SendReminder: the recipient has not acknowledged within {@code
   * privacy.recipients.reminder-after}; the same notice goes again (same Idempotency-Key) marked
   * as a reminder.
   */
  public void remind(DelegateExecution execution) throws IOException, InterruptedException {
    send(execution, true);
  }

  /** How long a recipient has to acknowledge before it is reminded (an ISO-8601 duration). */
  public String getReminderAfter() {
    return reminderAfter;
  }

  /** How long a deletion waits for every recipient to acknowledge before officers are asked. */
  public String getEscalateAfter() {
    return escalateAfter;
  }

  private void send(DelegateExecution execution, boolean reminder) throws IOException, InterruptedException {
    String requestId = execution.getProcessBusinessKey();
    Recipient recipient = registry.get(recipientId(execution));
    String key = DeliveryRepository.deliveryKey(requestId, recipient.id());
    if (deliveries.find(requestId, recipient.id()).map(d -> d.status() == DeliveryStatus.ACKNOWLEDGED).orElse(false)) {
      return; // confirmed meanwhile (for example by callback after a lost response): nothing to resend
    }
    Map<String, Object> payload = payload(cases.get(new RequestId(requestId)), recipient, key);
    if (reminder) {
      payload.put("reminder", true);
    }
    byte[] body = json.writeValueAsBytes(payload);
    Instant now = clock.instant();
    long timestamp = Instant.now().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(recipient.endpoint())
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .header(WebhookSigner.TIMESTAMP_HEADER, String.valueOf(timestamp))
            .header(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(recipient.secret(), timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      inNewTransaction(() -> deliveries.recordAttempt(key, now, null, e.getClass().getSimpleName()));
      log.warn("Delivery {} to recipient {} failed: {}", requestId, recipient.id(), e.getClass().getSimpleName());
      throw e;
    }
    if (status < 200 || status >= 300) {
      inNewTransaction(() -> deliveries.recordAttempt(key, now, status, "HTTP " + status));
      log.warn("Delivery {} to recipient {} answered HTTP {}", requestId, recipient.id(), status);
      throw new DeliveryFailedException(recipient.id(), status);
    }
    deliveries.recordAttempt(key, now, status, null);
    deliveries.markDelivered(key, now);
    if (recipient.acknowledgement() == Recipient.Acknowledgement.ON_DELIVERY) {
      deliveries.markAcknowledged(key, now, "recipient", null);
    }
    cases.recordEvent(new RequestId(requestId), reminder ? "RECIPIENT_REMINDED" : "RECIPIENT_NOTIFIED", "recipient=" + recipient.id() + " http=" + status, now);
  }

  /** Gateway_Acknowledged: did the delivery itself confirm (or a callback arrive already)? */
  public boolean isAcknowledged(DelegateExecution execution) {
    return deliveries
        .find(execution.getProcessBusinessKey(), recipientId(execution))
        .map(d -> d.status() == DeliveryStatus.ACKNOWLEDGED)
        .orElse(false);
  }

  /** Task_RecordManualNotice: what the reviewer recorded about a notice given by hand. */
  public void recordManual(DelegateExecution execution) {
    String requestId = execution.getProcessBusinessKey();
    String recipientId = recipientId(execution);
    String key = DeliveryRepository.deliveryKey(requestId, recipientId);
    Object note = execution.getVariable("reviewNote");
    String noteText = note == null ? null : note.toString();
    Instant now = clock.instant();
    if (Boolean.TRUE.equals(execution.getVariable("approved"))) {
      deliveries.markAcknowledged(key, now, "staff:" + currentUser(), noteText);
      cases.recordEvent(new RequestId(requestId), "RECIPIENT_NOTIFIED_BY_HAND", "recipient=" + recipientId, now);
    } else {
      deliveries.addNote(key, noteText);
      cases.recordEvent(new RequestId(requestId), "RECIPIENT_NOT_REACHED", "recipient=" + recipientId, now);
    }
  }

  /**
   * Task_ConfirmOutstanding (in the request process, after the officer approved): every recipient
   * still outstanding is recorded as confirmed by staff, and its branch of the called
   * notify-recipients process is ended through the {@value #MESSAGE_CONFIRMED_BY_STAFF} event.
   */
  public void confirmOutstanding(DelegateExecution execution) {
    String requestId = execution.getProcessBusinessKey();
    Instant now = clock.instant();
    String by = "staff:" + currentUser();
    Object note = execution.getVariable("reviewNote");
    for (Delivery delivery : deliveries.forRequest(requestId)) {
      if (delivery.status() == DeliveryStatus.ACKNOWLEDGED) {
        continue;
      }
      deliveries.markAcknowledged(delivery.deliveryKey(), now, by, note == null ? null : note.toString());
      cases.recordEvent(new RequestId(requestId), "RECIPIENT_CONFIRMED_BY_STAFF", "recipient=" + delivery.recipientId(), now);
      // The officer may not update the called process; recording their decision there is ours to do.
      Context.getCommandContext()
          .runWithoutAuthorization(
              (java.util.concurrent.Callable<Object>)
                  () -> {
                    deliverMessage(requestId, delivery.recipientId(), MESSAGE_CONFIRMED_BY_STAFF);
                    return null;
                  });
    }
  }

  /**
   * A recipient's signed acknowledgement. Returns false when the delivery is unknown. Idempotent:
   * a repeated acknowledgement changes nothing.
   */
  @Transactional
  public boolean acknowledgeByRecipient(String recipientId, String deliveryKey) {
    Delivery delivery = deliveries.findByKey(deliveryKey).orElse(null);
    if (delivery == null || !delivery.recipientId().equals(recipientId)) {
      return false;
    }
    Instant now = clock.instant();
    if (deliveries.markAcknowledged(deliveryKey, now, "recipient", null)) {
      cases.recordEvent(new RequestId(delivery.requestId()), "RECIPIENT_ACKNOWLEDGED", "recipient=" + recipientId, now);
      deliverMessage(delivery.requestId(), recipientId, MESSAGE_ACKNOWLEDGED);
    }
    return true;
  }

  /**
   * Delivers a message to the branch of a recipient. The waiting execution is a child of the branch
   * scope that holds {@code recipientId}, so subscriptions are matched by the variable as the
   * waiting execution sees it (inherited), not by a local variable.
   */
  private void deliverMessage(String requestId, String recipientId, String message) {
    List<String> instances =
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestId).list().stream()
            .map(p -> p.getId())
            .toList();
    for (String instance : instances) {
      for (var subscription :
          runtime.createEventSubscriptionQuery().processInstanceId(instance).eventType("message").eventName(message).list()) {
        if (recipientId.equals(runtime.getVariable(subscription.getExecutionId(), RECIPIENT_ID))) {
          runtime.messageEventReceived(message, subscription.getExecutionId());
        }
      }
    }
  }

  private Map<String, Object> payload(CaseRecord record, Recipient recipient, String key) {
    Subject subject = record.subject();
    Map<String, Object> consumer = new LinkedHashMap<>();
    if (subject.hasEmail()) {
      consumer.put("email", subject.email());
    }
    if (subject.hasAccount()) {
      consumer.put("accountId", subject.accountId());
    }
    if (subject.hasDevice()) {
      consumer.put("deviceId", subject.deviceId());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("deliveryKey", key);
    body.put("requestId", record.requestId().value());
    body.put("requestType", record.type().name());
    RequestKind kind = kinds.of(record);
    body.put("instructions", kind.recipientInstructions(record, recipient.categories()));
    body.put("consumer", consumer);
    body.putAll(kind.recipientDetails(record, recipient.id(), recipient.categories()));
    body.put("receivedAt", record.receivedAt().toString());
    body.put("respondBy", record.dueAt().toString());
    if (recipient.acknowledgement() == Recipient.Acknowledgement.CALLBACK) {
      body.put("acknowledgeUrl", publicBaseUrl + "/api/recipients/" + recipient.id() + "/acknowledgements");
    }
    return body;
  }

  private static String recipientId(DelegateExecution execution) {
    return (String) execution.getVariable(RECIPIENT_ID);
  }

  private static String currentUser() {
    Authentication auth = Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthentication();
    return auth == null ? "unknown" : auth.getUserId();
  }

  /** Failed attempts are recorded even though the job's own transaction rolls back. */
  private void inNewTransaction(Runnable work) {
    newTransaction.executeWithoutResult(status -> work.run());
  }

  /** A non-2xx answer: the job fails and is retried. */
  public static class DeliveryFailedException extends RuntimeException {
    public DeliveryFailedException(String recipientId, int status) {
      super("recipient " + recipientId + " answered HTTP " + status);
    }
  }
}
