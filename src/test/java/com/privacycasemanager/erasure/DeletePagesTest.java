package com.privacycasemanager.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.Secrets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The delete form, the status page and case file of a deletion, and the suppression check API, over HTTP. */
class DeletePagesTest extends DeletionTestSupport {

  static final Pattern REQUEST_ID = Pattern.compile("(CCPA-\\d{8}-[0-9A-F]{8})");

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired Secrets secrets;

  @Test
  void theDeleteFormOpensACaseAndRefusesMistakesFieldByField() {
    String form = http.getForObject("/privacy/delete", String.class);
    assertThat(form).contains("Delete your personal information").contains("id=\"dp-postalCode\"").contains("id=\"declare\"")
        .contains("action=\"/privacy/delete\"");
    ResponseEntity<String> bad = post(form("email", "not-an-email", "dp-street", "x".repeat(201), "declare", "on", "asAgent", "on"));
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("There is a problem").contains("href=\"#email\"").contains("href=\"#agentName\"")
        .contains("href=\"#permissionFile\"");
    assertThat(jdbc.queryForObject("select count(*) from privacy_case where request_type = 'DELETE' and subject_email = 'not-an-email'",
        Integer.class)).isZero();

    ResponseEntity<String> done = post(form("email", "page.delete@example.com", "name", "Page Delete", "dp-postalCode", "90001"));
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(done.getBody()).contains("Check your email");
    Matcher m = REQUEST_ID.matcher(done.getBody());
    assertThat(m.find()).isTrue();
    Map<String, Object> row = jdbc.queryForMap("select request_type, channel from privacy_case where request_id = ?", m.group(1));
    assertThat(row.get("REQUEST_TYPE")).isEqualTo("DELETE");
    assertThat(row.get("CHANNEL")).isEqualTo("WEB_FORM");
    assertThat(http.getForObject("/privacy", String.class)).contains("/privacy/delete");
  }

  @Test
  void theStatusPageAndCaseFileShowWhatWasDeletedAndKeptAndTheSuppressionCheckKnowsTheConsumer() throws Exception {
    long customer = customerWithEverything();
    String email = DemoBusiness.customerEmail(customer);
    assertThat(suppressed("email=" + email).path("suppressed").asBoolean()).isFalse();

    RequestId id = submitDelete(customer);
    ProcessInstance delete = verified(id);
    execute(job(delete));
    completeAs("reviewer", "privacy-reviewers", task(delete), "approved", true, "reviewNote", "ok");
    eraseEverySystem(delete);
    sendMail(delete);

    String status = http.getForObject("/privacy/requests/" + id.value() + "?token=" + secrets.statusToken(id), String.class);
    assertThat(status).contains("What we deleted").contains("activity log").contains("What we kept, and why")
        .contains("to comply with a legal obligation").contains("PARTIAL");

    ResponseEntity<String> caseFile = http.withBasicAuth("reviewer", "reviewer").getForEntity("/staff/cases/" + id.value(), String.class);
    assertThat(caseFile.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(caseFile.getBody()).contains("id=\"deletion-plan\"").contains("activity_log").contains("id=\"erasure-receipt\"")
        .contains("DELETED").contains("ERASED")
        .containsPattern("<td>TASK_COMPLETED</td><td>task=Task_ReviewDeletion [^<]*</td><td>reviewer</td>");

    JsonNode known = suppressed("email=" + email.toUpperCase());
    assertThat(known.path("suppressed").asBoolean()).isTrue();
    assertThat(known.path("deletedSince").asText()).isNotBlank();
    assertThat(suppressed("email=someone.else@example.com").path("suppressed").asBoolean()).isFalse();
    assertThat(jdbc.queryForObject("select count(*) from deletion_suppression where identifier_key = ?", Integer.class, email))
        .as("the record holds keyed hashes, not the identifiers").isZero();
  }

  @Test
  void theSuppressionCheckNeedsAnAllowedUserAndWellFormedIdentifiers() {
    assertThat(http.getForEntity("/api/suppression/check?email=a@example.com", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("reviewer", "reviewer").getForEntity("/api/suppression/check?email=a@example.com", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<JsonNode> none = http.withBasicAuth("adsystem", "adsystem").getForEntity("/api/suppression/check", JsonNode.class);
    assertThat(none.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(none.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    assertThat(none.getBody().path("fields").has("email")).isTrue();
    ResponseEntity<JsonNode> bad = http.withBasicAuth("adsystem", "adsystem")
        .getForEntity("/api/suppression/check?email=nope&phone=abc&accountId=" + "x".repeat(300), JsonNode.class);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody().path("fields").has("email")).isTrue();
    assertThat(bad.getBody().path("fields").has("phone")).isTrue();
    assertThat(bad.getBody().path("fields").has("accountId")).isTrue();
    assertThat(http.withBasicAuth("adsystem", "adsystem").exchange("/api/suppression/check?email=a@example.com", HttpMethod.POST,
        HttpEntity.EMPTY, String.class).getStatusCode().is4xxClientError()).isTrue();
  }

  JsonNode suppressed(String query) {
    ResponseEntity<JsonNode> answer = http.withBasicAuth("adsystem", "adsystem").getForEntity("/api/suppression/check?" + query, JsonNode.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    return answer.getBody();
  }

  static MultiValueMap<String, Object> form(String... pairs) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return form;
  }

  ResponseEntity<String> post(MultiValueMap<String, Object> form) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.postForEntity("/privacy/delete", new HttpEntity<>(form, headers), String.class);
  }
}
