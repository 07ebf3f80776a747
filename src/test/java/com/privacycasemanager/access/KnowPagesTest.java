package com.privacycasemanager.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.support.CaseTestSupport;
import com.privacycasemanager.verification.VerificationRepository;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The know form, the confirmation page, the download page and API, and the privacy notice, over HTTP. */
class KnowPagesTest extends CaseTestSupport {

  static final Pattern REQUEST_ID = Pattern.compile("(CCPA-\\d{8}-[0-9A-F]{8})");

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired Secrets secrets;
  @Autowired VerificationRepository verifications;
  @Autowired AccessPackages packages;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;

  @Test
  void theFormListsTheDataPointsAndRefusesMistakesFieldByField() {
    String form = http.getForObject("/privacy/know", String.class);
    assertThat(form).contains("id=\"dp-postalCode\"").contains("id=\"dp-phone\"").contains("back to January 1, 2022")
        .contains("enctype=\"multipart/form-data\"");
    ResponseEntity<String> bad = post(multipart("kind", "everything", "email", "nope", "dp-phone", "9".repeat(201),
        "declare", "on", "asAgent", "on"));
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("There is a problem").contains("href=\"#kind\"").contains("href=\"#email\"")
        .contains("href=\"#agentName\"").contains("href=\"#permissionFile\"");
    ResponseEntity<String> badPoint = post(multipart("kind", "specific", "email", "page.know@example.com", "dp-phone", "9".repeat(201),
        "declare", "on"));
    assertThat(badPoint.getBody()).contains("href=\"#dp-phone\"").contains("href=\"#signedName\"");
    assertThat(jdbc.queryForObject("select count(*) from privacy_case where subject_email = 'page.know@example.com'", Integer.class)).isZero();
  }

