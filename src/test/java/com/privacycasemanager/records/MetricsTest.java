package com.privacycasemanager.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.privacycasemanager.request.RequestGroup;
import com.privacycasemanager.support.CaseTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The §7102 metrics of 2023 (a year no other test writes cases in) over a fixture of cases with
 * known outcomes and durations, against figures worked out by hand.
 */
class MetricsTest extends CaseTestSupport {

  @Autowired JdbcTemplate jdbc;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  /** The figures of 2023 by hand: type, received, whole, part, denied, unverified, not a consumer, exempt, other, pending, median, mean. */
  static final Map<String, List<String>> EXPECTED_2023 = new LinkedHashMap<>();

  static {
    // know: days 10, 20.5, 21, 45, 3 -> sorted 3, 10, 20.5, 21, 45: median 20.5, mean 99.5 / 5 = 19.9
    EXPECTED_2023.put("KNOW", List.of("6", "2", "1", "2", "1", "0", "0", "1", "1", "20.5", "19.9"));
    // delete: days 30.25, 15, 5, 2 -> median (5 + 15) / 2 = 10.0, mean 52.25 / 4 = 13.0625 -> 13.1
    EXPECTED_2023.put("DELETE", List.of("4", "1", "1", "2", "0", "1", "1", "0", "0", "10.0", "13.1"));
    EXPECTED_2023.put("CORRECT", List.of("1", "0", "0", "1", "0", "0", "0", "1", "0", "7.0", "7.0"));
    // opt-out: days 0.0417, 1.5, 2 -> median 1.5, mean 3.5417 / 3 = 1.18 -> 1.2
    EXPECTED_2023.put("OPT_OUT", List.of("3", "3", "0", "0", "0", "0", "0", "0", "0", "1.5", "1.2"));
    EXPECTED_2023.put("LIMIT", List.of("0", "0", "0", "0", "0", "0", "0", "0", "0", "", ""));
  }

  @Autowired MetricsService metrics;

  @BeforeEach
  void fixture() {
    CaseRecordFixture.load2023(jdbc);
  }

