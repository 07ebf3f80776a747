package com.privacycasemanager.compliance;

import com.privacycasemanager.engine.Groups;
import com.privacycasemanager.engine.StaffAuthenticator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The privacy officer's compliance API: the self-check, applicability, and exposure. HTTP basic
 * auth of a Camunda user in {@code privacy-officers} or {@code camunda-admin}.
 */
@RestController
@Tag(name = "Compliance")
class ComplianceController {

  static final Set<String> OFFICERS = Set.of(Groups.OFFICERS, Groups.ADMIN);
  private static final String FORBIDDEN = "The compliance tools are for privacy officers.";

  private final StaffAuthenticator authenticator;
  private final ComplianceSelfCheck selfCheck;
  private final ComplianceQueries queries;

  public ComplianceController(StaffAuthenticator authenticator, ComplianceSelfCheck selfCheck, ComplianceQueries queries) {
    this.authenticator = authenticator;
    this.selfCheck = selfCheck;
    this.queries = queries;
  }

  @Operation(summary = "Check the running configuration against the CCPA: a score and the gaps")
  @GetMapping(path = "/api/compliance/check", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> check(HttpServletRequest request) {
    var refusal = authenticator.refusal(request, OFFICERS, FORBIDDEN);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    return ResponseEntity.ok().header("Cache-Control", "no-store").body(selfCheck.run());
  }

  @Operation(summary = "Does the CCPA apply to the business (§1798.140(d)(1))?")
  @GetMapping(path = "/api/compliance/applicability", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> applicability(
      HttpServletRequest request,
      @RequestParam(required = false) String revenue,
      @RequestParam(required = false) String consumers,
      @RequestParam(required = false) String revenueShareFromSelling,
      @RequestParam(required = false) String year) {
    var refusal = authenticator.refusal(request, OFFICERS, FORBIDDEN);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    return ResponseEntity.ok().header("Cache-Control", "no-store")
        .body(queries.applicability(revenue, consumers, revenueShareFromSelling, year));
  }

  @Operation(summary = "Estimate penalty and breach exposure in whole dollars (§1798.155(a), §1798.150(a)(1)(A))")
  @GetMapping(path = "/api/compliance/exposure", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> exposure(
      HttpServletRequest request,
      @RequestParam(required = false) String violations,
      @RequestParam(required = false) String intentionalOrMinors,
      @RequestParam(required = false) String breachConsumers,
      @RequestParam(required = false) String year) {
    var refusal = authenticator.refusal(request, OFFICERS, FORBIDDEN);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    return ResponseEntity.ok().header("Cache-Control", "no-store")
        .body(queries.exposure(violations, intentionalOrMinors, breachConsumers, year));
  }
}
