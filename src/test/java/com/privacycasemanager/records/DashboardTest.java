package com.privacycasemanager.records;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.CaseTestSupport;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * {@code /staff/dashboard} and {@code /staff/cases.csv} over HTTP, with cases of this test's own
 * (the database is shared, so nothing here counts totals) and the engine clock moved to make them
 * due soon or overdue.
 */
class DashboardTest extends CaseTestSupport {

  @Autowired TestRestTemplate http;
  @Autowired IntakeService intake;
  @Autowired CaseRepository cases;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;

  @Test
  void casesAppearAsDueSoonOverdueExtendedAndWithSilentRecipients() {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-02T18:00:00Z")));
    RequestId early = submit("OPT_OUT_SALE", "dash.early@example.com");
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-03T18:00:00Z")));
    RequestId late = submit("OPT_OUT_SHARING", "dash.late@example.com");
    RequestId extended = submit("OPT_OUT_SALE", "dash.extended@example.com");
    cases.extend(extended, cases.get(extended).dueAt().plusSeconds(60L * 24 * 3600), "test: more time");
    // the sharing opt-out reaches the analytics recipient, which confirms by callback (never, here)
    caseJobs.runAsyncSteps(late);

    Instant earlyDue = cases.get(early).dueAt();
    Instant lateDue = cases.get(late).dueAt();
    assertThat(lateDue).isAfter(earlyDue.plusSeconds(3600));
    // the early case is overdue, the late one due within a week
    ClockUtil.setCurrentTime(Date.from(earlyDue.plusSeconds(3600)));
    assertThat(lateDue).isBefore(earlyDue.plusSeconds(7 * 24 * 3600));

    ResponseEntity<String> page = http.withBasicAuth("officer", "officer").getForEntity("/staff/dashboard", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getHeaders().getCacheControl()).isEqualTo("no-store");
    String html = page.getBody();
    assertThat(table(html, "overdue")).contains(row(early)).doesNotContain(row(late)).doesNotContain(row(extended));
    assertThat(table(html, "due-soon")).contains(row(late)).doesNotContain(row(early)).doesNotContain(row(extended));
    assertThat(table(html, "extended")).contains(row(extended)).doesNotContain(row(early));
    assertThat(table(html, "unacknowledged")).contains(row(late)).contains("analytics");
    assertThat(table(html, "open-cases")).contains("Opt-out of sale").contains("In effect").doesNotContain("OPT_OUT_SALE");
    // every open case, earliest due first, with the days it has left or is overdue by
    String all = table(html, "open-list");
    assertThat(all.indexOf(row(early))).isNotNegative().isLessThan(all.indexOf(row(late)));
    assertThat(rowHtml(table(html, "overdue"), early)).contains("1 day overdue");
    assertThat(rowHtml(table(html, "due-soon"), late)).contains("due today");
    // every row leads to the case file, Tasklist and Cockpit
    assertThat(html).contains("href=\"/staff/cases/" + early.value() + "\"");
    String earlyRow = rowHtml(table(html, "overdue"), early);
    assertThat(earlyRow).contains("/camunda/app/tasklist/default/#/?searchQuery=")
        .contains("/camunda/app/cockpit/default/#/process-instance/" + rootInstance(early));
    assertThat(html).doesNotContain("dash.early@example.com");
  }

