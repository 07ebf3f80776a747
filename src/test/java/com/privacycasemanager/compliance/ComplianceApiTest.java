package com.privacycasemanager.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.support.CaseTestSupport;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The compliance API and page over HTTP against the shared test context (data-map-test.yml). */
class ComplianceApiTest extends CaseTestSupport {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theSelfCheckReadsTheRunningConfiguration() {
    JsonNode report = officer("/api/compliance/check").getBody();
    assertThat(check(report, "processes-deployed").path("passed").asBoolean()).isTrue();
    assertThat(check(report, "gpc-honoured").path("passed").asBoolean()).isTrue();
    assertThat(check(report, "request-methods").path("passed").asBoolean()).isTrue();
    assertThat(check(report, "retention-named").path("passed").asBoolean()).isTrue();
    assertThat(check(report, "record-retention").path("found").asText()).contains("24 months");
    // the test map's lastUpdated is 2026-11-01; the clock decides whether that is within 12 months
    assertThat(check(report, "notice-updated").path("found").asText()).contains("2026-11-01");
    // the test map's data-broker is shared to but only receives CORRECT
    JsonNode recipients = check(report, "recipients-propagate");
    assertThat(recipients.path("passed").asBoolean()).isFalse();
    assertThat(recipients.path("found").asText()).contains("data-broker (SHARED)");
    assertThat(recipients.path("citation").asText()).isNotBlank();
    assertThat(check(report, "metrics-published").path("applicable").asBoolean()).isFalse();
    // the test map's three ADMT uses: the processes run, the demo's credit reviewer may overturn, the policy states the rights
    JsonNode admt = check(report, "admt-rights");
    assertThat(admt.path("passed").asBoolean()).as(admt.toString()).isTrue();
    assertThat(admt.path("found").asText()).contains("3 ADMT uses").contains("admt-opt-out").contains("admt-appeal");

    // the tests seal batches of signals by hand (privacy.signals.batch.scheduled=false): this node never would
    JsonNode signals = check(report, "signals-batched");
    assertThat(signals.path("passed").asBoolean()).isFalse();
    assertThat(signals.path("toDo").asText()).contains("privacy.signals.batch.scheduled=true");

    // the test map's loyalty program: valued, and every right keeps its enrolment but the ones the rule allows to end it
    JsonNode valuation = check(report, "incentive-valuation");
    assertThat(valuation.path("passed").asBoolean()).as(valuation.toString()).isTrue();
    JsonNode fair = check(report, "non-discrimination");
    assertThat(fair.path("passed").asBoolean()).as(fair.toString()).isTrue();
    assertThat(fair.path("found").asText()).contains("withdrawal is deployed");
    assertThat(fair.path("citation").asText()).contains("1798.125");

    int applicable = report.path("applicable").asInt();
    int passed = report.path("passed").asInt();
    assertThat(applicable).isEqualTo(12);
    assertThat(report.path("score").asInt()).isEqualTo(passed * 100 / applicable).isLessThan(100);
  }

