package com.privacycasemanager.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.support.CaseTestSupport;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code POST /api/privacy/requests} and the status look-up: what they accept, and every way they refuse. */
class IntakeApiTest extends CaseTestSupport {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired Secrets secrets;

  @Test
  void anOptOutIsAcceptedWithItsIdStatusAndDueDate() {
    ResponseEntity<JsonNode> response = post("{\"type\":\"OPT_OUT_ALL\",\"email\":\"api.user@example.com\",\"name\":\"Api User\"}", null);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    JsonNode body = response.getBody();
    assertThat(RequestId.isValid(body.path("requestId").asText())).isTrue();
    assertThat(body.path("status").asText()).isEqualTo("IN_EFFECT");
    Instant received = Instant.parse(body.path("receivedAt").asText());
    Instant due = Instant.parse(body.path("dueAt").asText());
    assertThat(due).isAfter(received.plusSeconds(14 * 86400)).isBefore(received.plusSeconds(30 * 86400));
  }

  @Test
  void theSameIdempotencyKeyReturnsTheSameRequest() {
    String body = "{\"type\":\"OPT_OUT_SALE\",\"email\":\"idem@example.com\"}";
    ResponseEntity<JsonNode> first = post(body, "key-123e4567");
    ResponseEntity<JsonNode> again = post(body, "key-123e4567");
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(again.getBody().path("requestId")).isEqualTo(first.getBody().path("requestId"));
    assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
    assertThat(count("idem@example.com")).isEqualTo(1);

    ResponseEntity<JsonNode> other = post("{\"type\":\"OPT_OUT_SALE\",\"email\":\"someone.else@example.com\"}", "key-123e4567");
    assertProblem(other, HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key");
    assertThat(count("someone.else@example.com")).isZero();
  }

  @Test
  void invalidFieldsAreNamed() {
    assertProblem(post("{\"email\":\"a@example.com\"}", null), HttpStatus.BAD_REQUEST, "type");
    assertProblem(post("{\"type\":\"OPT_OUT_EVERYTHING\",\"email\":\"a@example.com\"}", null), HttpStatus.BAD_REQUEST, "type");
    assertProblem(post("{\"type\":\"OPT_OUT_ALL\",\"email\":\"not an email\"}", null), HttpStatus.BAD_REQUEST, "email");
    assertProblem(post("{\"type\":\"OPT_OUT_ALL\"}", null), HttpStatus.BAD_REQUEST, "email");
    assertProblem(post("{\"type\":\"OPT_OUT_ALL\",\"email\":\"a@example.com\",\"phone\":\"call me\"}", null), HttpStatus.BAD_REQUEST, "phone");
    assertProblem(post("{\"type\":\"OPT_OUT_ALL\",\"deviceId\":\"x\"}", null), HttpStatus.BAD_REQUEST, "deviceId");
    assertProblem(post("{\"type\":\"OPT_OUT_ALL\",\"email\":\"a@example.com\",\"name\":\"" + "n".repeat(201) + "\"}", null), HttpStatus.BAD_REQUEST, "name");
    assertProblem(post("{\"type\":\"OPT_OUT_ALL\",\"email\":\"a@example.com\",\"favouriteColour\":\"blue\"}", null), HttpStatus.BAD_REQUEST, "favouriteColour");
    assertProblem(post("{\"type\":\"OPT_OUT_ALL\",\"email\":\"a@example.com\",\"includeBeyond12Months\":\"often\"}", null), HttpStatus.BAD_REQUEST, "includeBeyond12Months");
    assertProblem(post("{\"type\":\"OPT_OUT_ALL\",\"email\":\"a@example.com\",\"agent\":{\"name\":\"Agent Smith\"}}", null), HttpStatus.BAD_REQUEST, "agent.permission");
    assertThat(count("a@example.com")).isZero();
  }

  @Test
  void optOutsDoNotAskForVerification() {
    ResponseEntity<JsonNode> response =
        post("{\"type\":\"OPT_OUT_ALL\",\"email\":\"v@example.com\",\"dataPoints\":{\"zip\":\"94105\"},\"declaration\":{\"signedName\":\"V\",\"accepted\":true}}", null);
    assertProblem(response, HttpStatus.BAD_REQUEST, "dataPoints");
    assertThat(response.getBody().path("fields").path("declaration").asText()).contains("no verification");
    assertThat(count("v@example.com")).isZero();
  }

  @Test
  void malformedBodiesAndWrongMethodsGetProblemsNotStackTraces() {
    assertProblem(post("{\"type\":", null), HttpStatus.BAD_REQUEST, null);
    assertProblem(post("[]", null), HttpStatus.BAD_REQUEST, null);
    assertProblem(post("", null), HttpStatus.BAD_REQUEST, null);

    HttpHeaders text = new HttpHeaders();
    text.setContentType(MediaType.TEXT_PLAIN);
    ResponseEntity<JsonNode> wrongType =
        http.postForEntity("/api/privacy/requests", new HttpEntity<>("type=OPT_OUT_ALL", text), JsonNode.class);
    assertProblem(wrongType, HttpStatus.UNSUPPORTED_MEDIA_TYPE, null);

    ResponseEntity<JsonNode> put = http.exchange("/api/privacy/requests", HttpMethod.PUT, json("{}", null), JsonNode.class);
    assertProblem(put, HttpStatus.METHOD_NOT_ALLOWED, null);

    ResponseEntity<JsonNode> badKey = post("{\"type\":\"OPT_OUT_ALL\",\"email\":\"b@example.com\"}", "x".repeat(201));
    assertProblem(badKey, HttpStatus.BAD_REQUEST, "Idempotency-Key");
  }

  @Test
  void oversizedBodiesAreRefusedBeforeParsing() {
    String huge = "{\"type\":\"OPT_OUT_ALL\",\"email\":\"big@example.com\",\"name\":\"" + "x".repeat(20_000) + "\"}";
    ResponseEntity<JsonNode> response = post(huge, null);
    assertProblem(response, HttpStatus.PAYLOAD_TOO_LARGE, null);
    assertThat(count("big@example.com")).isZero();
  }

  @Test
  void statusLookUpNeedsTheEmailedToken() {
    String id = post("{\"type\":\"OPT_OUT_SALE\",\"email\":\"status@example.com\"}", null).getBody().path("requestId").asText();
    String token = secrets.statusToken(new RequestId(id));

    ResponseEntity<JsonNode> ok = http.getForEntity("/api/privacy/requests/" + id + "?token=" + token, JsonNode.class);
    assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(ok.getBody().path("requestId").asText()).isEqualTo(id);
    assertThat(ok.getBody().path("type").asText()).isEqualTo("OPT_OUT_SALE");
    assertThat(ok.getBody().path("status").asText()).isEqualTo("IN_EFFECT");
    assertThat(ok.getBody().toString()).doesNotContain("status@example.com");

    assertProblem(http.getForEntity("/api/privacy/requests/" + id + "?token=wrong", JsonNode.class), HttpStatus.NOT_FOUND, null);
    assertProblem(http.getForEntity("/api/privacy/requests/" + id, JsonNode.class), HttpStatus.BAD_REQUEST, "token");
    assertProblem(http.getForEntity("/api/privacy/requests/not-an-id?token=" + token, JsonNode.class), HttpStatus.BAD_REQUEST, "id");
    String unknown = "CCPA-20200101-00000000";
    assertProblem(
        http.getForEntity("/api/privacy/requests/" + unknown + "?token=" + secrets.statusToken(new RequestId(unknown)), JsonNode.class),
        HttpStatus.NOT_FOUND,
        null);
  }

  private ResponseEntity<JsonNode> post(String body, String idempotencyKey) {
    return http.postForEntity("/api/privacy/requests", json(body, idempotencyKey), JsonNode.class);
  }

  private static HttpEntity<String> json(String body, String idempotencyKey) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (idempotencyKey != null) {
      headers.set("Idempotency-Key", idempotencyKey);
    }
    return new HttpEntity<>(body, headers);
  }

  private int count(String email) {
    return jdbc.queryForObject("select count(*) from privacy_case where subject_email = ?", Integer.class, email);
  }

  static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String field) {
    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType()).isNotNull();
    assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .as("content type %s", response.getHeaders().getContentType())
        .isTrue();
    JsonNode body = response.getBody();
    assertThat(body.path("status").asInt()).isEqualTo(status.value());
    assertThat(body.path("type").asText()).startsWith("https://");
    assertThat(body.toString()).doesNotContain("Exception").doesNotContain("at com.");
    if (field != null) {
      assertThat(body.path("fields").has(field)).as("fields has %s in %s", field, body).isTrue();
    }
  }
}