  @Test
  void aRequestFromTheFormIsConfirmedOnlyByPostingTheLink() throws Exception {
    ResponseEntity<String> done = post(multipart("kind", "categories", "email", "alex.rivera@example.com", "name", "Alex Rivera",
        "dp-postalCode", "90401"));
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(done.getBody()).contains("Check your email");
    Matcher m = REQUEST_ID.matcher(done.getBody());
    assertThat(m.find()).isTrue();
    RequestId id = new RequestId(m.group(1));
    assertThat(jdbc.queryForObject("select channel from privacy_case where request_id = ?", String.class, id.value())).isEqualTo("WEB_FORM");

    caseJobs.runAsyncSteps(id);
    String link = linkFrom(mail.getReceivedMessages()[mail.getReceivedMessages().length - 1]);
    String path = link.substring(link.indexOf("/privacy/verify/"));
    ResponseEntity<String> opened = http.getForEntity(path, String.class);
    assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(opened.getBody()).contains("id=\"confirm\"");
    assertThat(verifications.find(id).orElseThrow().emailConfirmedAt()).as("opening the link changes nothing").isNull();

    String token = path.substring(path.indexOf("?t=") + 3);
    ResponseEntity<String> wrong = postForm("/privacy/verify/" + id.value(), "t=not-the-token");
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<String> confirmed = postForm("/privacy/verify/" + id.value(), "t=" + token);
    assertThat(confirmed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(confirmed.getBody()).contains("your request is confirmed");
    assertThat(verifications.find(id).orElseThrow().emailConfirmedAt()).isNotNull();
    assertThat(postForm("/privacy/verify/" + id.value(), "t=" + token).getBody()).contains("already confirmed");
    assertThat(postForm("/privacy/verify/" + id.value() + "/resend", "").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(http.getForEntity("/privacy/verify/not-an-id?t=x", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void anAgentUploadsTheSignedPermissionWhichReviewersOpenFromTheCaseFile() {
    MultiValueMap<String, Object> wrongType = multipart("kind", "categories", "email", "agent.client@example.com", "asAgent", "on",
        "agentName", "Pat Agent");
    wrongType.add("permissionFile", file("permission.txt", "I allow it".getBytes()));
    assertThat(post(wrongType).getBody()).contains("href=\"#permissionFile\"");

    byte[] pdf = "%PDF-1.4 signed permission".getBytes();
    MultiValueMap<String, Object> form = multipart("kind", "categories", "email", "agent.client@example.com", "asAgent", "on",
        "agentName", "Pat Agent");
    HttpHeaders part = new HttpHeaders();
    part.setContentType(MediaType.APPLICATION_PDF);
    form.add("permissionFile", new HttpEntity<>(file("signed permission.pdf", pdf), part));
    ResponseEntity<String> done = post(form);
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(done.getBody()).contains("signed permission you uploaded");
    Matcher m = REQUEST_ID.matcher(done.getBody());
    assertThat(m.find()).isTrue();
    RequestId id = new RequestId(m.group(1));
    assertThat(jdbc.queryForObject("select channel || ' ' || agent_name from privacy_case where request_id = ?", String.class, id.value()))
        .isEqualTo("AGENT Pat Agent");

    String caseFile = http.withBasicAuth("reviewer", "reviewer").getForObject("/staff/cases/" + id.value(), String.class);
    assertThat(caseFile).contains("id=\"agent-permission\"").contains("signed_permission.pdf");
    ResponseEntity<byte[]> download = http.withBasicAuth("reviewer", "reviewer")
        .getForEntity("/staff/cases/" + id.value() + "/agent-permission", byte[].class);
    assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(download.getBody()).isEqualTo(pdf);
    assertThat(http.getForEntity("/staff/cases/" + id.value() + "/agent-permission", byte[].class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("adsystem", "adsystem").getForEntity("/staff/cases/" + id.value() + "/agent-permission", byte[].class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void thePackageIsServedOnlyWithTheTokenAndBeforeItExpires() {
    ResponseEntity<String> done = post(multipart("kind", "categories", "email", "a.rivera@example.net"));
    Matcher m = REQUEST_ID.matcher(done.getBody());
    assertThat(m.find()).isTrue();
    RequestId id = new RequestId(m.group(1));
    String token = secrets.statusToken(id);
    assertThat(http.getForEntity("/api/privacy/requests/" + id.value() + "/package?token=" + token, JsonNode.class).getStatusCode())
        .as("nothing released yet").isEqualTo(HttpStatus.NOT_FOUND);
    packages.build(id, true, null);

    ResponseEntity<byte[]> zip = http.getForEntity("/api/privacy/requests/" + id.value() + "/package?token=" + token, byte[].class);
    assertThat(zip.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(zip.getHeaders().getContentType().toString()).isEqualTo("application/zip");
    assertThat(zip.getHeaders().getContentDisposition().getFilename()).isEqualTo("personal-information-" + id.value() + ".zip");
    assertThat(zip.getBody()[0]).isEqualTo((byte) 'P');
    assertThat(http.getForEntity("/api/privacy/requests/" + id.value() + "/package?token=wrong", JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity("/api/privacy/requests/bad-id/package?token=" + token, JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(http.getForEntity("/privacy/requests/" + id.value() + "/download?token=" + token, String.class).getBody())
        .contains("id=\"download\"").contains("/api/privacy/requests/" + id.value() + "/package?token=");
    assertThat(http.getForEntity("/privacy/requests/" + id.value() + "?token=" + token, String.class).getBody())
        .contains("id=\"download-link\"");
    assertThat(http.getForObject("/api/privacy/requests/" + id.value() + "?token=" + token, JsonNode.class).path("packageUrl").asText())
        .isEqualTo("/api/privacy/requests/" + id.value() + "/package?token=" + token);
    byte[] stored = jdbc.queryForObject("select content from access_package where request_id = ?", byte[].class, id.value());
    assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).as("encrypted at rest").doesNotContain("a.rivera@example.net")
        .doesNotContain("personal-information.json");

    jdbc.update("update access_package set expires_at = ? where request_id = ?", Timestamp.from(Instant.now().minusSeconds(1)), id.value());
    ResponseEntity<JsonNode> gone = http.getForEntity("/api/privacy/requests/" + id.value() + "/package?token=" + token, JsonNode.class);
    assertThat(gone.getStatusCode()).isEqualTo(HttpStatus.GONE);
    assertThat(gone.getBody().path("type").asText()).endsWith("package-expired");
    assertThat(http.getForEntity("/privacy/requests/" + id.value() + "/download?token=" + token, String.class).getBody())
        .contains("id=\"download-expired\"");
  }

  @Test
  void theNoticeIsGeneratedFromTheDataMap() {
    JsonNode notice = http.getForObject("/api/privacy/notice", JsonNode.class);
    assertThat(notice.path("lastUpdated").asText()).isEqualTo("2026-11-01");
    assertThat(notice.path("categories").toString()).contains("Geolocation data").contains("precise latitude")
        .contains("Sensitive personal information").contains("25 months");
    assertThat(notice.path("sharedWith").toString()).contains("Test Ad Network");
    assertThat(notice.path("soldTo").size()).isZero();
    assertThat(notice.path("disclosedForBusinessPurpose").toString()).contains("Test Analytics").contains("Test Print Shop");
    assertThat(notice.path("requestMethods").toString()).contains("Toll-free: 1-800-555-0142").contains("/privacy/know");
    assertThat(notice.path("authorizedAgents").asText()).contains("signed permission");
    assertThat(notice.path("globalPrivacyControl").asText()).contains("Sec-GPC");
    // seven CCPA rights, and the ADMT opt-out, appeal and access rights of the map's uses (§7011(e))
    assertThat(notice.path("rights").size()).isEqualTo(10);
    assertThat(notice.path("rights").toString()).contains("Right to opt out of automated decisionmaking technology")
        .contains("Right to access information about automated decisionmaking");
    String page = http.getForObject("/privacy", String.class);
    assertThat(page).contains("November 1, 2026").contains("We have not sold personal information").contains("Test Ad Network")
        .contains("1-800-555-0142").contains("Global Privacy Control");
  }

  static String linkFrom(MimeMessage message) throws Exception {
    Matcher m = Pattern.compile("(http://\\S+/privacy/verify/\\S+)").matcher((String) message.getContent());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  static MultiValueMap<String, Object> multipart(String... pairs) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return form;
  }

  ResponseEntity<String> post(MultiValueMap<String, Object> form) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.postForEntity("/privacy/know", new HttpEntity<>(form, headers), String.class);
  }

  ResponseEntity<String> postForm(String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return http.postForEntity(path, new HttpEntity<>(body, headers), String.class);
  }

  static ByteArrayResource file(String name, byte[] content) {
    return new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return name;
      }
    };
  }
}
