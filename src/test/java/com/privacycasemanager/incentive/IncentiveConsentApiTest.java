package com.privacycasemanager.incentive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.support.CaseTestSupport;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Notice of Financial Incentive generated from the demo map, field by field; consents recorded
 * through the API and the join page, each answered at once by the preference check; and an
 * opt-out preference signal that conflicts with an enrolment (§7025(c)(4)).
 */
class IncentiveConsentApiTest extends CaseTestSupport {

  private static final Pattern JOIN_LINK = Pattern.compile("/privacy/incentives/rewards/join/confirm\\?t=([A-Za-z0-9_-]+)");

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired Clock clock;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  @Test
  void theNoticeIsGeneratedFromTheDataMapFieldByField() {
    JsonNode n = http.getForObject("/api/privacy/incentives/rewards", JsonNode.class);
    assertThat(n.path("program").asText()).isEqualTo("rewards");
    assertThat(n.path("version").asText()).matches("[0-9a-f]{12}");
    assertThat(n.path("title").asText()).isEqualTo("Notice of Financial Incentive: Example Shop Rewards");
    assertThat(n.path("summary").asText()).startsWith("Free to join: members earn 1 point for every dollar they spend");
    assertThat(n.path("materialTerms")).hasSize(5);
    assertThat(n.path("materialTerms").get(1).asText()).startsWith("Every 100 points become a $5 voucher");
    assertThat(n.path("categories").findValuesAsText("id"))
        .containsExactly("IDENTIFIERS", "COMMERCIAL_INFORMATION", "INTERNET_ACTIVITY", "INFERENCES");
    assertThat(n.path("incentive").path("type").asText()).isEqualTo("PRICE_DIFFERENCE");
    assertThat(n.path("incentive").path("valuePerConsumer").decimalValue()).isEqualByComparingTo("18.00");
    assertThat(n.path("incentive").path("per").asText()).isEqualTo("year");
    JsonNode value = n.path("valueOfData");
    assertThat(value.path("estimate").decimalValue()).isEqualByComparingTo("24.00");
    assertThat(value.path("currency").asText()).isEqualTo("USD");
    assertThat(value.path("method").asText()).isEqualTo("AVERAGE_VALUE");
    assertThat(value.path("citation").asText()).isEqualTo("11 CCR §7081(a)(2)");
    assertThat(value.path("methodDescription").asText()).startsWith("the average value to the business");
    assertThat(value.path("inputs").size()).isEqualTo(4);
    assertThat(value.path("inputs").path("members").asText()).isEqualTo("41,200 members in the 12 months to 2026-09-30");
    assertThat(value.path("explanation").asText()).contains("($612,000 + $377,000) / 41,200 = $24.00");
    assertThat(value.path("calculatedOn").asText()).isEqualTo("2026-10-15");
    assertThat(value.path("population").asText()).isEqualTo("Members in the United States");
    assertThat(n.path("howToOptIn").asText()).contains("Join Example Shop Rewards");
    assertThat(n.path("optInPage").asText()).isEqualTo("/privacy/incentives/rewards/join");
    assertThat(n.path("howToWithdraw").asText()).contains("at any time").contains("12 months");
    assertThat(n.path("withdrawalPage").asText()).isEqualTo("/privacy/incentives/rewards/withdraw");
    assertThat(n.path("offered").asBoolean()).isTrue();
    // the version shown is stored with its content, so a consent names the exact terms
    assertThat(jdbc.queryForObject("select content from incentive_notice where program_id = 'rewards' and version = ?",
        String.class, n.path("version").asText())).contains("\"estimate\":24.00");

    assertThat(http.getForObject("/api/privacy/incentives", JsonNode.class).path("programs").findValuesAsText("program"))
        .containsExactly("rewards");
    assertThat(http.getForEntity("/api/privacy/incentives/no-such-program", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<String> missingPage = http.getForEntity("/privacy/incentives/no-such-program/join", String.class);
    assertThat(missingPage.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(missingPage.getBody()).contains("Program not found").contains("href=\"/privacy/incentives\"");
    // linked from the privacy policy
    assertThat(http.getForObject("/privacy", String.class)).contains("href=\"/privacy/incentives/rewards\"")
        .contains("Notice of Financial Incentive: Example Shop Rewards").contains("id=\"non-discrimination\"");
    assertThat(http.getForObject("/api/privacy/notice", JsonNode.class).path("financialIncentives").get(0).path("noticeUrl").asText())
        .endsWith("/privacy/incentives/rewards");
  }

  @Test
  void anOptInNamesTheNoticeVersionAndTheCheckAnswersItAtOnce() {
    String version = currentVersion();
    ResponseEntity<JsonNode> joined = consent(Map.of("program", "rewards", "decision", "OPT_IN", "email", "Joiner.One@example.com",
        "accountId", "acct:5001", "noticeVersion", version, "channel", "WEB", "decidedAt", clock.instant().minusSeconds(60).toString()));
    assertThat(joined.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(joined.getBody().path("status").asText()).isEqualTo("enrolled");
    assertThat(joined.getBody().has("doNotAskBefore")).isFalse();
    long id = joined.getBody().path("consent").asLong();
    Map<String, Object> row = jdbc.queryForMap("select * from incentive_consent where id = ?", id);
    assertThat(row).containsEntry("PROGRAM_ID", "rewards").containsEntry("DECISION", "OPT_IN").containsEntry("NOTICE_VERSION", version)
        .containsEntry("CHANNEL", "WEB");
    assertThat(jdbc.queryForList("select identifier_type from incentive_consent_identifier where consent_id = ? order by identifier_type",
        String.class, id)).containsExactly("ACCOUNT", "EMAIL");
    assertThat(jdbc.queryForObject("select count(*) from incentive_consent_identifier where identifier_key like '%example.com%'",
        Integer.class)).as("no address in the clear").isZero();

    JsonNode byEmail = check("email=joiner.one@example.com");
    assertThat(byEmail.path("incentives").path("rewards").asText()).isEqualTo("enrolled");
    assertThat(byEmail.path("incentivesDoNotAskBefore").has("rewards")).isFalse();
    assertThat(byEmail.path("incentiveSignalConflicts").size()).isZero();
    assertThat(check("accountId=acct:5001").path("incentives").path("rewards").asText()).isEqualTo("enrolled");
    assertThat(meters.counter("pcm.incentive.decisions", "program", "rewards", "decision", "OPT_IN", "channel", "WEB").count())
        .isGreaterThanOrEqualTo(1);
    assertThat(check("email=somebody.else@example.com").path("incentives").size()).isZero();
  }

  @Test
  void aRefusalToOptInStartsTwelveMonthsWithoutAnInvitation() {
    ResponseEntity<JsonNode> declined = consent(Map.of("program", "rewards", "decision", "DECLINE", "email", "decliner@example.com",
        "channel", "IN_STORE"));
    assertThat(declined.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    LocalDate today = clock.instant().atZone(ZoneId.of("America/Los_Angeles")).toLocalDate();
    assertThat(declined.getBody().path("status").asText()).isEqualTo("declined");
    assertThat(declined.getBody().path("doNotAskBefore").asText()).isEqualTo(today.plusMonths(12).toString());
    JsonNode checked = check("email=decliner@example.com");
    assertThat(checked.path("incentives").path("rewards").asText()).isEqualTo("declined");
    assertThat(checked.path("incentivesDoNotAskBefore").path("rewards").asText()).isEqualTo(today.plusMonths(12).toString());
    // joining later is the consumer's own choice, and the wait no longer applies
    consent(Map.of("program", "rewards", "decision", "OPT_IN", "email", "decliner@example.com", "noticeVersion", currentVersion(),
        "channel", "APP"));
    assertThat(check("email=decliner@example.com").path("incentives").path("rewards").asText()).isEqualTo("enrolled");
    assertThat(check("email=decliner@example.com").path("incentivesDoNotAskBefore").size()).isZero();
    // a member who wants to leave withdraws: a refusal to join is not how
    ResponseEntity<JsonNode> memberDeclines = consent(Map.of("program", "rewards", "decision", "DECLINE", "email", "decliner@example.com",
        "channel", "WEB"));
    assertThat(memberDeclines.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(memberDeclines.getBody().path("detail").asText()).contains("INCENTIVE_WITHDRAWAL");
    assertThat(check("email=decliner@example.com").path("incentives").path("rewards").asText()).isEqualTo("enrolled");
  }

  @Test
  void anOptInToTermsNoLongerShownIsRefused() {
    ResponseEntity<JsonNode> stale = consent(Map.of("program", "rewards", "decision", "OPT_IN", "email", "stale@example.com",
        "noticeVersion", "000000000000", "channel", "WEB"));
    assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(stale.getBody().path("type").asText()).endsWith("notice-changed");
    assertThat(stale.getBody().path("detail").asText()).contains(currentVersion());
    assertThat(check("email=stale@example.com").path("incentives").size()).isZero();
    assertThat(jdbc.queryForObject("select count(*) from incentive_consent where notice_version = '000000000000'", Integer.class)).isZero();
  }

  @Test
  void aSignalThatConflictsWithAnEnrolmentIsHonouredAndTheConsumerMayBeAsked() {
    consent(Map.of("program", "rewards", "decision", "OPT_IN", "accountId", "acct:5101", "noticeVersion", currentVersion(), "channel", "WEB"));
    // staying is only an answer to a conflict of an enrolled consumer
    assertThat(consent(Map.of("program", "rewards", "decision", "KEEP_DESPITE_SIGNAL", "accountId", "acct:5999", "channel", "WEB"))
        .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> signalled = http.withBasicAuth("edge", "edge").postForEntity("/api/signals",
        new HttpEntity<>("{\"signals\":[{\"deviceId\":\"shop-device-rewards-1\",\"accountId\":\"acct:5101\"}]}", headers), JsonNode.class);
    assertThat(signalled.getBody().path("consumersReached").asInt()).isEqualTo(1);

    JsonNode meanwhile = check("accountId=acct:5101");
    assertThat(meanwhile.path("saleAllowed").asBoolean()).as("the signal is honoured meanwhile").isFalse();
    assertThat(meanwhile.path("sharingAllowed").asBoolean()).isFalse();
    assertThat(meanwhile.path("incentives").path("rewards").asText()).isEqualTo("enrolled");
    assertThat(meanwhile.path("incentiveSignalConflicts").path("rewards").asText()).isEqualTo("ASK_CONSUMER");

    ResponseEntity<JsonNode> stayed = consent(Map.of("program", "rewards", "decision", "KEEP_DESPITE_SIGNAL", "accountId", "acct:5101",
        "channel", "WEB"));
    assertThat(stayed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode after = check("accountId=acct:5101");
    assertThat(after.path("incentiveSignalConflicts").path("rewards").asText()).isEqualTo("CONSUMER_STAYED");
    assertThat(after.path("sharingAllowed").asBoolean()).as("outside the program the signal still counts").isFalse();
    assertThat(jdbc.queryForList("select c.decision from incentive_consent c where c.id in (select consent_id from"
        + " incentive_consent_identifier) and c.channel = 'WEB' and c.decision = 'KEPT_DESPITE_SIGNAL'", String.class)).hasSize(1);
  }

  @Test
  void theJoinPageRecordsNothingUntilTheConsumerConfirmsFromTheirMailbox() throws Exception {
    String page = http.getForObject("/privacy/incentives/rewards/join", String.class);
    String version = currentVersion();
    assertThat(page).contains("name=\"noticeVersion\" value=\"" + version + "\"").contains("Notice of Financial Incentive")
        .doesNotContain("<script");

    ResponseEntity<String> notAgreed = postForm("/privacy/incentives/rewards/join", "email=page.joiner@example.com&noticeVersion=" + version);
    assertThat(notAgreed.getStatusCode().value()).isEqualTo(400);
    assertThat(notAgreed.getBody()).contains("Tick the box to agree to the terms");
    ResponseEntity<String> oldTerms = postForm("/privacy/incentives/rewards/join", "email=page.joiner@example.com&agree=yes&noticeVersion=abc");
    assertThat(oldTerms.getBody()).contains("The terms changed while you were reading them");

    ResponseEntity<String> sent = postForm("/privacy/incentives/rewards/join",
        "email=Page.Joiner@example.com&agree=yes&noticeVersion=" + version);
    assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(sent.getBody()).contains("Check your email");
    assertThat(check("email=page.joiner@example.com").path("incentives").size()).as("not before the link is confirmed").isZero();

    String token = null;
    for (MimeMessage message : mail.getReceivedMessagesForDomain("page.joiner@example.com")) {
      Matcher m = JOIN_LINK.matcher((String) message.getContent());
      if (m.find()) {
        token = m.group(1);
      }
    }
    assertThat(token).as("the link mailed").isNotNull();
    assertThat(new String(java.util.Base64.getUrlDecoder().decode(token))).doesNotContain("example.com");
    assertThat(http.getForObject("/privacy/incentives/rewards/join/confirm?t=" + token, String.class))
        .contains("Confirm that you join Example Shop Rewards").contains(version);
    assertThat(check("email=page.joiner@example.com").path("incentives").size()).as("opening the link changes nothing").isZero();

    ResponseEntity<String> confirmed = postForm("/privacy/incentives/rewards/join/confirm", "t=" + token);
    assertThat(confirmed.getBody()).contains("Welcome to Example Shop Rewards");
    assertThat(check("email=page.joiner@example.com").path("incentives").path("rewards").asText()).isEqualTo("enrolled");
    assertThat(postForm("/privacy/incentives/rewards/join/confirm", "t=" + token).getBody()).contains("already a member");
    assertThat(jdbc.queryForList("select channel from incentive_consent where notice_version = ? and channel = 'PRIVACY_PAGE'",
        String.class, version)).hasSize(1);

    String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("rewards|" + version + "|" + "0".repeat(64) + "|" + clock.instant().getEpochSecond() + "|" + "f".repeat(64)).getBytes());
    assertThat(postForm("/privacy/incentives/rewards/join/confirm", "t=" + forged).getStatusCode().value()).isEqualTo(410);
  }

  @Test
  void officersReadTheRecordsAndTheCountsAndTheDecisionInForceOutlivesRetention() {
    consent(Map.of("program", "rewards", "decision", "DECLINE", "email", "records.one@example.com", "channel", "PHONE"));
    consent(Map.of("program", "rewards", "decision", "OPT_IN", "email", "records.two@example.com", "noticeVersion", currentVersion(),
        "channel", "MAIL"));
    LocalDate today = clock.instant().atZone(ZoneId.of("America/Los_Angeles")).toLocalDate();
    ResponseEntity<JsonNode> records = http.withBasicAuth("officer", "officer")
        .getForEntity("/api/audit/incentives?from=" + today + "&to=" + today, JsonNode.class);
    assertThat(records.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(records.getBody().path("counts").path("rewards").path("DECLINED").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(records.getBody().path("counts").path("rewards").path("OPT_IN").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(records.getBody().path("records").findValuesAsText("channel")).contains("PHONE", "MAIL");
    assertThat(records.getBody().toString()).doesNotContain("example.com");
    assertThat(http.withBasicAuth("signup", "signup").getForEntity("/api/audit/incentives", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("officer", "officer").getForEntity("/api/audit/incentives?from=2026-13-01", JsonNode.class)
        .getBody().path("fields").path("from").asText()).contains("must be a date");
    assertThat(http.withBasicAuth("officer", "officer").getForEntity("/api/audit/incentives?from=2026-02-01&to=2026-01-01", JsonNode.class)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    // 30 months ago one consumer opted in and later withdrew, another opted in and is still a member
    java.sql.Timestamp old = java.sql.Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(915)));
    long optIn = oldConsent("OPT_IN", old, "retention-key-1");
    long withdrawn = oldConsent("WITHDRAWN", old, "retention-key-1");
    long member = oldConsent("OPT_IN", old, "retention-key-2");
    purge.purge();
    assertThat(jdbc.queryForList("select id from incentive_consent where id in (?, ?, ?) order by id", Long.class, optIn, withdrawn, member))
        .as("the replaced opt-in goes; the withdrawal and the membership in force stay").containsExactly(withdrawn, member);
  }

  @Autowired com.privacycasemanager.records.RecordsRetention purge;

  private long oldConsent(String decision, java.sql.Timestamp at, String key) {
    jdbc.update("insert into incentive_consent (program_id, decision, notice_version, channel, decided_at, recorded_at)"
        + " values ('rewards', ?, 'v-old', 'WEB', ?, ?)", decision, at, at);
    long id = jdbc.queryForObject("select max(id) from incentive_consent", Long.class);
    jdbc.update("insert into incentive_consent_identifier (consent_id, identifier_type, identifier_key) values (?, 'EMAIL', ?)", id, key);
    return id;
  }

  @Test
  void aBadConsentIsRefusedFieldByFieldAndRecordsNothing() {
    int before = jdbc.queryForObject("select count(*) from incentive_consent", Integer.class);
    assertField(Map.of("decision", "OPT_IN", "email", "x@example.com", "channel", "WEB"), "program", "is required");
    assertField(Map.of("program", "gold", "decision", "DECLINE", "email", "x@example.com", "channel", "WEB"), "program",
        "is not a program of ours; use one of [rewards]");
    assertField(Map.of("program", "rewards", "decision", "WITHDRAW", "email", "x@example.com", "channel", "WEB"), "decision",
        "a withdrawal is a request: POST /api/privacy/requests with type INCENTIVE_WITHDRAWAL");
    assertField(Map.of("program", "rewards", "decision", "MAYBE", "email", "x@example.com", "channel", "WEB"), "decision", "must be");
    assertField(Map.of("program", "rewards", "decision", "DECLINE", "channel", "WEB"), "email", "a consent belongs to a consumer");
    assertField(Map.of("program", "rewards", "decision", "DECLINE", "email", "x@example.com", "channel", "PRIVACY_PAGE"), "channel",
        "must be one of [WEB, APP, IN_STORE, PHONE, MAIL]");
    assertField(Map.of("program", "rewards", "decision", "OPT_IN", "email", "x@example.com", "channel", "WEB"), "noticeVersion",
        "is required for an opt-in");
    assertField(Map.of("program", "rewards", "decision", "DECLINE", "email", "x@example.com", "channel", "WEB",
        "decidedAt", clock.instant().plusSeconds(3600).toString()), "decidedAt", "is in the future");
    assertField(Map.of("program", "rewards", "decision", "DECLINE", "email", "x@example.com", "channel", "WEB",
        "decidedAt", clock.instant().minus(java.time.Duration.ofDays(31)).toString()), "decidedAt", "more than 30 days ago");
    assertField(Map.of("program", "rewards", "decision", "DECLINE", "email", "x@example.com", "channel", "WEB", "decidedAt", "yesterday"),
        "decidedAt", "ISO-8601");
    assertField(Map.of("program", "rewards", "decision", "DECLINE", "email", "x@example.com", "channel", "WEB", "points", "9"),
        "points", "is not a field of a consent");
    assertField(Map.of("program", "rewards", "decision", "DECLINE", "email", "x@example.com", "channel", "WEB",
        "noticeVersion", "ffffffffffff"), "noticeVersion", "is no version of the notice");

    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.withBasicAuth("signup", "signup").postForEntity("/api/incentives/consents", new HttpEntity<>("{not json", json),
        JsonNode.class).getBody().path("fields").path("body").asText()).isEqualTo("is not JSON");
    assertThat(http.withBasicAuth("signup", "signup").postForEntity("/api/incentives/consents", new HttpEntity<>("[1]", json),
        JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(http.withBasicAuth("signup", "signup").postForEntity("/api/incentives/consents",
        new HttpEntity<>("{\"program\":\"" + "r".repeat(5000) + "\"}", json), JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    HttpHeaders text = new HttpHeaders();
    text.setContentType(MediaType.TEXT_PLAIN);
    assertThat(http.withBasicAuth("signup", "signup").postForEntity("/api/incentives/consents", new HttpEntity<>("{}", text),
        JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    assertThat(http.withBasicAuth("adsystem", "adsystem").postForEntity("/api/incentives/consents", new HttpEntity<>("{}", json),
        JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.postForEntity("/api/incentives/consents", new HttpEntity<>("{}", json), JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(jdbc.queryForObject("select count(*) from incentive_consent", Integer.class)).isEqualTo(before);
  }

  private void assertField(Map<String, String> body, String field, String problem) {
    ResponseEntity<JsonNode> refused = consent(body);
    assertThat(refused.getStatusCode()).as("%s", refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("fields").path(field).asText()).as("%s", refused.getBody()).contains(problem);
  }

  @Test
  void theApiDocumentationShowsTheConsentBodyAndTheNotices() {
    String docs = http.getForObject("/api/openapi", String.class);
    assertThat(docs).contains("/api/incentives/consents").contains("ConsentBody").contains("KEEP_DESPITE_SIGNAL")
        .contains("/api/privacy/incentives/{program}").contains("/api/audit/incentives");
  }

  private String currentVersion() {
    return http.getForObject("/api/privacy/incentives/rewards", JsonNode.class).path("version").asText();
  }

  private ResponseEntity<JsonNode> consent(Map<String, String> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    try {
      String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
      return http.withBasicAuth("signup", "signup").postForEntity("/api/incentives/consents", new HttpEntity<>(json, headers), JsonNode.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode check(String query) {
    return http.withBasicAuth("adsystem", "adsystem").getForObject("/api/preferences/check?" + query, JsonNode.class);
  }

  private ResponseEntity<String> postForm(String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return http.postForEntity(path, new HttpEntity<>(body, headers), String.class);
  }

}
