package com.privacycasemanager.records;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.CaseTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** {@code GET /api/audit/verify} and {@code GET /staff/cases/{id}/export} over HTTP: access, bad input, content. */
class AuditApiTest extends CaseTestSupport {

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired ObjectMapper json;

  @Test
  void verificationIsForOfficersAndAdmins() {
    assertThat(http.getForEntity("/api/audit/verify", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> reviewer = http.withBasicAuth("reviewer", "reviewer").getForEntity("/api/audit/verify", String.class);
    assertThat(reviewer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(reviewer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    String probe = lockoutProbeUser("privacy-officers");
    assertThat(http.withBasicAuth(probe, "wrong").getForEntity("/api/audit/verify", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);

    submitOptOut("audit.api@example.com");
    for (String[] user : List.of(new String[] {"officer", "officer"}, new String[] {"demo", "demo"})) {
      ResponseEntity<JsonNode> answer = http.withBasicAuth(user[0], user[1]).getForEntity("/api/audit/verify", JsonNode.class);
      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(answer.getBody().path("valid").asBoolean()).as("%s", answer.getBody()).isTrue();
      assertThat(answer.getBody().path("entries").asLong()).isPositive();
      assertThat(answer.getBody().has("firstProblem")).isFalse();
    }
  }

  @Test
  void exportRefusesStrangersAndReviewersAndAnswersBadIdsWithProblems() {
    RequestId id = submitOptOut("audit.refused@example.com");
    String path = "/staff/cases/" + id.value() + "/export";
    assertThat(http.getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("reviewer", "reviewer").getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    ResponseEntity<JsonNode> malformed = http.withBasicAuth("officer", "officer").getForEntity("/staff/cases/not-an-id/export", JsonNode.class);
    assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(malformed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    ResponseEntity<JsonNode> unknown = http.withBasicAuth("officer", "officer").getForEntity("/staff/cases/CCPA-20200101-00000000/export", JsonNode.class);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(unknown.getBody().path("status").asInt()).isEqualTo(404);
  }

  @Test
  void anOptOutsExportHasTheRecordDeliveriesAndHashedEntries() {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    RequestId id = submitOptOut("audit.export@example.com");
    caseJobs.runDueJobs(id);

    ResponseEntity<JsonNode> export = http.withBasicAuth("officer", "officer").getForEntity("/staff/cases/" + id.value() + "/export", JsonNode.class);
    assertThat(export.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(export.getHeaders().getCacheControl()).isEqualTo("no-store");
    assertThat(export.getHeaders().getContentDisposition().getFilename()).isEqualTo(id.value() + ".json");
    JsonNode file = export.getBody();
    assertThat(file.at("/case/requestId").asText()).isEqualTo(id.value());
    assertThat(file.at("/case/type").asText()).isEqualTo("OPT_OUT_SALE");
    assertThat(file.at("/case/status").asText()).isEqualTo("COMPLETED");
    assertThat(file.at("/case/outcome").asText()).isEqualTo("FULFILLED");
    assertThat(file.at("/case/subject/email").asText()).isEqualTo("audit.export@example.com");
    assertThat(file.path("deliveries")).isNotEmpty();
    assertThat(file.path("deliveries").get(0).path("status").asText()).isNotBlank();
    assertThat(file.has("deletion")).isFalse();

    JsonNode entries = file.path("auditEntries");
    assertThat(entries.size()).isGreaterThanOrEqualTo(3);
    List<String> kinds = new ArrayList<>();
    long previousSequence = 0;
    for (JsonNode entry : entries) {
      kinds.add(entry.path("kind").asText());
      assertThat(entry.path("hash").asText()).hasSize(64);
      assertThat(entry.path("previousHash").asText()).hasSize(64);
      assertThat(entry.path("sequence").asLong()).isGreaterThan(previousSequence);
      previousSequence = entry.path("sequence").asLong();
    }
    assertThat(kinds).isNotEmpty();
    assertThat(file.at("/chainVerification/valid").asBoolean()).isTrue();
  }

  @Test
  void aDeletionsExportNamesTheVerificationDataPointsButNotTheirValues() throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String body = "{\"type\":\"DELETE\",\"email\":\"audit.delete@example.com\","
        + "\"dataPoints\":{\"name\":\"Audit Person\",\"postalCode\":\"94999\",\"street\":\"77 Evidence Lane\"},"
        + "\"declaration\":{\"signedName\":\"Audit Person\",\"accepted\":true}}";
    ResponseEntity<JsonNode> accepted = http.postForEntity("/api/privacy/requests", new HttpEntity<>(body, headers), JsonNode.class);
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String id = accepted.getBody().path("requestId").asText();

    ResponseEntity<String> export = http.withBasicAuth("demo", "demo").getForEntity("/staff/cases/" + id + "/export", String.class);
    assertThat(export.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(export.getBody()).doesNotContain("77 Evidence Lane").doesNotContain("94999");
    JsonNode file = json.readTree(export.getBody());
    assertThat(file.at("/case/type").asText()).isEqualTo("DELETE");
    JsonNode verification = file.path("verification");
    assertThat(verification.path("dataPointsOffered")).extracting(JsonNode::asText).contains("postalCode", "street", "name");
    assertThat(verification.path("declared").asBoolean()).isTrue();
    assertThat(verification.path("requiredLevel").asText()).isEqualTo("HIGH");
    assertThat(file.path("deletion").has("planSummary")).isTrue();
    assertThat(file.path("deletion").path("receipt").isArray()).isTrue();
    assertThat(file.path("auditEntries")).isNotEmpty();
  }

  private RequestId submitOptOut(String email) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> accepted = http.postForEntity("/api/privacy/requests",
        new HttpEntity<>("{\"type\":\"OPT_OUT_SALE\",\"email\":\"" + email + "\"}", headers), JsonNode.class);
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    return new RequestId(accepted.getBody().path("requestId").asText());
  }
}