  @Test
  void aMovedClockMakesTheNoticeStale() {
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(Instant.parse("2027-11-15T20:00:00Z")));
    JsonNode notice = check(officer("/api/compliance/check").getBody(), "notice-updated");
    assertThat(notice.path("passed").asBoolean()).isFalse();
    assertThat(notice.path("found").asText()).contains("due by 2027-11-01");
  }

  @Test
  void anOverdueOpenCaseIsAGapUntilItCompletes() {
    String requestId = "CCPA-20200101-0000C0DE";
    OffsetDateTime received = OffsetDateTime.now(ZoneOffset.UTC).minusDays(60);
    jdbc.update("insert into privacy_case (request_id, request_type, channel, status, received_at, due_at) values (?, 'DELETE', 'API', 'RECEIVED', ?, ?)",
        requestId, received, received.plusDays(45));
    try {
      JsonNode overdue = check(officer("/api/compliance/check").getBody(), "no-overdue-cases");
      assertThat(overdue.path("passed").asBoolean()).isFalse();
      assertThat(overdue.path("found").asText()).contains(requestId);

      // an extension to day 90 moves its due date past now
      jdbc.update("update privacy_case set extended_due_at = ? where request_id = ?", received.plusDays(90), requestId);
      assertThat(check(officer("/api/compliance/check").getBody(), "no-overdue-cases").path("found").asText()).doesNotContain(requestId);

      jdbc.update("update privacy_case set extended_due_at = null, completed_at = ? where request_id = ?", received.plus(30, ChronoUnit.DAYS), requestId);
      assertThat(check(officer("/api/compliance/check").getBody(), "no-overdue-cases").path("found").asText()).doesNotContain(requestId);
    } finally {
      jdbc.update("delete from privacy_case where request_id = ?", requestId);
    }
  }

  @Test
  void onlyOfficersAndAdminsMayUseTheTools() {
    for (String path : new String[] {"/api/compliance/check", "/api/compliance/applicability?revenue=1&consumers=1&revenueShareFromSelling=1",
        "/api/compliance/exposure?violations=1"}) {
      ResponseEntity<JsonNode> anonymous = http.getForEntity(path, JsonNode.class);
      assertThat(anonymous.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
      assertThat(anonymous.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat(http.withBasicAuth("reviewer", "reviewer").getForEntity(path, JsonNode.class).getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(http.withBasicAuth("adsystem", "adsystem").getForEntity(path, JsonNode.class).getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(http.withBasicAuth("officer", "officer").getForEntity(path, JsonNode.class).getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
      assertThat(http.withBasicAuth("demo", "demo").getForEntity(path, JsonNode.class).getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
    }
    String probe = lockoutProbeUser("privacy-officers");
    assertThat(http.withBasicAuth(probe, "wrong").getForEntity("/api/compliance/check", JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void applicabilityUsesTheConfiguredThresholdAndSaysWhichYearsFiguresItUsed() {
    JsonNode at = officer("/api/compliance/applicability?revenue=26625000&consumers=99999&revenueShareFromSelling=49.9&year=2026").getBody();
    assertThat(at.path("applies").asBoolean()).isFalse();
    assertThat(at.path("amounts").path("effectiveYear").asInt()).isEqualTo(2025);
    assertThat(at.path("amounts").path("fallback").asBoolean()).isTrue();
    assertThat(at.path("amounts").path("figures").path("revenueThreshold").decimalValue()).isEqualByComparingTo("26625000");

    JsonNode over = officer("/api/compliance/applicability?revenue=26625001&consumers=0&revenueShareFromSelling=0&year=2025").getBody();
    assertThat(over.path("applies").asBoolean()).isTrue();
    assertThat(over.path("amounts").path("fallback").asBoolean()).isFalse();
    assertThat(officer("/api/compliance/applicability?revenue=0&consumers=100000&revenueShareFromSelling=0").getBody().path("applies").asBoolean()).isTrue();
    assertThat(officer("/api/compliance/applicability?revenue=0&consumers=0&revenueShareFromSelling=50").getBody().path("applies").asBoolean()).isTrue();
  }

  @Test
  void exposureIsComputedInWholeDollars() {
    JsonNode estimate = officer("/api/compliance/exposure?violations=10&intentionalOrMinors=1&breachConsumers=250&year=2026").getBody();
    // by hand: 10 × 2,663 + 7,988 = 34,618; 250 × 107 = 26,750; 250 × 799 = 199,750
    assertThat(estimate.path("penalties").asText()).isEqualTo("34618");
    assertThat(estimate.path("breachMinimum").asText()).isEqualTo("26750");
    assertThat(estimate.path("breachMaximum").asText()).isEqualTo("199750");
    assertThat(estimate.path("totalMaximum").asText()).isEqualTo("234368");
    JsonNode later = officer("/api/compliance/exposure?violations=1&year=2029").getBody();
    assertThat(later.path("amounts").path("note").asText()).contains("falling back", "2025");
  }

  @Test
  void badInputIsA400ProblemNamingEachField() {
    ResponseEntity<JsonNode> missing = officer("/api/compliance/applicability?revenue=12.50&revenueShareFromSelling=101&year=20x6");
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode fields = missing.getBody().path("fields");
    assertThat(fields.path("revenue").asText()).contains("whole number");
    assertThat(fields.path("consumers").asText()).isEqualTo("is required");
    assertThat(fields.path("revenueShareFromSelling").asText()).contains("0 to 100");
    assertThat(fields.path("year").asText()).contains("year");

    JsonNode exposure = officer("/api/compliance/exposure?violations=-1&intentionalOrMinors=true&breachConsumers=1e3&year=2019").getBody();
    assertThat(exposure.path("fields").path("violations").asText()).contains("whole number");
    assertThat(exposure.path("fields").path("intentionalOrMinors").asText()).contains("whole number");
    assertThat(exposure.path("fields").path("breachConsumers").asText()).contains("whole number");
    assertThat(exposure.path("fields").path("year").asText()).contains("before 2025");
  }

  @Test
  void theStaffPageShowsTheScoreTheGapsAndTheForms() {
    ResponseEntity<String> page = http.withBasicAuth("officer", "officer").getForEntity("/staff/compliance", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("id=\"score\"", "check-recipients-propagate", "GAP", "data-broker (SHARED)", "applicability-form", "exposure-form");

    String answered = http.withBasicAuth("officer", "officer")
        .getForObject("/staff/compliance?ask=exposure&violations=3&intentionalOrMinors=2&breachConsumers=1000&year=2026", String.class);
    assertThat(answered).contains("$23,965", "$107,000 – $799,000", "$130,965 – $822,965");
    String applies = http.withBasicAuth("officer", "officer")
        .getForObject("/staff/compliance?ask=applicability&revenue=26625001&consumers=0&revenueShareFromSelling=0&year=2026", String.class);
    assertThat(applies).contains("The CCPA applies.");

    ResponseEntity<String> bad = http.withBasicAuth("officer", "officer").getForEntity("/staff/compliance?ask=applicability&revenue=lots", String.class);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("applicability-errors", "revenue must be a whole number");

    assertThat(http.getForEntity("/staff/compliance", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("reviewer", "reviewer").getForEntity("/staff/compliance", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  private ResponseEntity<JsonNode> officer(String path) {
    return http.withBasicAuth("officer", "officer").getForEntity(path, JsonNode.class);
  }

  private static JsonNode check(JsonNode report, String id) {
    for (JsonNode check : report.path("checks")) {
      if (check.path("id").asText().equals(id)) {
        return check;
      }
    }
    throw new AssertionError("no check " + id + " in " + report);
  }
}
