package com.privacycasemanager.intake;

import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.RegisteredCase;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestKinds;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.verification.AgentPermissions;
import com.privacycasemanager.web.InvalidRequestException;
import com.privacycasemanager.web.RequestNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The public intake API. No login: validated, size-limited and rate-limited instead. */
@RestController
@RequestMapping(path = "/api/privacy/requests", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Consumer requests")
public class IntakeController {

  private final IntakeService intake;
  private final CaseRepository cases;
  private final Secrets secrets;

  private final RequestKinds kinds;
  private final AgentPermissions agentPermissions;

  public IntakeController(
      IntakeService intake,
      CaseRepository cases,
      Secrets secrets,
      RequestKinds kinds,
      AgentPermissions agentPermissions) {
    this.intake = intake;
    this.cases = cases;
    this.secrets = secrets;
    this.kinds = kinds;
    this.agentPermissions = agentPermissions;
  }

  @Operation(summary = "Submit a consumer request; an acknowledgement with a status link goes to the email")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<IntakeResponse> submit(
      @Valid @RequestBody IntakeRequest body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
      throw new InvalidRequestException(
          HttpStatus.BAD_REQUEST,
          "invalid-request",
          "The Idempotency-Key header must be 1 to 200 characters.",
          Map.of("Idempotency-Key", "must be 1 to 200 characters"));
    }
    RegisteredCase registered = intake.submit(body, Channel.API, idempotencyKey);
    CaseRecord record = registered.record();
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .header("Idempotent-Replayed", String.valueOf(registered.replayed()))
        .body(
            new IntakeResponse(
                record.requestId().value(),
                record.status().name(),
                record.receivedAt(),
                record.dueAt(),
                record.channel() == Channel.AGENT
                    ? "/api/privacy/requests/" + record.requestId().value() + "/agent-permission?token="
                        + secrets.agentUploadToken(record.requestId())
                    : null));
  }

  @Operation(summary = "The status of a request, for the consumer holding the token from the email")
  @GetMapping("/{id}")
  public StatusResponse status(@PathVariable String id, @RequestParam(required = false) String token) {
    if (!RequestId.isValid(id)) {
      throw new InvalidRequestException(
          HttpStatus.BAD_REQUEST,
          "invalid-request",
          "Not a request id.",
          Map.of("id", "must look like CCPA-YYYYMMDD-XXXXXXXX"));
    }
    if (token == null || token.isBlank()) {
      throw new InvalidRequestException(
          HttpStatus.BAD_REQUEST, "invalid-request", "The token from the email is required.", Map.of("token", "is required"));
    }
    RequestId requestId = new RequestId(id);
    // An unknown id and a wrong token get the same answer, so ids cannot be probed.
    CaseRecord record =
        cases
            .find(requestId)
            .filter(r -> secrets.isStatusToken(requestId, token))
            .orElseThrow(RequestNotFoundException::new);
    return StatusResponse.of(
        record,
        cases.extendedDue(requestId).orElse(null),
        cases.extendedDue(requestId).isPresent() ? cases.extensionReason(requestId) : null,
        kinds.of(record).answerReady(record) ? kinds.of(record).answerLinks(record.requestId()).api() + "?token=" + token : null);
  }

  @Operation(summary = "An authorized agent uploads the consumer's signed permission (PDF, PNG or JPEG, at most 1 MB)")
  @PostMapping(path = "/{id}/agent-permission", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<Void> agentPermission(
      @PathVariable String id,
      @RequestParam(required = false) String token,
      @RequestParam(name = "file", required = false) MultipartFile file)
      throws IOException {
    if (!RequestId.isValid(id)) {
      throw new InvalidRequestException(
          HttpStatus.BAD_REQUEST, "invalid-request", "Not a request id.", Map.of("id", "must look like CCPA-YYYYMMDD-XXXXXXXX"));
    }
    RequestId requestId = new RequestId(id);
    CaseRecord record =
        cases.find(requestId)
            .filter(r -> r.channel() == Channel.AGENT && secrets.isAgentUploadToken(requestId, token))
            .orElseThrow(RequestNotFoundException::new);
    if (file == null || file.isEmpty()) {
      throw new InvalidRequestException(HttpStatus.BAD_REQUEST, "invalid-request", "Attach the signed permission as 'file'.",
          Map.of("file", "is required"));
    }
    String problem = agentPermissions.problemWith(file.getContentType(), file.getSize());
    if (problem != null) {
      throw new InvalidRequestException(HttpStatus.BAD_REQUEST, "invalid-request", problem, Map.of("file", problem));
    }
    if (record.status() != CaseStatus.RECEIVED
        && record.status() != CaseStatus.VERIFYING) {
      throw new InvalidRequestException(HttpStatus.CONFLICT, "verification-closed",
          "The permission can no longer be changed: verification of this request has ended.", Map.of());
    }
    agentPermissions.store(requestId, file);
    return ResponseEntity.noContent().build();
  }

  /** What the consumer sees about their request: no personal data, nothing internal. */
  public record StatusResponse(
      String requestId,
      String type,
      String status,
      Instant receivedAt,
      Instant acknowledgedAt,
      Instant dueAt,
      Instant completedAt,
      String outcome,
      String denialBasis,
      Instant extendedDueAt,
      String extensionReason,
      String packageUrl) {
    static StatusResponse of(CaseRecord r, Instant extendedDueAt, String extensionReason, String packageUrl) {
      return new StatusResponse(
          r.requestId().value(),
          r.type().name(),
          r.status().name(),
          r.receivedAt(),
          r.acknowledgedAt(),
          r.dueAt(),
          r.completedAt(),
          r.outcome() == null ? null : r.outcome().name(),
          r.denialBasis(),
          extendedDueAt,
          extensionReason,
          packageUrl);
    }
  }
}
