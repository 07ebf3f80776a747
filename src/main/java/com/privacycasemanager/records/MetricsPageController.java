package com.privacycasemanager.records;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /privacy/metrics/{year}} and {@code /privacy/metrics} (the previous year, the one
 * §7102(a) asks to publish): the metrics as a table and a chart, linked from the privacy policy.
 */
@Controller
class MetricsPageController {

  private final MetricsService metrics;
  private final MetricsYears years;
  private final String businessName;

  public MetricsPageController(MetricsService metrics, MetricsYears years,
      @Value("${privacy.mail.business-name}") String businessName) {
    this.metrics = metrics;
    this.years = years;
    this.businessName = businessName;
  }

  @GetMapping("/privacy/metrics")
  public String lastYear(Model model) {
    return show(years.lastYear(), model);
  }

  @GetMapping("/privacy/metrics/{year}")
  public String year(@PathVariable String year, Model model, HttpServletResponse response) {
    Optional<Integer> parsed = years.parse(year);
    if (parsed.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("businessName", businessName);
      model.addAttribute("message", "Metrics are published for the years " + MetricsYears.FIRST_YEAR + " to " + years.latest() + ".");
      return "privacy/metrics";
    }
    return show(parsed.get(), model);
  }

  private String show(int year, Model model) {
    YearMetrics m = metrics.forYear(year);
    model.addAttribute("businessName", businessName);
    model.addAttribute("metrics", m);
    model.addAttribute("chart", MetricsChart.of(m));
    model.addAttribute("previousYear", year > MetricsYears.FIRST_YEAR ? year - 1 : null);
    model.addAttribute("nextYear", year < years.latest() ? year + 1 : null);
    return "privacy/metrics";
  }
}