  @Test
  void theJsonCarriesTheHandComputedFiguresOf2023() throws Exception {
    HttpResponse<String> response = get("/api/privacy/metrics/2023", "application/json");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("year").asInt()).isEqualTo(2023);
    assertThat(body.get("timeZone").asText()).isEqualTo("America/Los_Angeles");
    assertThat(body.get("from").asText()).isEqualTo("2023-01-01");
    assertThat(body.get("to").asText()).isEqualTo("2023-12-31");
    Map<String, List<String>> actual = new LinkedHashMap<>();
    for (JsonNode row : body.get("types")) {
      actual.put(row.get("type").asText(), figures(row));
    }
    assertThat(actual).containsExactlyEntriesOf(EXPECTED_2023);
  }

  @Test
  void theAdmtOptOutRowIsReportedFrom2027WhenTheRequestsExist() {
    CaseRecordFixture fixture = new CaseRecordFixture(jdbc);
    fixture.insert("CCPA-20270105-000000E1", "ADMT_OPT_OUT", CaseRecordFixture.at("2027-01-05T18:00:00Z"),
        CaseRecordFixture.days(0, 2), "FULFILLED", null);
    fixture.insert("CCPA-20270106-000000E2", "ADMT_OPT_OUT", CaseRecordFixture.at("2027-01-06T18:00:00Z"),
        CaseRecordFixture.days(1, 0), "DENIED", "OTHER");
    fixture.open("CCPA-20270107-000000E3", "ADMT_OPT_OUT", CaseRecordFixture.at("2027-01-07T18:00:00Z"));
    try {
      YearMetrics.Row admt = metrics.forYear(2027).types().stream()
          .filter(r -> r.type() == RequestGroup.ADMT_OPT_OUT).findFirst().orElseThrow();
      assertThat(admt.label()).isEqualTo("Requests to opt out of automated decisionmaking technology");
      assertThat(List.of(admt.received(), admt.compliedInWhole(), admt.denied(), admt.deniedOther(), admt.pending()))
          .containsExactly(3, 1, 1, 1, 1);
      assertThat(admt.medianDaysToRespond()).isEqualByComparingTo("0.5");
      assertThat(metrics.forYear(2026).types()).extracting(YearMetrics.Row::type).doesNotContain(RequestGroup.ADMT_OPT_OUT);
    } finally {
      jdbc.update("delete from privacy_case where request_id like 'CCPA-2027010_-000000E_'");
    }
  }

  @Test
  void theCsvHasTheSameFiguresAsTheJson() throws Exception {
    HttpResponse<String> csv = get("/api/privacy/metrics/2023", "text/csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).isEqualTo("type,received,complied_in_whole,complied_in_part,denied,denied_unverified,"
        + "denied_not_a_consumer,denied_exempt,denied_other,pending,median_days_to_respond,mean_days_to_respond");
    Map<String, List<String>> fromCsv = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> cells = List.of(line.split(",", -1));
      fromCsv.put(cells.get(0), cells.subList(1, cells.size()));
    }
    JsonNode body = json.readTree(get("/api/privacy/metrics/2023", "application/json").body());
    Map<String, List<String>> fromJson = new LinkedHashMap<>();
    for (JsonNode row : body.get("types")) {
      fromJson.put(row.get("type").asText(), figures(row));
    }
    assertThat(fromCsv).isEqualTo(fromJson).containsExactlyEntriesOf(EXPECTED_2023);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abcd", "2019", "3000", "20231", "-2023"})
  void aBadYearIsAProblemNamingTheField(String year) throws Exception {
    for (String accept : List.of("application/json", "text/csv")) {
      HttpResponse<String> response = get("/api/privacy/metrics/" + year, accept);
      assertThat(response.statusCode()).as(year + " " + accept).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
      JsonNode problem = json.readTree(response.body());
      assertThat(problem.get("fields").get("year").asText()).startsWith("must be a year from 2020 to ");
    }
  }

  @Test
  void nextYearIsTheLatestYearAccepted() throws Exception {
    int next = Instant.now().atZone(java.time.ZoneId.of("America/Los_Angeles")).getYear() + 1;
    assertThat(get("/api/privacy/metrics/" + next, "application/json").statusCode()).isEqualTo(200);
    assertThat(get("/api/privacy/metrics/" + (next + 1), "application/json").statusCode()).isEqualTo(400);
    assertThat(get("/api/privacy/metrics/2020", "application/json").statusCode()).isEqualTo(200);
  }

  @Test
  void thePublicPageShowsTheTableAndAChartAndTheNoticeLinksToIt() throws Exception {
    HttpResponse<String> page = get("/privacy/metrics/2023", "text/html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Privacy request metrics for 2023").contains("<svg").doesNotContain("<script");
    assertThat(page.body()).containsPattern("id=\"row-DELETE\"[\\s\\S]*?class=\"received\">4<");
    assertThat(get("/privacy/metrics/nope", "text/html").statusCode()).isEqualTo(400);
    assertThat(get("/privacy", "text/html").body()).contains("href=\"/privacy/metrics\"");
    assertThat(json.readTree(get("/api/privacy/notice", "application/json").body()).get("metrics").asText())
        .endsWith("/privacy/metrics");
    int lastYear = Instant.now().atZone(java.time.ZoneId.of("America/Los_Angeles")).getYear() - 1;
    assertThat(get("/privacy/metrics", "text/html").body()).contains("Privacy request metrics for " + lastYear);
  }

  private static List<String> figures(JsonNode row) {
    List<String> figures = new ArrayList<>();
    for (String field : List.of("received", "compliedInWhole", "compliedInPart", "denied", "deniedUnverified",
        "deniedNotAConsumer", "deniedExempt", "deniedOther", "pending", "medianDaysToRespond", "meanDaysToRespond")) {
      JsonNode value = row.get(field);
      figures.add(value == null || value.isNull() ? "" : value.asText());
    }
    return figures;
  }

  private HttpResponse<String> get(String path, String accept) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", accept).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

}
