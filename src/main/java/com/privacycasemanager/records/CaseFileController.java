package com.privacycasemanager.records;

import com.privacycasemanager.engine.Groups;
import com.privacycasemanager.engine.StaffAuthenticator;
import com.privacycasemanager.notification.DeliveryRepository;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestKind;
import com.privacycasemanager.request.RequestKinds;
import com.privacycasemanager.verification.VerificationRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /staff/cases/{id}}: the case file with the consumer's identifiers, for reviewers and
 * officers (HTTP basic auth with their Camunda login). Tasks link here because process variables
 * never carry personal data.
 */
@Controller
class CaseFileController {

  private static final Set<String> STAFF = Set.of(Groups.REVIEWERS, Groups.OFFICERS, Groups.ADMIN);

  private final StaffAuthenticator authenticator;
  private final CaseRepository cases;
  private final DeliveryRepository deliveries;
  private final VerificationRepository verifications;
  private final RequestKinds kinds;

  public CaseFileController(
      StaffAuthenticator authenticator,
      CaseRepository cases,
      DeliveryRepository deliveries,
      VerificationRepository verifications,
      RequestKinds kinds) {
    this.kinds = kinds;
    this.authenticator = authenticator;
    this.cases = cases;
    this.deliveries = deliveries;
    this.verifications = verifications;
  }

  /** The signed permission an authorized agent uploaded, for the reviewer (same access as the case file). */
  @GetMapping("/staff/cases/{id}/agent-permission")
  public ResponseEntity<byte[]> agentPermission(@PathVariable String id, HttpServletRequest request) {
    return upload(id, request, requestId -> verifications.agentPermission(requestId)
        .map(p -> new Upload(p.fileName(), p.contentType(), p.content())));
  }

  /**
   * A document a consumer gave with the request, named by the request's right (the documentation of
   * a request to correct, §7023(d): {@code correction-document}; an appeal's: {@code appeal-document}),
   * same access as the case file.
   */
  @GetMapping("/staff/cases/{id}/{name:[a-z]+-document}")
  public ResponseEntity<byte[]> document(@PathVariable String id, @PathVariable String name, HttpServletRequest request) {
    return upload(id, request, requestId -> cases.find(requestId)
        .flatMap(r -> kinds.of(r).document(r, name))
        .map(d -> new Upload(d.fileName(), d.contentType(), d.content())));
  }

  /** Privacy staff, and the groups the case's right adds (the reviewers of an appealed use). */
  private Set<String> allowed(String id) {
    Optional<CaseRecord> record = RequestId.isValid(id) ? cases.find(new RequestId(id)) : Optional.empty();
    Set<String> extra = record.map(r -> kinds.of(r).caseFileGroups(r)).orElse(Set.of());
    if (extra.isEmpty()) {
      return STAFF;
    }
    Set<String> all = new java.util.HashSet<>(STAFF);
    all.addAll(extra);
    return all;
  }

  /** A file kept with a case. */
  private record Upload(String fileName, String contentType, byte[] content) {}

  /** A file of the case as a download for staff: 401/403 for others, 404 when there is none. */
  private ResponseEntity<byte[]> upload(String id, HttpServletRequest request, java.util.function.Function<RequestId, Optional<Upload>> find) {
    var principal = authenticator.authenticate(request);
    if (principal.isEmpty()) {
      return ResponseEntity.status(HttpServletResponse.SC_UNAUTHORIZED)
          .header("WWW-Authenticate", "Basic realm=\"Privacy Case Manager staff\"").build();
    }
    if (!principal.get().inAnyGroup(allowed(id))) {
      return ResponseEntity.status(HttpServletResponse.SC_FORBIDDEN).build();
    }
    return (RequestId.isValid(id) ? find.apply(new RequestId(id)) : Optional.<Upload>empty())
        .map(u -> ResponseEntity.ok()
            .contentType(MediaType.parseMediaType(u.contentType()))
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(u.fileName()).build().toString())
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .header("X-Content-Type-Options", "nosniff")
            .body(u.content()))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  @GetMapping("/staff/cases/{id}")
  public String caseFile(@PathVariable String id, HttpServletRequest request, HttpServletResponse response, Model model) {
    var principal = authenticator.signIn(request, response, model, allowed(id), "Case files are for privacy reviewers and officers.");
    if (principal.isEmpty()) {
      return "staff/message";
    }
    Optional<CaseRecord> record = RequestId.isValid(id) ? cases.find(new RequestId(id)) : Optional.empty();
    if (record.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("message", "No case with that request id.");
      return "staff/message";
    }
    response.setHeader("Cache-Control", "no-store");
    model.addAttribute("record", record.get());
    model.addAttribute("events", cases.events(record.get().requestId()));
    model.addAttribute("deliveries", deliveries.forRequest(id));
    model.addAttribute("verification", verifications.find(record.get().requestId()).orElse(null));
    model.addAttribute("viewer", principal.get().userId());
    RequestKind kind = kinds.of(record.get());
    model.addAllAttributes(kind.caseFile(record.get()));
    model.addAttribute("sections", kind.caseFileTemplate() == null ? List.of() : List.of(kind.caseFileTemplate()));
    return "staff/case";
  }
}
