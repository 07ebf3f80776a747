package com.privacycasemanager.compliance;

import com.privacycasemanager.engine.StaffAuthenticator;
import com.privacycasemanager.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /staff/compliance}: the self-check, and two small forms for applicability and exposure
 * (GET forms: they only compute, so they change nothing and need no CSRF token). Same access as
 * the API, with the case file's sign-in answer.
 */
@Controller
public class CompliancePageController {

  private final StaffAuthenticator authenticator;
  private final ComplianceSelfCheck selfCheck;
  private final ComplianceQueries queries;

  public CompliancePageController(StaffAuthenticator authenticator, ComplianceSelfCheck selfCheck, ComplianceQueries queries) {
    this.authenticator = authenticator;
    this.selfCheck = selfCheck;
    this.queries = queries;
  }

  @GetMapping("/staff/compliance")
  public String page(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String ask,
      @RequestParam(required = false) String revenue,
      @RequestParam(required = false) String consumers,
      @RequestParam(required = false) String revenueShareFromSelling,
      @RequestParam(required = false) String violations,
      @RequestParam(required = false) String intentionalOrMinors,
      @RequestParam(required = false) String breachConsumers,
      @RequestParam(required = false) String year) {
    var principal = authenticator.signIn(request, response, model, ComplianceController.OFFICERS, "The compliance tools are for privacy officers.");
    if (principal.isEmpty()) {
      return "staff/message";
    }
    response.setHeader("Cache-Control", "no-store");
    model.addAttribute("report", selfCheck.run());
    model.addAttribute("viewer", principal.get().userId());
    model.addAttribute("defaultYear", queries.currentYear());
    model.addAttribute("form", new Form(revenue, consumers, revenueShareFromSelling, violations, intentionalOrMinors, breachConsumers, year));
    try {
      if ("applicability".equals(ask)) {
        model.addAttribute("applicability", queries.applicability(revenue, consumers, revenueShareFromSelling, year));
      } else if ("exposure".equals(ask)) {
        model.addAttribute("exposure", queries.exposure(violations, intentionalOrMinors, breachConsumers, year));
      }
    } catch (InvalidRequestException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("errors", e.fields());
      model.addAttribute("errorsFor", ask);
    }
    return "staff/compliance";
  }

  /** What the officer typed, shown again in the forms. */
  public record Form(String revenue, String consumers, String revenueShareFromSelling, String violations,
      String intentionalOrMinors, String breachConsumers, String year) {}
}
