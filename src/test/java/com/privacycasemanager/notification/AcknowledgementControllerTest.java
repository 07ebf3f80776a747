package com.privacycasemanager.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.privacycasemanager.request.RequestType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * {@code POST /api/recipients/{id}/acknowledgements}: only a fresh acknowledgement signed with the
 * recipient's own secret, for one of its own deliveries, moves anything.
 */
class AcknowledgementControllerTest extends NotificationTestSupport {

  @Autowired ObjectMapper json;

  ProcessInstance limit;
  ProcessInstance notify;
  Delivery before;

  @BeforeEach
  void analyticsWaitsForItsAcknowledgement() {
    limit = submit(RequestType.LIMIT_SENSITIVE);
    notify = startPropagation(limit);
    recipientAnswers(ANALYTICS, 200);
    execute(deliveryJob(notify, ANALYTICS));
    before = delivery(limit, ANALYTICS);
    assertThat(before.status()).isEqualTo(DeliveryStatus.DELIVERED);
  }

  @Test
  void signatureWithAnotherSecretIsRefused() throws Exception {
    ResponseEntity<String> response =
        postAcknowledgement(ANALYTICS, AD_NETWORK_SECRET, now(), ackBody(deliveryKey(limit, ANALYTICS)));

    assertProblem(response, HttpStatus.UNAUTHORIZED);
    assertNothingChanged();
  }

  @Test
  void signatureOverAnotherBodyIsRefused() throws Exception {
    String timestamp = String.valueOf(now());
    HttpHeaders headers = jsonHeaders();
    headers.set("X-PCM-Timestamp", timestamp);
    headers.set("X-PCM-Signature", signature(ANALYTICS_SECRET, timestamp, bytes(ackBody("something-else"))));

    ResponseEntity<String> response = postAcknowledgement(ANALYTICS, headers, bytes(ackBody(deliveryKey(limit, ANALYTICS))));

    assertProblem(response, HttpStatus.UNAUTHORIZED);
    assertNothingChanged();
  }

  @Test
  void staleOrFutureTimestampIsRefused() throws Exception {
    String body = ackBody(deliveryKey(limit, ANALYTICS));

    assertProblem(postAcknowledgement(ANALYTICS, ANALYTICS_SECRET, now() - 6 * 60, body), HttpStatus.UNAUTHORIZED);
    assertProblem(postAcknowledgement(ANALYTICS, ANALYTICS_SECRET, now() + 6 * 60, body), HttpStatus.UNAUTHORIZED);
    // a signed timestamp so far off that the age computation overflows is still stale
    assertProblem(
        postAcknowledgement(ANALYTICS, ANALYTICS_SECRET, now() + Long.MIN_VALUE, body), HttpStatus.UNAUTHORIZED);
    assertNothingChanged();
  }

  @Test
  void missingOrUnreadableSignatureHeadersAreRefused() throws Exception {
    byte[] body = bytes(ackBody(deliveryKey(limit, ANALYTICS)));
    assertProblem(postAcknowledgement(ANALYTICS, jsonHeaders(), body), HttpStatus.UNAUTHORIZED);

    HttpHeaders notANumber = jsonHeaders();
    notANumber.set("X-PCM-Timestamp", "yesterday");
    notANumber.set("X-PCM-Signature", signature(ANALYTICS_SECRET, "yesterday", body));
    assertProblem(postAcknowledgement(ANALYTICS, notANumber, body), HttpStatus.UNAUTHORIZED);
    assertNothingChanged();
  }

  @Test
  void unknownDeliveryKeyIsNotFound() throws Exception {
    ResponseEntity<String> response =
        postAcknowledgement(ANALYTICS, ANALYTICS_SECRET, now(), ackBody("CCPA-20260101-00000000:analytics"));

    assertProblem(response, HttpStatus.NOT_FOUND);
    assertNothingChanged();
  }

  @Test
  void anotherRecipientsDeliveryKeyIsNotFound() throws Exception {
    ResponseEntity<String> response =
        postAcknowledgement(ANALYTICS, ANALYTICS_SECRET, now(), ackBody(deliveryKey(limit, PRINT_SHOP)));

    assertProblem(response, HttpStatus.NOT_FOUND);
    assertThat(delivery(limit, PRINT_SHOP).status()).isEqualTo(DeliveryStatus.MANUAL_PENDING);
    assertNothingChanged();
  }

