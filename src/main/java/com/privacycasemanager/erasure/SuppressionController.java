package com.privacycasemanager.erasure;

import com.privacycasemanager.engine.Groups;
import com.privacycasemanager.engine.StaffAuthenticator;
import com.privacycasemanager.request.IdentifierFormats;
import com.privacycasemanager.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/suppression/check?email=…|phone=…|accountId=…}: whether a consumer whose data is
 * about to be imported asked for deletion before (§1798.105(c)(2)), answered from keyed hashes of
 * the identifiers, never the identifiers themselves. HTTP basic auth of a Camunda user in {@code
 * preference-api}, {@code privacy-officers} or {@code camunda-admin}.
 */
@RestController
@Tag(name = "Deletion")
public class SuppressionController {

  private static final Set<String> ALLOWED_GROUPS = Set.of(Groups.PREFERENCE_API, Groups.OFFICERS, Groups.ADMIN);

  private final DeletionRepository deletions;
  private final RightToDelete rightToDelete;
  private final StaffAuthenticator authenticator;

  public SuppressionController(DeletionRepository deletions, RightToDelete rightToDelete, StaffAuthenticator authenticator) {
    this.deletions = deletions;
    this.rightToDelete = rightToDelete;
    this.authenticator = authenticator;
  }

  /** The answer; {@code deletedSince} is the date of the earliest deletion request recorded. */
  public record SuppressionResponse(boolean suppressed, Instant deletedSince) {}

  @Operation(summary = "Did a consumer known by these identifiers have their personal information deleted?")
  @GetMapping(path = "/api/suppression/check", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> check(
      HttpServletRequest request,
      @RequestParam(required = false) String email,
      @RequestParam(required = false) String phone,
      @RequestParam(required = false) String accountId) {
    var refusal = authenticator.refusal(request, ALLOWED_GROUPS, "This user may not check deletions.");
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    if (email != null && IdentifierFormats.emailProblem(email) != null) {
      fields.put("email", IdentifierFormats.emailProblem(email));
    }
    if (phone != null && IdentifierFormats.phoneProblem(phone) != null) {
      fields.put("phone", IdentifierFormats.phoneProblem(phone));
    }
    if (accountId != null && IdentifierFormats.accountIdProblem(accountId) != null) {
      fields.put("accountId", IdentifierFormats.accountIdProblem(accountId));
    }
    if (email == null && phone == null && accountId == null) {
      fields.put("email", "email, phone or accountId is required");
    }
    if (!fields.isEmpty()) {
      throw new InvalidRequestException(HttpStatus.BAD_REQUEST, "invalid-request", "The query has invalid parameters.", fields);
    }
    var subject = new com.privacycasemanager.request.Subject(email, null, phone, null, null, accountId);
    Optional<Instant> since = RightToDelete.suppressionIdentifiers(subject).entrySet().stream()
        .map(e -> deletions.suppressedSince(rightToDelete.suppressionKey(e.getKey(), e.getValue())))
        .flatMap(Optional::stream)
        .min(Instant::compareTo);
    return ResponseEntity.ok().header("Cache-Control", "no-store").body(new SuppressionResponse(since.isPresent(), since.orElse(null)));
  }
}
