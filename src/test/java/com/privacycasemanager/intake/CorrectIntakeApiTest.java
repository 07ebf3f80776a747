package com.privacycasemanager.intake;

import static com.privacycasemanager.intake.IntakeApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.support.CaseTestSupport;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Requests to correct through the API: what is accepted and kept where, and what is refused with nothing recorded. */
class CorrectIntakeApiTest extends CaseTestSupport {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;

  @Test
  void aRequestToCorrectIsAcceptedAndItsValuesKeptOutOfTheEngine() {
    ResponseEntity<JsonNode> response = post("{\"type\":\"CORRECT\",\"email\":\"correct.api@example.com\","
        + "\"corrections\":{\"postalCode\":\" 94110 \",\"street\":\"1 Mission Street\"},"
        + "\"dataPoints\":{\"name\":\"Correct Api\"},\"declaration\":{\"signedName\":\"Correct Api\",\"accepted\":true}}");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String id = response.getBody().path("requestId").asText();
    assertThat(jdbc.queryForList("select field || '=' || requested_value from correction_field where request_id = ? order by field",
        String.class, id)).containsExactly("postalCode=94110", "street=1 Mission Street");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).processDefinitionKey(ProcessKeys.RIGHT_TO_CORRECT).count())
        .isEqualTo(1);
    for (String table : new String[] {"act_ru_variable", "act_hi_varinst"}) {
      assertThat(jdbc.queryForObject("select count(*) from " + table + " where text_ like '%94110%' or text_ like '%Mission%'", Integer.class))
          .as(table).isZero();
    }
  }

  @Test
  void badCorrectionsAreRefusedFieldByFieldAndNothingIsRecorded() {
    String head = "{\"type\":\"CORRECT\",\"email\":\"bad.correct@example.com\",";
    assertProblem(post("{\"type\":\"CORRECT\",\"email\":\"bad.correct@example.com\"}"), HttpStatus.BAD_REQUEST, "corrections");
    assertProblem(post(head + "\"corrections\":{}}"), HttpStatus.BAD_REQUEST, "corrections");
    ResponseEntity<JsonNode> unknown = post(head + "\"corrections\":{\"ssn\":\"123-45-6789\"}}");
    assertProblem(unknown, HttpStatus.BAD_REQUEST, "corrections.ssn");
    assertThat(unknown.getBody().path("fields").path("corrections.ssn").asText()).contains("postalCode").contains("email");
    assertThat(unknown.getBody().toString()).doesNotContain("123-45-6789");
    assertProblem(post(head + "\"corrections\":{\"postalCode\":\"  \"}}"), HttpStatus.BAD_REQUEST, "corrections.postalCode");
    assertProblem(post(head + "\"corrections\":{\"postalCode\":null}}"), HttpStatus.BAD_REQUEST, "corrections.postalCode");
    assertProblem(post(head + "\"corrections\":{\"street\":\"" + "x".repeat(201) + "\"}}"), HttpStatus.BAD_REQUEST, "corrections.street");
    StringBuilder eleven = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      eleven.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":\"v\"");
    }
    assertProblem(post(head + "\"corrections\":{" + eleven + "}}"), HttpStatus.BAD_REQUEST, "corrections");
    assertProblem(post("{\"type\":\"CORRECT\",\"corrections\":{\"postalCode\":\"94110\"}}"), HttpStatus.BAD_REQUEST, "email");
    assertProblem(post("{\"type\":\"KNOW_CATEGORIES\",\"email\":\"bad.correct@example.com\",\"corrections\":{\"postalCode\":\"94110\"}}"),
        HttpStatus.BAD_REQUEST, "corrections");
    assertProblem(post("{\"type\":\"OPT_OUT_ALL\",\"email\":\"bad.correct@example.com\",\"corrections\":{\"postalCode\":\"94110\"}}"),
        HttpStatus.BAD_REQUEST, "corrections");
    assertThat(jdbc.queryForObject("select count(*) from privacy_case where subject_email = 'bad.correct@example.com'", Integer.class)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from correction_field where request_id not in (select request_id from privacy_case)",
        Integer.class)).isZero();
  }

  @Test
  void anEngineRestStartIsSentToTheIntakeApiSoNoValueReachesTheEngine() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> refused = http.withBasicAuth("demo", "demo").postForEntity(
        "/engine-rest/process-definition/key/right-to-correct/start",
        new HttpEntity<>("{\"variables\":{\"email\":{\"value\":\"rest.correct@example.com\"}}}", headers), JsonNode.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().toString()).contains("/api/privacy/requests");
    assertThat(jdbc.queryForObject("select count(*) from privacy_case where subject_email = 'rest.correct@example.com'", Integer.class)).isZero();
  }

  private ResponseEntity<JsonNode> post(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.postForEntity("/api/privacy/requests", new HttpEntity<>(body, headers), JsonNode.class);
  }
}
