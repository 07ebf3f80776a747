package com.privacycasemanager.admt;

import static com.privacycasemanager.request.RequestType.ADMT_ACCESS;
import static com.privacycasemanager.support.Requests.request;
import static com.privacycasemanager.support.Staff.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.support.CaseScenario;
import com.privacycasemanager.support.ProcessTestSupport;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The request to access ADMT over HTTP: its form, the released answer as a page and as JSON (with
 * the status page's link to it), and the bad links.
 */
class AdmtAccessPagesTest extends ProcessTestSupport {

  static final Instant RECEIVED = californiaTime("2026-11-20T10:00");

  @Autowired TestRestTemplate http;
  @Autowired Secrets secrets;
  @Autowired ConnectedSystems systems;
  @Autowired DemoBusiness demo;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theFormAsksForTheEvidenceOfAReasonablyHighDegreeAndOpensACase() {
    String form = http.getForObject("/privacy/admt/access", String.class);
    assertThat(form).contains("<title>Ask how we used automated decisionmaking about you</title>")
        .contains("enctype=\"multipart/form-data\"").contains("name=\"signedName\"").doesNotContain("<script");
    assertThat(http.getForObject("/privacy/admt", String.class)).contains("Online, with the form at").contains("/privacy/admt/access");
  }

  @Test
  void theReleasedAnswerIsAPageAndJsonBehindTheStatusToken() {
    CaseScenario access = released();
    String id = access.id().value();
    String token = secrets.statusToken(access.id());

    String page = http.getForObject("/privacy/requests/" + id + "/admt-answer?token=" + token, String.class);
    writeArtifact("admt-answer.html", page);
    assertThat(page)
        .contains("How we used automated decisionmaking about you")
        .contains("id=\"use-pay-later\"")
        .contains("Because it ran about you more than four times in those 12 months")
        .contains("data-column=\"outcome\"").doesNotContain("data-column=\"model_version\"")
        .contains("withheld because it is")
        .contains("Our pricing partner&#39;s terms")
        .contains("We will not retaliate")
        .contains("href=\"http://localhost:8080/privacy#rights\"")
        .doesNotContain("<script");

    ResponseEntity<JsonNode> json = http.getForEntity("/api/privacy/requests/" + id + "/admt-answer?token=" + token, JsonNode.class);
    assertThat(json.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.getHeaders().getCacheControl()).isEqualTo("no-store");
    JsonNode use = json.getBody().path("uses").get(0);
    assertThat(use.path("useId").asText()).isEqualTo("pay-later");
    assertThat(use.path("outputs").path("aggregate").path("decisions").asInt()).isEqualTo(6);
    assertThat(use.path("withheld").get(0).path("column").asText()).isEqualTo("model_version");

    // staff see what was released and withheld, in the case file and the regulator export
    assertThat(http.withBasicAuth("officer", "officer").getForObject("/staff/cases/" + id, String.class))
        .contains("Released to the consumer.").contains("Withheld (§7222(c)): <span>model_version as a trade secret");
    JsonNode export = http.withBasicAuth("officer", "officer").getForObject("/staff/cases/" + id + "/export", JsonNode.class);
    assertThat(export.toString()).contains("\"admtAccess\"").contains("model_version");

    // the status page and the status API link to it
    assertThat(http.getForObject("/privacy/requests/" + id + "?token=" + token, String.class))
        .contains("href=\"/privacy/requests/" + id + "/admt-answer?token=" + token + "\"");
    JsonNode status = http.getForObject("/api/privacy/requests/" + id + "?token=" + token, JsonNode.class);
    assertThat(status.toString()).contains("/api/privacy/requests/" + id + "/admt-answer?token=" + token);
  }

  @Test
  void aBadLinkShowsNothing() {
    CaseScenario access = released();
    String id = access.id().value();
    ResponseEntity<String> wrongToken = http.getForEntity("/privacy/requests/" + id + "/admt-answer?token=wrong", String.class);
    assertThat(wrongToken.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(wrongToken.getBody()).doesNotContain("Pay-later");
    assertThat(http.getForEntity("/privacy/requests/" + id + "/admt-answer", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity("/privacy/requests/CCPA-bad/admt-answer?token=x", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertProblem(http.getForEntity("/api/privacy/requests/" + id + "/admt-answer?token=wrong", JsonNode.class), HttpStatus.NOT_FOUND);
    assertProblem(http.getForEntity("/api/privacy/requests/" + id + "/admt-answer", JsonNode.class), HttpStatus.NOT_FOUND);
    assertProblem(http.getForEntity("/api/privacy/requests/CCPA-bad/admt-answer?token=x", JsonNode.class), HttpStatus.BAD_REQUEST);
    // a request not answered yet has no answer
    CaseScenario open = received(RECEIVED, request(ADMT_ACCESS).from("still.open@example.com"));
    assertProblem(http.getForEntity("/api/privacy/requests/" + open.id().value() + "/admt-answer?token="
        + secrets.statusToken(open.id()), JsonNode.class), HttpStatus.NOT_FOUND);
  }

  @Test
  void aBusinessWithoutAdmtRefusesTheRequestTypeByName() {
    // the test map has uses, so the type is accepted; what it refuses is the other rights' fields
    ResponseEntity<JsonNode> refused = http.postForEntity("/api/privacy/requests",
        new org.springframework.http.HttpEntity<>("{\"type\":\"ADMT_ACCESS\",\"email\":\"x@example.com\",\"admtUses\":[\"pay-later\"]}",
            json()), JsonNode.class);
    assertProblem(refused, HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("fields").has("admtUses")).isTrue();
  }

  private CaseScenario released() {
    DemoBusiness.DemoConsumer alex = demo.consumer(systems, 1);
    CaseScenario access = received(RECEIVED, request(ADMT_ACCESS).from(alex.email(), alex.name())
        .dataPoint("name", alex.name()).dataPoint("postalCode", alex.dataPoints().get("postalCode"))
        .dataPoint("street", alex.dataPoints().get("street")).declared()).acknowledge().confirmEmail();
    access.runAsyncSteps();
    access.complete(REVIEWER, ProcessKeys.ADMT_ACCESS, "Task_ReviewAdmtAnswer", "approved", true,
        "withholdColumns", "model_version", "withholdGround", "TRADE_SECRET",
        "withholdBasis", "Our pricing partner's terms forbid naming the model version.", "reviewNote", "ok");
    access.runAsyncSteps();
    return access;
  }

  /** Kept under target/ for a person to open. */
  private static void writeArtifact(String name, String content) {
    try {
      java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "pages"));
      java.nio.file.Files.writeString(java.nio.file.Path.of("target", "pages", name), content);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static org.springframework.http.HttpHeaders json() {
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status) {
    assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
  }
}
