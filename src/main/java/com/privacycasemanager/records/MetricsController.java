package com.privacycasemanager.records;

import java.math.BigDecimal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/privacy/metrics/{year}}: the §7102 metrics of a calendar year, as JSON or (with
 * {@code Accept: text/csv}) as CSV with the same figures. Public: the regulation asks for them to
 * be published.
 */
@RestController
class MetricsController {

  static final String CSV_HEADER = "type,received,complied_in_whole,complied_in_part,denied,denied_unverified,"
      + "denied_not_a_consumer,denied_exempt,denied_other,pending,median_days_to_respond,mean_days_to_respond";

  private final MetricsService metrics;
  private final MetricsYears years;

  public MetricsController(MetricsService metrics, MetricsYears years) {
    this.metrics = metrics;
    this.years = years;
  }

  @GetMapping(path = "/api/privacy/metrics/{year}", produces = MediaType.APPLICATION_JSON_VALUE)
  public YearMetrics json(@PathVariable String year) {
    return metrics.forYear(years.require(year));
  }

  @GetMapping(path = "/api/privacy/metrics/{year}", produces = "text/csv")
  public ResponseEntity<String> csv(@PathVariable String year) {
    YearMetrics m = metrics.forYear(years.require(year));
    StringBuilder csv = new StringBuilder(CSV_HEADER).append("\r\n");
    for (YearMetrics.Row r : m.types()) {
      csv.append(r.type()).append(',').append(r.received()).append(',').append(r.compliedInWhole()).append(',')
          .append(r.compliedInPart()).append(',').append(r.denied()).append(',').append(r.deniedUnverified()).append(',')
          .append(r.deniedNotAConsumer()).append(',').append(r.deniedExempt()).append(',').append(r.deniedOther())
          .append(',').append(r.pending()).append(',').append(plain(r.medianDaysToRespond())).append(',')
          .append(plain(r.meanDaysToRespond())).append("\r\n");
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
        .header("Content-Disposition", "inline; filename=\"privacy-metrics-" + m.year() + ".csv\"")
        .body(csv.toString());
  }

  private static String plain(BigDecimal days) {
    return days == null ? "" : days.toPlainString();
  }
}