  /** The order itself is checked on the seeded office (browser/DashboardBrowserTest); this database is shared. */
  @Test
  void theDueDateHeaderLinksToTheOtherOrderAndAnUnknownSortIsRefused() {
    String ascending = http.withBasicAuth("officer", "officer").getForObject("/staff/dashboard?sort=due", String.class);
    assertThat(table(ascending, "open-list")).contains("href=\"/staff/dashboard?sort=-due\"").contains("aria-sort=\"ascending\"");
    String descending = http.withBasicAuth("officer", "officer").getForObject("/staff/dashboard?sort=-due", String.class);
    assertThat(table(descending, "open-list")).contains("href=\"/staff/dashboard?sort=due\"").contains("aria-sort=\"descending\"");
    assertThat(table(descending, "overdue")).contains("aria-sort=\"descending\"");

    ResponseEntity<String> unknown = http.withBasicAuth("officer", "officer").getForEntity("/staff/dashboard?sort=name", String.class);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknown.getBody()).contains("sort=due").contains("sort=-due");
  }

  @Test
  void theDashboardIsForStaff() {
    assertThat(http.getForEntity("/staff/dashboard", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/staff/dashboard", String.class).getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    String outsider = lockoutProbeUser();
    assertThat(http.withBasicAuth(outsider, "probe-password-" + outsider).getForEntity("/staff/dashboard", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("reviewer", "reviewer").getForEntity("/staff/dashboard", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void theRecordsCsvHoldsTheCasesReceivedInTheRangeWithoutPersonalData() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2025-03-10T20:00:00Z")));
    RequestId inside = submit("OPT_OUT_SALE", "csv.inside@example.com");
    // 23:30 in California on the 11th is already the 12th in UTC: still inside the range
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2025-03-12T06:30:00Z")));
    RequestId lastDay = submit("OPT_OUT_SHARING", "csv.lastday@example.com");
    cases.completeWithoutTrailEntry(lastDay, Outcome.DENIED, "=not verifiable, \"see note\"", Instant.parse("2025-03-13T17:00:00Z"));
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2025-03-12T09:00:00Z")));
    RequestId after = submit("OPT_OUT_SALE", "csv.after@example.com");

    ResponseEntity<String> csv = http.withBasicAuth("officer", "officer").getForEntity("/staff/cases.csv?from=2025-03-10&to=2025-03-11", String.class);
    assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(csv.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
    List<String> lines = Arrays.asList(csv.getBody().split("\r\n"));
    assertThat(lines.get(0)).isEqualTo(DashboardController.CSV_HEADER);
    assertThat(lines).anyMatch(l -> l.startsWith(inside.value() + ",2025-03-10T20:00:00Z,OPT_OUT_SALE,API,"));
    assertThat(lines).contains(lastDay.value() + ",2025-03-12T06:30:00Z,OPT_OUT_SHARING,API,2025-03-13T17:00:00Z,DENIED,"
        + "\"'=not verifiable, \"\"see note\"\"\"");
    assertThat(csv.getBody()).doesNotContain(after.value()).doesNotContain("@example.com");
  }

  @Test
  void theCsvAnswersBadRangesAndOutsidersWithProblems() {
    assertThat(http.getForEntity("/staff/cases.csv?from=2025-01-01&to=2025-01-31", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("reviewer", "reviewer").getForEntity("/staff/cases.csv?from=2025-01-01&to=2025-01-31", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    for (String[] bad : List.of(
        new String[] {"from=2025-01-01", "to"},
        new String[] {"from=2025-13-01&to=2025-12-31", "from"},
        new String[] {"from=2025-02-01&to=2025-01-31", "to"},
        new String[] {"from=yesterday&to=", "to"})) {
      ResponseEntity<JsonNode> answer = http.withBasicAuth("officer", "officer").getForEntity("/staff/cases.csv?" + bad[0], JsonNode.class);
      assertThat(answer.getStatusCode()).as(bad[0]).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat(answer.getBody().path("fields").has(bad[1])).as("%s: %s", bad[0], answer.getBody()).isTrue();
    }
  }

  private RequestId submit(String type, String email) {
    return intake.submit(new IntakeRequest(type, email, null, null, null, null, null, null, null, null), Channel.API, null)
        .record().requestId();
  }

  private String rootInstance(RequestId id) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(id.value()).list().stream()
        .filter(i -> runtime.createProcessInstanceQuery().subProcessInstanceId(i.getId()).count() == 0)
        .findFirst().orElseThrow().getId();
  }

  private static String row(RequestId id) {
    return "data-request-id=\"" + id.value() + "\"";
  }

  private static String table(String html, String id) {
    int start = html.indexOf("<table id=\"" + id + "\"");
    assertThat(start).as("table " + id).isNotNegative();
    return html.substring(start, html.indexOf("</table>", start));
  }

  private static String rowHtml(String table, RequestId id) {
    int start = table.indexOf(row(id));
    return table.substring(start, table.indexOf("</tr>", start));
  }
}