  @Test
  void unknownRecipientOrOneWithoutEndpointIsNotFound() throws Exception {
    String body = ackBody(deliveryKey(limit, ANALYTICS));

    assertProblem(postAcknowledgement("nobody", ANALYTICS_SECRET, now(), body), HttpStatus.NOT_FOUND);
    assertProblem(
        postAcknowledgement(PRINT_SHOP, ANALYTICS_SECRET, now(), ackBody(deliveryKey(limit, PRINT_SHOP))),
        HttpStatus.NOT_FOUND);
    assertThat(delivery(limit, PRINT_SHOP).status()).isEqualTo(DeliveryStatus.MANUAL_PENDING);
    assertNothingChanged();
  }

  @Test
  void malformedBodyIsABadRequest() throws Exception {
    ResponseEntity<String> notJson = postAcknowledgement(ANALYTICS, ANALYTICS_SECRET, now(), "{\"deliveryKey\": ");
    assertProblem(notJson, HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(notJson.getBody()).path("fields").has("deliveryKey")).isTrue();

    ResponseEntity<String> wrongType = postAcknowledgement(ANALYTICS, ANALYTICS_SECRET, now(), "{\"deliveryKey\": 42}");
    assertProblem(wrongType, HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(wrongType.getBody()).path("fields").has("deliveryKey")).isTrue();

    assertProblem(postAcknowledgement(ANALYTICS, ANALYTICS_SECRET, now(), "[]"), HttpStatus.BAD_REQUEST);
    assertProblem(postAcknowledgement(ANALYTICS, ANALYTICS_SECRET, now(), ""), HttpStatus.BAD_REQUEST);
    assertProblem(
        postAcknowledgement(ANALYTICS, ANALYTICS_SECRET, now(), "{\"deliveryKey\":\"" + "x".repeat(5000) + "\"}"),
        HttpStatus.BAD_REQUEST);
    assertNothingChanged();
  }

  @Test
  void bodyThatIsNotJsonIsRefusedAsProblem() throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.TEXT_PLAIN);
    ResponseEntity<String> response = postAcknowledgement(ANALYTICS, headers, bytes(ackBody(deliveryKey(limit, ANALYTICS))));

    assertProblem(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    assertNothingChanged();
  }

  @Test
  void correctAcknowledgementIsAcceptedOnceAndRepeatsChangeNothing() throws Exception {
    String body = ackBody(deliveryKey(limit, ANALYTICS));

    ResponseEntity<String> first = postAcknowledgement(ANALYTICS, ANALYTICS_SECRET, now(), body);
    Delivery acknowledged = delivery(limit, ANALYTICS);
    int events = events(limit).size();
    ResponseEntity<String> second = postAcknowledgement(ANALYTICS, ANALYTICS_SECRET, now(), body);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(first.getBody()).path("status").asText()).isEqualTo("ACKNOWLEDGED");
    assertThat(acknowledged.status()).isEqualTo(DeliveryStatus.ACKNOWLEDGED);
    assertThat(acknowledged.acknowledgedBy()).isEqualTo("recipient");
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(second.getBody()).isEqualTo(first.getBody());
    assertThat(delivery(limit, ANALYTICS)).isEqualTo(acknowledged);
    assertThat(events(limit)).hasSize(events);
    assertThat(events(limit)).filteredOn(e -> e.kind().equals("RECIPIENT_ACKNOWLEDGED")).hasSize(1);
    BpmnAwareTests.assertThat(notify).hasPassed("Task_AwaitAcknowledgement").isWaitingAt("Task_NotifyRecipientByHand");
  }

  private void assertProblem(ResponseEntity<String> response, HttpStatus status) throws Exception {
    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType()).isNotNull();
    assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .as("content type %s", response.getHeaders().getContentType())
        .isTrue();
    JsonNode problem = json.readTree(response.getBody());
    assertThat(problem.path("status").asInt()).isEqualTo(status.value());
    assertThat(problem.path("type").asText()).isNotBlank();
    assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("at com.");
  }

  private void assertNothingChanged() {
    assertThat(delivery(limit, ANALYTICS)).isEqualTo(before);
    BpmnAwareTests.assertThat(notify).isWaitingAt("Task_AwaitAcknowledgement");
    assertThat(events(limit)).noneMatch(e -> e.kind().equals("RECIPIENT_ACKNOWLEDGED"));
  }

  private static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  private static String ackBody(String deliveryKey) {
    return "{\"deliveryKey\":\"" + deliveryKey + "\"}";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }
}
