package com.privacycasemanager.records;

import com.privacycasemanager.engine.Groups;
import com.privacycasemanager.engine.StaffAuthenticator;
import com.privacycasemanager.notification.DeliveryRepository;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestKinds;
import com.privacycasemanager.verification.VerificationRepository;
import com.privacycasemanager.web.ProblemHandler;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail for the privacy officer: {@code GET /api/audit/verify} checks the whole hash
 * chain, {@code GET /staff/cases/{id}/export} is one case's file as JSON for a regulator's inquiry
 * or a complaint response. HTTP basic auth of a Camunda user in {@code privacy-officers} or
 * {@code camunda-admin}: reviewers work cases, officers answer for them.
 */
@RestController
@Tag(name = "Audit")
class AuditController {

  private static final Set<String> OFFICERS = Set.of(Groups.OFFICERS, Groups.ADMIN);

  private final StaffAuthenticator authenticator;
  private final AuditVerifier verifier;
  private final CaseRepository cases;
  private final VerificationRepository verifications;
  private final DeliveryRepository deliveries;
  private final RequestKinds kinds;

  public AuditController(
      StaffAuthenticator authenticator,
      AuditVerifier verifier,
      CaseRepository cases,
      VerificationRepository verifications,
      DeliveryRepository deliveries,
      RequestKinds kinds) {
    this.authenticator = authenticator;
    this.verifier = verifier;
    this.cases = cases;
    this.verifications = verifications;
    this.deliveries = deliveries;
    this.kinds = kinds;
  }

  @Operation(summary = "Is the audit trail intact? Names the first entry edited, removed or reordered.")
  @GetMapping(path = "/api/audit/verify", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> verify(HttpServletRequest request) {
    var refusal = authenticator.refusal(request, OFFICERS, "The audit trail is for privacy officers.");
    if (refusal.isPresent()) {
      return refusal.get();
    }
    return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(verifier.verify());
  }

  @Operation(summary = "One case's file as JSON, with its audit entries and their hashes")
  @GetMapping(path = "/staff/cases/{id}/export", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> export(@PathVariable String id, HttpServletRequest request) {
    var refusal = authenticator.refusal(request, OFFICERS, "Case file exports are for privacy officers.");
    if (refusal.isPresent()) {
      return refusal.get();
    }
    if (!RequestId.isValid(id)) {
      return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Not a request id (CCPA-YYYYMMDD-XXXXXXXX).");
    }
    RequestId requestId = new RequestId(id);
    var record = cases.find(requestId);
    if (record.isEmpty()) {
      return problem(HttpStatus.NOT_FOUND, "not-found", "No case with that request id.");
    }
    return ResponseEntity.ok()
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(id + ".json").build().toString())
        .body(caseFile(record.get()));
  }

  private Map<String, Object> caseFile(CaseRecord record) {
    RequestId id = record.requestId();
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("exportedAt", Instant.now());
    file.put("case", caseRecord(record));
    file.put("verification", verifications.find(id).map(AuditController::evidence).orElse(null));
    file.put("deliveries", deliveries.forRequest(id.value()).stream().map(d -> {
      Map<String, Object> delivery = new LinkedHashMap<>();
      delivery.put("recipient", d.recipientId());
      delivery.put("status", d.status());
      delivery.put("attempts", d.attempts());
      delivery.put("lastResponseCode", d.lastResponseCode());
      delivery.put("deliveredAt", d.deliveredAt());
      delivery.put("acknowledgedAt", d.acknowledgedAt());
      delivery.put("acknowledgedBy", d.acknowledgedBy());
      delivery.put("note", d.note());
      return delivery;
    }).toList());
    file.putAll(kinds.of(record).export(record));
    file.put("auditEntries", verifier.entries(id).stream().map(e -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("sequence", e.entry().sequence());
      entry.put("at", e.entry().at());
      entry.put("kind", e.entry().kind());
      entry.put("detail", e.entry().detail());
      entry.put("actor", e.entry().actor());
      entry.put("previousHash", e.previousHash());
      entry.put("hash", e.hash());
      return entry;
    }).toList());
    file.put("chainVerification", verifier.verify());
    return file;
  }

  /** The §7101 record and the consumer's identifiers: an inquiry is about this consumer. */
  private Map<String, Object> caseRecord(CaseRecord record) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("requestId", record.requestId().value());
    c.put("type", record.type());
    c.put("channel", record.channel());
    c.put("status", record.status());
    c.put("receivedAt", record.receivedAt());
    c.put("acknowledgedAt", record.acknowledgedAt());
    c.put("dueAt", record.dueAt());
    c.put("extendedDueAt", cases.extendedDue(record.requestId()).orElse(null));
    c.put("extensionReason", cases.extensionReason(record.requestId()));
    c.put("completedAt", record.completedAt());
    c.put("outcome", record.outcome());
    c.put("denialBasis", record.denialBasis());
    Map<String, Object> subject = new LinkedHashMap<>();
    subject.put("email", record.subject().email());
    subject.put("name", record.subject().name());
    subject.put("phone", record.subject().phone());
    subject.put("deviceId", record.subject().deviceId());
    subject.put("accountId", record.subject().accountId());
    subject.put("agentName", record.subject().agentName());
    c.put("subject", subject);
    return c;
  }

  /** What verification relied on: levels, times and the names of the data points, never their values. */
  private static Map<String, Object> evidence(VerificationRepository.Evidence e) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("requiredLevel", e.required());
    v.put("levelReached", e.reached());
    v.put("emailLinksSent", e.linksSent());
    v.put("emailConfirmedAt", e.emailConfirmedAt());
    v.put("dataPointsOffered", names(e.dataPointsOffered()));
    v.put("dataPointsMatched", names(e.dataPointsMatched()));
    v.put("declared", e.declared());
    v.put("declaredAt", e.declarationAcceptedAt());
    v.put("agentPermission", e.agentPermissionName() != null);
    v.put("agentReview", e.agentReview());
    v.put("decidedAt", e.decidedAt());
    return v;
  }

  private static List<String> names(String commaSeparated) {
    return commaSeparated == null || commaSeparated.isBlank() ? List.of() : List.of(commaSeparated.split(",\\s*"));
  }

  private static ResponseEntity<Object> problem(HttpStatus status, String type, String detail) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemHandler.problem(status, type, detail, null));
  }
}
