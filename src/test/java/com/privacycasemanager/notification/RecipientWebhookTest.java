package com.privacycasemanager.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.privacycasemanager.intake.IntakeRequest;
import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.support.CaseTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Recipients' webhooks against WireMock: signatures, retries, incidents, acknowledgements. */
class RecipientWebhookTest extends CaseTestSupport {

  @Autowired IntakeService intake;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired DeliveryRepository deliveries;
  @Autowired TestRestTemplate http;
  @Autowired ObjectMapper json;

  @Test
  void theNotificationIsSignedAndCarriesWhatTheRecipientNeeds() throws Exception {
    recipients.stubFor(post(urlPathEqualTo("/hooks/ad-network")).willReturn(aResponse().withStatus(204)));
    String id = submit("OPT_OUT_SALE", "signed@example.com");
    ProcessInstance notify = notifyInstanceAfterAcknowledgement(id);

    runJob(notify);

    LoggedRequest request = recipients.findAll(postRequestedFor(urlPathEqualTo("/hooks/ad-network"))).get(0);
    byte[] body = request.getBody();
    String timestamp = request.getHeader(WebhookSigner.TIMESTAMP_HEADER);
    assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(60);
    assertThat(request.getHeader(WebhookSigner.SIGNATURE_HEADER))
        .isEqualTo(WebhookSigner.sign("test-webhook-secret-ad-network", Long.parseLong(timestamp), body));
    assertThat(WebhookSigner.verify("another-secret-entirely", timestamp, body, request.getHeader(WebhookSigner.SIGNATURE_HEADER))).isFalse();
    assertThat(request.getHeader("Idempotency-Key")).isEqualTo(id + ":ad-network");
    JsonNode payload = json.readTree(new String(body, StandardCharsets.UTF_8));
    assertThat(payload.path("deliveryKey").asText()).isEqualTo(id + ":ad-network");
    assertThat(payload.path("requestId").asText()).isEqualTo(id);
    assertThat(payload.path("requestType").asText()).isEqualTo("OPT_OUT_SALE");
    assertThat(payload.path("instructions").toString()).isEqualTo("[\"STOP_SALE\"]");
    assertThat(payload.path("consumer").path("email").asText()).isEqualTo("signed@example.com");
    assertThat(payload.has("acknowledgeUrl")).as("ON_DELIVERY recipients confirm with their answer").isFalse();

    assertThat(notify).isEnded();
    Delivery delivery = deliveries.find(id, "ad-network").orElseThrow();
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.ACKNOWLEDGED);
    assertThat(delivery.lastResponseCode()).isEqualTo(204);
    assertThat(delivery.acknowledgedBy()).isEqualTo("recipient");
  }

  @Test
  void aServerErrorIsRetriedAndRecordedAndALaterSuccessCompletes() {
    recipients.stubFor(post(urlPathEqualTo("/hooks/ad-network")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
    recipients.stubFor(post(urlPathEqualTo("/hooks/ad-network")).inScenario("flaky").whenScenarioStateIs("recovered")
        .willReturn(aResponse().withStatus(200)));
    String id = submit("OPT_OUT_SALE", "flaky@example.com");
    ProcessInstance notify = notifyInstanceAfterAcknowledgement(id);

    Job delivery = management.createJobQuery().processInstanceId(notify.getId()).singleResult();
    assertThat(catchThrowable(() -> management.executeJob(delivery.getId()))).isNotNull();
    Job retried = management.createJobQuery().jobId(delivery.getId()).singleResult();
    assertThat(retried.getRetries()).isEqualTo(4);
    assertThat(retried.getExceptionMessage()).contains("HTTP 500");
    Delivery failed = deliveries.find(id, "ad-network").orElseThrow();
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastResponseCode()).isEqualTo(500);
    assertThat(failed.status()).isEqualTo(DeliveryStatus.PENDING);

    management.executeJob(retried.getId());
    assertThat(notify).isEnded();
    assertThat(deliveries.find(id, "ad-network").orElseThrow().attempts()).isEqualTo(2);
    recipients.verify(2, postRequestedFor(urlPathEqualTo("/hooks/ad-network")).withHeader("Idempotency-Key", equalTo(id + ":ad-network")));
  }

  @Test
  void exhaustedRetriesRaiseAnIncidentForThatRecipientOnly() {
    recipients.stubFor(post(urlPathEqualTo("/hooks/ad-network")).willReturn(aResponse().withStatus(503)));
    recipients.stubFor(post(urlPathEqualTo("/hooks/analytics")).willReturn(aResponse().withStatus(200)));
    String id = submit("OPT_OUT_SHARING", "exhausted@example.com");
    ProcessInstance notify = notifyInstanceAfterAcknowledgement(id);

    for (int attempt = 0; attempt < 10; attempt++) {
      for (Job job : management.createJobQuery().processInstanceId(notify.getId()).withRetriesLeft().list()) {
        catchThrowable(() -> management.executeJob(job.getId()));
      }
    }

    List<Incident> incidents = runtime.createIncidentQuery().processInstanceId(notify.getId()).list();
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).getActivityId()).isEqualTo("Task_DeliverNotification");
    assertThat(incidents.get(0).getIncidentMessage()).contains("ad-network").contains("503");
    // R5/PT10M: five attempts in all, then the incident
    assertThat(deliveries.find(id, "ad-network").orElseThrow().attempts()).isEqualTo(5);
    // the analytics branch went on independently and now waits for its callback
    assertThat(deliveries.find(id, "analytics").orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(notify).isWaitingAt("Task_DeliverNotification", "Task_AwaitAcknowledgement");
  }

  @Test
  void aCallbackRecipientIsAwaitedUntilItAcknowledgesWithAValidSignature() {
    recipients.stubFor(post(urlPathEqualTo("/hooks/analytics")).willReturn(aResponse().withStatus(202)));
    recipients.stubFor(post(urlPathEqualTo("/hooks/ad-network")).willReturn(aResponse().withStatus(200)));
    String id = submit("OPT_OUT_SHARING", "callback@example.com");
    ProcessInstance notify = notifyInstanceAfterAcknowledgement(id);
    for (Job job : management.createJobQuery().processInstanceId(notify.getId()).list()) {
      management.executeJob(job.getId());
    }
    assertThat(notify).isWaitingAt("Task_AwaitAcknowledgement");
    String key = id + ":analytics";
    String body = "{\"deliveryKey\":\"" + key + "\"}";

    assertThat(ack("analytics", body, "test-webhook-secret-wrong!!", Instant.now()).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(ack("analytics", body, "test-webhook-secret-analytics", Instant.now().minusSeconds(600)).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(ack("no-such-recipient", body, "test-webhook-secret-analytics", Instant.now()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(ack("analytics", "{\"deliveryKey\":\"CCPA-20200101-00000000:analytics\"}", "test-webhook-secret-analytics", Instant.now())
            .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<JsonNode> malformed = ack("analytics", "{\"key\":1}", "test-webhook-secret-analytics", Instant.now());
    assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(malformed.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    assertThat(malformed.getBody().path("fields").has("deliveryKey")).isTrue();
    assertThat(notify).isWaitingAt("Task_AwaitAcknowledgement");

    assertThat(ack("analytics", body, "test-webhook-secret-analytics", Instant.now()).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(notify).isEnded();
    Delivery acknowledged = deliveries.find(id, "analytics").orElseThrow();
    assertThat(acknowledged.status()).isEqualTo(DeliveryStatus.ACKNOWLEDGED);
    // a repeated acknowledgement is accepted and changes nothing
    assertThat(ack("analytics", body, "test-webhook-secret-analytics", Instant.now()).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(deliveries.find(id, "analytics").orElseThrow().acknowledgedAt()).isEqualTo(acknowledged.acknowledgedAt());
  }

  @Test
  void eachRequestTypeGoesToTheRecipientsRegisteredForIt() {
    recipients.stubFor(post(urlPathEqualTo("/hooks/ad-network")).willReturn(aResponse().withStatus(200)));
    String sale = submit("OPT_OUT_SALE", "fanout.sale@example.com");
    notifyInstanceAfterAcknowledgement(sale);
    assertThat(deliveries.forRequest(sale)).extracting(Delivery::recipientId).containsExactly("ad-network");
    String all = submit("OPT_OUT_ALL", "fanout.all@example.com");
    notifyInstanceAfterAcknowledgement(all);
    assertThat(deliveries.forRequest(all)).extracting(Delivery::recipientId).containsExactly("ad-network", "analytics", "print-shop");
    String limit = submit("LIMIT_SENSITIVE", "fanout.limit@example.com");
    notifyInstanceAfterAcknowledgement(limit);
    assertThat(deliveries.forRequest(limit)).extracting(Delivery::recipientId).containsExactly("analytics", "print-shop");
  }

  private ResponseEntity<JsonNode> ack(String recipient, String body, String secret, Instant at) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set(WebhookSigner.TIMESTAMP_HEADER, String.valueOf(at.getEpochSecond()));
    headers.set(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(secret, at.getEpochSecond(), bytes));
    return http.postForEntity("/api/recipients/" + recipient + "/acknowledgements", new HttpEntity<>(bytes, headers), JsonNode.class);
  }

  private String submit(String type, String email) {
    return intake.submit(new IntakeRequest(type, email, null, null, null, null, null, null, null, null), Channel.API, null)
        .record().requestId().value();
  }

  /** Runs the acknowledgement email; the request process then calls notify-recipients. */
  private ProcessInstance notifyInstanceAfterAcknowledgement(String requestId) {
    ProcessInstance parent = runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestId).list().stream()
        .filter(p -> !p.getProcessDefinitionId().startsWith("notify-recipients")).findFirst().orElseThrow();
    runJob(parent);
    return runtime.createProcessInstanceQuery().superProcessInstanceId(parent.getId()).singleResult();
  }

  private void runJob(ProcessInstance instance) {
    management.executeJob(management.createJobQuery().processInstanceId(instance.getId()).executable().list().get(0).getId());
  }
}
