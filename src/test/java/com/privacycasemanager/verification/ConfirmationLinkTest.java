package com.privacycasemanager.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.CaseTestSupport;
import com.privacycasemanager.verification.IdentityVerification.Confirmation;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The confirmation link's page checks the token before anything else: with a wrong token a
 * confirmed, a closed and an unknown request look the same, so request ids cannot be probed;
 * with the right token the page still tells the consumer where their request stands.
 */
class ConfirmationLinkTest extends CaseTestSupport {

  static final Instant RECEIVED = Instant.parse("2026-11-02T18:00:00Z");
  static final Pattern LINK = Pattern.compile("/privacy/verify/(CCPA-[0-9]{8}-[0-9A-F]{8})\\?t=([A-Za-z0-9_-]+)");
  static final Pattern TITLE = Pattern.compile("<h1 id=\"verify-title\">([^<]*)</h1>");
  static final String UNKNOWN = "CCPA-20261102-0000F00D";

  @Autowired TestRestTemplate http;
  @Autowired IdentityVerification verification;

  @Test
  void aWrongTokenOnAConfirmedRequestAnswersAsAnUnknownId() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("link.confirmed@example.org");
    String token = linkToken(id);
    assertThat(confirm(id.value(), token).getBody()).contains("your request is confirmed");

    ResponseEntity<String> wrongPost = confirm(id.value(), "not-the-token");
    ResponseEntity<String> unknownPost = confirm(UNKNOWN, "not-the-token");
    assertThat(wrongPost.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND).isEqualTo(unknownPost.getStatusCode());
    assertThat(title(wrongPost)).isEqualTo(title(unknownPost)).isEqualTo("This link does not work");
    ResponseEntity<String> wrongOpen = open(id.value(), "not-the-token");
    ResponseEntity<String> unknownOpen = open(UNKNOWN, "not-the-token");
    assertThat(wrongOpen.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND).isEqualTo(unknownOpen.getStatusCode());
    assertThat(title(wrongOpen)).isEqualTo(title(unknownOpen));
    assertThat(verification.check(id, "not-the-token")).isEqualTo(Confirmation.INVALID);
    assertThat(verification.check(id, null)).isEqualTo(Confirmation.INVALID);

    ResponseEntity<String> rightPost = confirm(id.value(), token);
    assertThat(rightPost.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(title(rightPost)).isEqualTo("Your request is already confirmed");
    ResponseEntity<String> rightOpen = open(id.value(), token);
    assertThat(rightOpen.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(title(rightOpen)).isEqualTo("Your request is already confirmed");
    ClockUtil.setCurrentTime(Date.from(RECEIVED.plus(Duration.ofDays(3))));
    assertThat(verification.check(id, token)).as("still confirmed after the link's 24 hours").isEqualTo(Confirmation.ALREADY_CONFIRMED);
  }

  @Test
  void aWrongTokenOnAClosedRequestAnswersAsAnUnknownId() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("link.closed@example.org");
    String token = linkToken(id);
    ClockUtil.setCurrentTime(Date.from(RECEIVED.plus(Duration.ofDays(22))));
    caseJobs.runDueJobs(id);
    assertThat(verification.check(id, token)).as("the window closed unconfirmed").isEqualTo(Confirmation.CLOSED);

    ResponseEntity<String> wrong = confirm(id.value(), "not-the-token");
    ResponseEntity<String> unknown = confirm(UNKNOWN, "not-the-token");
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND).isEqualTo(unknown.getStatusCode());
    assertThat(title(wrong)).isEqualTo(title(unknown));
    ResponseEntity<String> right = confirm(id.value(), token);
    assertThat(right.getStatusCode()).isEqualTo(HttpStatus.GONE);
    assertThat(title(right)).isEqualTo("This request is closed");
  }

  private RequestId submit(String email) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> accepted = http.postForEntity("/api/privacy/requests",
        new HttpEntity<>("{\"type\":\"KNOW_CATEGORIES\",\"email\":\"" + email + "\"}", headers), JsonNode.class);
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    return new RequestId(accepted.getBody().path("requestId").asText());
  }

  /** Runs the case's first steps and reads the token from the confirmation email. */
  private String linkToken(RequestId id) throws Exception {
    caseJobs.runAsyncSteps(id);
    for (MimeMessage message : mail.getReceivedMessages()) {
      Matcher m = LINK.matcher((String) message.getContent());
      if (m.find() && m.group(1).equals(id.value())) {
        return m.group(2);
      }
    }
    throw new AssertionError("no confirmation link for " + id);
  }

  private ResponseEntity<String> confirm(String id, String token) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return http.postForEntity("/privacy/verify/" + id, new HttpEntity<>("t=" + token, headers), String.class);
  }

  private ResponseEntity<String> open(String id, String token) {
    return http.getForEntity("/privacy/verify/" + id + "?t=" + token, String.class);
  }

  private static String title(ResponseEntity<String> page) {
    Matcher m = TITLE.matcher(page.getBody());
    assertThat(m.find()).as(page.getBody()).isTrue();
    return m.group(1);
  }
}
