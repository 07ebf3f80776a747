package com.privacycasemanager.records;

import com.privacycasemanager.engine.Groups;
import com.privacycasemanager.engine.StaffAuthenticator;
import com.privacycasemanager.web.ProblemHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /staff/dashboard} for reviewers and officers (their Camunda login, HTTP basic; {@code
 * ?sort=due} or {@code ?sort=-due} orders its case lists by due date either way), and
 * {@code /staff/cases.csv?from=…&to=…}, the §7101 records of the cases received in a date range
 * for privacy officers. Days are calendar days in {@code privacy.time-zone}, both ends included.
 */
@Controller
class DashboardController {

  private static final Set<String> STAFF = Set.of(Groups.REVIEWERS, Groups.OFFICERS, Groups.ADMIN);
  private static final Set<String> OFFICERS = Set.of(Groups.OFFICERS, Groups.ADMIN);
  static final String CSV_HEADER =
      "request_id,date_of_request,nature_of_request,manner_of_request,date_of_response,nature_of_response,basis_for_denial";

  private final StaffAuthenticator authenticator;
  private final CaseDashboard dashboard;
  private final ZoneId zone;

  public DashboardController(StaffAuthenticator authenticator, CaseDashboard dashboard, @Value("${privacy.time-zone}") ZoneId zone) {
    this.authenticator = authenticator;
    this.dashboard = dashboard;
    this.zone = zone;
  }

  @GetMapping("/staff/dashboard")
  public String dashboard(@RequestParam(required = false) String sort, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    var principal = authenticator.signIn(request, response, model, STAFF, "The dashboard is for privacy reviewers and officers.");
    if (principal.isEmpty()) {
      return "staff/message";
    }
    response.setHeader("Cache-Control", "no-store");
    var order = sort == null ? Optional.of(CaseDashboard.DueOrder.EARLIEST_FIRST) : CaseDashboard.DueOrder.parse(sort);
    if (order.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("title", "Privacy cases");
      model.addAttribute("message", "The dashboard sorts by due date: sort=due (earliest first) or sort=-due (latest first).");
      return "staff/message";
    }
    CaseDashboard.View view = dashboard.view(order.get());
    model.addAttribute("view", view);
    model.addAttribute("viewer", principal.get().userId());
    model.addAttribute("today", LocalDate.ofInstant(view.now(), zone));
    return "staff/dashboard";
  }

  @GetMapping(path = "/staff/cases.csv")
  public ResponseEntity<?> csv(HttpServletRequest request, @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    var refusal = authenticator.refusal(request, OFFICERS, "The case records export is for privacy officers.");
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    LocalDate first = day(from, "from", fields);
    LocalDate last = day(to, "to", fields);
    if (first != null && last != null && last.isBefore(first)) {
      fields.put("to", "is before from");
    }
    if (!fields.isEmpty()) {
      return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(ProblemHandler.problem(HttpStatus.BAD_REQUEST, "invalid-request", "The date range is invalid.", fields));
    }
    Instant start = first.atStartOfDay(zone).toInstant();
    Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
    // built in memory: a range of a few years of a business's requests is megabytes, not more
    StringBuilder body = new StringBuilder(CSV_HEADER).append("\r\n");
    dashboard.records(start, end, r -> line(body, r));
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("cases-" + first + "-to-" + last + ".csv").build().toString())
        .body(body.toString());
  }

  private static LocalDate day(String value, String name, Map<String, String> fields) {
    if (value == null || value.isBlank()) {
      fields.put(name, "is required (YYYY-MM-DD)");
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      fields.put(name, "is not a date (YYYY-MM-DD)");
      return null;
    }
  }

  private static void line(StringBuilder body, CaseDashboard.Record r) {
    body.append(String.join(",", cell(r.requestId()), cell(r.receivedAt()), cell(r.nature()), cell(r.manner()),
        cell(r.respondedAt()), cell(r.response()), cell(r.denialBasis()))).append("\r\n");
  }

  /**
   * RFC 4180 quoting; a reviewer's free text starting with a formula character is prefixed with an
   * apostrophe so a spreadsheet shows it instead of evaluating it.
   */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r") || text.startsWith("'")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
