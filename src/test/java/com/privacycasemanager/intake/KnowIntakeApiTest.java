package com.privacycasemanager.intake;

import static com.privacycasemanager.intake.IntakeApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.CaseTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Requests to know through the API: what is accepted, what is refused, and what is kept. */
class KnowIntakeApiTest extends CaseTestSupport {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aRequestForSpecificPiecesIsAcceptedWithA45DayDueDateAndItsEvidenceKept() {
    ResponseEntity<JsonNode> response =
        post("{\"type\":\"KNOW_SPECIFIC\",\"email\":\"Know.Api@example.com\",\"name\":\"Know Api\","
            + "\"dataPoints\":{\"postalCode\":\" 90401 \",\"phone\":\"+1 310 555 0100\"},\"includeBeyond12Months\":true,"
            + "\"declaration\":{\"signedName\":\"Know Api\",\"accepted\":true}}");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String id = response.getBody().path("requestId").asText();
    assertThat(RequestId.isValid(id)).isTrue();
    Instant received = Instant.parse(response.getBody().path("receivedAt").asText());
    Instant due = Instant.parse(response.getBody().path("dueAt").asText());
    ZoneId la = ZoneId.of("America/Los_Angeles");
    assertThat(due.atZone(la).toLocalDate()).isEqualTo(received.atZone(la).toLocalDate().plusDays(44));
    assertThat(jdbc.queryForObject("select include_beyond_12_months from privacy_case where request_id = ?", Boolean.class, id)).isTrue();
    assertThat(jdbc.queryForObject("select point_value from case_data_point where request_id = ? and name = 'postalCode'", String.class, id))
        .isEqualTo("90401");
    assertThat(jdbc.queryForObject("select declaration_signed_name from verification where request_id = ?", String.class, id))
        .isEqualTo("Know Api");
    assertThat(jdbc.queryForObject("select data_points_offered from verification where request_id = ?", String.class, id))
        .contains("postalCode").contains("phone").doesNotContain("90401");
  }

  @Test
  void badEvidenceIsRefusedFieldByFieldAndNothingIsRecorded() {
    assertProblem(post("{\"type\":\"KNOW_CATEGORIES\"}"), HttpStatus.BAD_REQUEST, "email");
    assertProblem(post("{\"type\":\"KNOW_CATEGORIES\",\"email\":\"bad.know@example.com\",\"dataPoints\":{\"shoeSize\":\"9\"}}"),
        HttpStatus.BAD_REQUEST, "dataPoints.shoeSize");
    assertProblem(post("{\"type\":\"KNOW_CATEGORIES\",\"email\":\"bad.know@example.com\",\"dataPoints\":{\"phone\":\" \"}}"),
        HttpStatus.BAD_REQUEST, "dataPoints.phone");
    assertProblem(post("{\"type\":\"KNOW_CATEGORIES\",\"email\":\"bad.know@example.com\",\"dataPoints\":{\"phone\":\"" + "9".repeat(201) + "\"}}"),
        HttpStatus.BAD_REQUEST, "dataPoints.phone");
    assertProblem(post("{\"type\":\"KNOW_SPECIFIC\",\"email\":\"bad.know@example.com\",\"declaration\":{\"signedName\":\"X\",\"accepted\":false}}"),
        HttpStatus.BAD_REQUEST, "declaration.accepted");
    assertProblem(post("{\"type\":\"KNOW_SPECIFIC\",\"email\":\"bad.know@example.com\",\"declaration\":{\"accepted\":true}}"),
        HttpStatus.BAD_REQUEST, "declaration.signedName");
    assertProblem(post("{\"type\":\"PORTABILITY\",\"email\":\"bad.know@example.com\",\"corrections\":{\"phone\":\"1\"}}"),
        HttpStatus.BAD_REQUEST, "corrections");
    assertProblem(post("{\"type\":\"KNOW_CATEGORIES\",\"email\":\"bad.know@example.com\",\"agent\":{\"name\":\"A\",\"permission\":false}}"),
        HttpStatus.BAD_REQUEST, "agent.permission");
    assertProblem(post("{\"type\":\"OPT_OUT_ALL\",\"email\":\"bad.know@example.com\",\"includeBeyond12Months\":true}"),
        HttpStatus.BAD_REQUEST, "includeBeyond12Months");
    assertProblem(post("{\"type\":\"KNOW_CATEGORIES\",\"email\":\"bad.know@example.com\",\"includeBeyond12Months\":\"yes\"}"),
        HttpStatus.BAD_REQUEST, null);
    assertThat(jdbc.queryForObject("select count(*) from privacy_case where subject_email = 'bad.know@example.com'", Integer.class)).isZero();
  }

  @Test
  void anAgentUploadsTheSignedPermissionWithTheTokenOnlyTheSubmitterGets() {
    ResponseEntity<JsonNode> accepted =
        post("{\"type\":\"KNOW_CATEGORIES\",\"email\":\"client.of.agent@example.com\",\"agent\":{\"name\":\"Pat Agent\",\"permission\":true}}");
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String id = accepted.getBody().path("requestId").asText();
    String upload = accepted.getBody().path("agentPermissionUploadUrl").asText();
    assertThat(upload).startsWith("/api/privacy/requests/" + id + "/agent-permission?token=");

    assertThat(uploadFile(upload, "permission.pdf", MediaType.APPLICATION_PDF, "%PDF-1.4 signed".getBytes()).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(jdbc.queryForObject("select agent_permission_name from verification where request_id = ?", String.class, id))
        .isEqualTo("permission.pdf");
    assertProblem(uploadFile(upload, "permission.txt", MediaType.TEXT_PLAIN, "hello".getBytes()), HttpStatus.BAD_REQUEST, "file");
    assertProblem(uploadFile(upload, "big.pdf", MediaType.APPLICATION_PDF, new byte[1024 * 1024 + 1]), HttpStatus.PAYLOAD_TOO_LARGE, null);
    assertProblem(uploadFile(upload.replaceAll("token=.*", "token=forged"), "p.pdf", MediaType.APPLICATION_PDF, "%PDF".getBytes()),
        HttpStatus.NOT_FOUND, null);
    assertProblem(uploadFile("/api/privacy/requests/nonsense/agent-permission?token=x", "p.pdf", MediaType.APPLICATION_PDF, "%PDF".getBytes()),
        HttpStatus.BAD_REQUEST, "id");
    ResponseEntity<JsonNode> consumer = post("{\"type\":\"KNOW_CATEGORIES\",\"email\":\"plain.consumer@example.com\"}");
    assertThat(consumer.getBody().has("agentPermissionUploadUrl")).isFalse();
  }

  private ResponseEntity<JsonNode> uploadFile(String path, String name, MediaType type, byte[] content) {
    org.springframework.util.LinkedMultiValueMap<String, Object> form = new org.springframework.util.LinkedMultiValueMap<>();
    HttpHeaders part = new HttpHeaders();
    part.setContentType(type);
    form.add("file", new HttpEntity<>(new org.springframework.core.io.ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return name;
      }
    }, part));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.postForEntity(path, new HttpEntity<>(form, headers), JsonNode.class);
  }

  private ResponseEntity<JsonNode> post(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.postForEntity("/api/privacy/requests", new HttpEntity<>(body, headers), JsonNode.class);
  }

  static Duration days(long n) {
    return Duration.ofDays(n);
  }
}
