package com.privacycasemanager.incentive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.privacycasemanager.datamap.IncentiveProgram;
import com.privacycasemanager.engine.Groups;
import com.privacycasemanager.engine.StaffAuthenticator;
import com.privacycasemanager.incentive.IncentiveConsents.ConsentChannel;
import com.privacycasemanager.incentive.IncentiveConsents.ConsentRecord;
import com.privacycasemanager.incentive.IncentiveConsents.Decision;
import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.request.IdentifierFormats;
import com.privacycasemanager.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The financial incentive APIs: the Notice of Financial Incentive of each program as JSON
 * ({@code GET /api/privacy/incentives[/{program}]}, public), and {@code POST
 * /api/incentives/consents}, through which the business's sign-up, checkout or store records a
 * consumer's opt-in (with the notice version shown, which must be the current one), a refusal to
 * opt in, or the answer to a conflicting opt-out preference signal. HTTP basic auth of a Camunda
 * user in {@code incentive-api}, {@code privacy-officers} or {@code camunda-admin}. Withdrawals are
 * requests ({@code POST /api/privacy/requests}, type {@code INCENTIVE_WITHDRAWAL}).
 */
@RestController
@Tag(name = "Financial incentives")
public class ConsentController {

  private static final Set<String> ALLOWED_GROUPS = Set.of(Groups.INCENTIVE_API, Groups.OFFICERS, Groups.ADMIN);
  /** No consent body needs more. */
  private static final int MAX_BODY = 4096;
  /** A decision this far ahead of our clock is the sender's clock skew. */
  private static final Duration SKEW = Duration.ofMinutes(5);
  /** A sign-up may forward decisions late, but not later than this. */
  static final Duration MAX_AGE = Duration.ofDays(30);
  private static final List<String> FIELDS =
      List.of("program", "decision", "email", "accountId", "noticeVersion", "channel", "decidedAt");

  private final IncentiveNotices notices;
  private final IncentiveConsents consents;
  private final PreferenceStore preferences;
  private final StaffAuthenticator authenticator;
  private final ObjectMapper json;
  private final Clock clock;
  private final ZoneId zone;

  ConsentController(
      IncentiveNotices notices,
      IncentiveConsents consents,
      PreferenceStore preferences,
      StaffAuthenticator authenticator,
      ObjectMapper json,
      Clock clock,
      @Value("${privacy.time-zone}") ZoneId zone) {
    this.notices = notices;
    this.consents = consents;
    this.preferences = preferences;
    this.authenticator = authenticator;
    this.json = json;
    this.clock = clock;
    this.zone = zone;
  }

  @Operation(summary = "The Notice of Financial Incentive of every program (11 CCR §7016)")
  @GetMapping(path = "/api/privacy/incentives", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> notices() {
    return Map.of("programs", notices.all());
  }

  @Operation(summary = "The Notice of Financial Incentive of one program (11 CCR §7016)")
  @GetMapping(path = "/api/privacy/incentives/{program}", produces = MediaType.APPLICATION_JSON_VALUE)
  public IncentiveNotices.Notice notice(@PathVariable String program) {
    return notices.notice(program).orElseThrow(() -> new InvalidRequestException(
        HttpStatus.NOT_FOUND, "not-found", "We offer no financial incentive program '" + safe(program) + "'.", Map.of()));
  }

  /** The body, as the API documentation shows it (read by hand, to name each bad field). */
  @Schema(description = "A consumer's decision about a financial incentive program")
  public record ConsentBody(
      @Schema(description = "the program's id in the data map", example = "rewards", requiredMode = Schema.RequiredMode.REQUIRED) String program,
      @Schema(description = "OPT_IN, DECLINE (refused to opt in) or KEEP_DESPITE_SIGNAL (asked about a conflicting opt-out signal, chose to stay)",
          example = "OPT_IN", requiredMode = Schema.RequiredMode.REQUIRED) String decision,
      @Schema(description = "the consumer's email address (or accountId)", example = "alex.rivera@example.com") String email,
      @Schema(description = "the consumer's account id (or email)", example = "acct:1042") String accountId,
      @Schema(description = "the version of the Notice of Financial Incentive shown; required for OPT_IN, and it must be the current one",
          example = "3f9a6c0d12be") String noticeVersion,
      @Schema(description = "WEB, APP, IN_STORE, PHONE or MAIL", example = "WEB", requiredMode = Schema.RequiredMode.REQUIRED) String channel,
      @Schema(description = "when the consumer decided (default: now; at most 30 days ago)", example = "2026-12-03T10:15:30Z") Instant decidedAt) {}

  /** What was recorded, and the consumer's state in the program now. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ConsentResponse(
      long consent, String program, String decision, String noticeVersion, String channel, Instant decidedAt, Instant recordedAt,
      String status, LocalDate doNotAskBefore) {}

  @Operation(
      summary = "Record a consumer's opt-in to, or refusal of, a financial incentive program",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
          required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ConsentBody.class))))
  @PostMapping(path = "/api/incentives/consents", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> record(HttpServletRequest request) throws IOException {
    var refusal = authenticator.refusal(request, ALLOWED_GROUPS, "This user may not record incentive consents.");
    if (refusal.isPresent()) {
      return refusal.get();
    }
    if (!isJson(request.getContentType())) {
      throw new InvalidRequestException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Send the consent as application/json.", Map.of());
    }
    JsonNode body = parse(read(request));
    Map<String, String> problems = new LinkedHashMap<>();
    String programId = text(body, "program", problems);
    String decisionText = text(body, "decision", problems);
    String email = text(body, "email", problems);
    String accountId = text(body, "accountId", problems);
    String noticeVersion = text(body, "noticeVersion", problems);
    String channelText = text(body, "channel", problems);
    String decidedAtText = text(body, "decidedAt", problems);
    body.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        problems.put(name, "is not a field of a consent; the fields are " + FIELDS);
      }
    });

    IncentiveProgram program = null;
    if (programId == null) {
      problems.putIfAbsent("program", "is required: one of " + programIds());
    } else {
      program = notices.program(programId).orElse(null);
      if (program == null) {
        problems.put("program", "is not a program of ours; use one of " + programIds());
      }
    }
    Decision decision = null;
    if (decisionText == null) {
      problems.putIfAbsent("decision", "is required: OPT_IN, DECLINE or KEEP_DESPITE_SIGNAL");
    } else {
      decision = switch (decisionText) {
        case "OPT_IN" -> Decision.OPT_IN;
        case "DECLINE" -> Decision.DECLINED;
        case "KEEP_DESPITE_SIGNAL" -> Decision.KEPT_DESPITE_SIGNAL;
        default -> null;
      };
      if (decision == null) {
        problems.put("decision", "WITHDRAW".equals(decisionText)
            ? "a withdrawal is a request: POST /api/privacy/requests with type INCENTIVE_WITHDRAWAL"
            : "must be OPT_IN, DECLINE or KEEP_DESPITE_SIGNAL");
      }
    }
    List<Identifier> identifiers = new ArrayList<>();
    if (email != null) {
      put(problems, "email", IdentifierFormats.emailProblem(email));
      if (!problems.containsKey("email")) {
        identifiers.add(Identifier.email(email));
      }
    }
    if (accountId != null) {
      put(problems, "accountId", IdentifierFormats.accountIdProblem(accountId));
      if (!problems.containsKey("accountId")) {
        identifiers.add(Identifier.account(accountId));
      }
    }
    if (email == null && accountId == null) {
      problems.putIfAbsent("email", "is required (or accountId): a consent belongs to a consumer");
    }
    ConsentChannel channel = null;
    List<String> channels = Arrays.stream(ConsentChannel.values())
        .filter(c -> c != ConsentChannel.PRIVACY_PAGE && c != ConsentChannel.REQUEST).map(Enum::name).toList();
    if (channelText == null) {
      problems.putIfAbsent("channel", "is required: one of " + channels);
    } else if (!channels.contains(channelText)) {
      problems.put("channel", "must be one of " + channels);
    } else {
      channel = ConsentChannel.valueOf(channelText);
    }
    Instant decidedAt = null;
    if (decidedAtText != null) {
      Instant now = clock.instant();
      try {
        decidedAt = Instant.parse(decidedAtText);
        if (decidedAt.isAfter(now.plus(SKEW))) {
          problems.put("decidedAt", "is in the future");
        } else if (decidedAt.isBefore(now.minus(MAX_AGE))) {
          problems.put("decidedAt", "is more than " + MAX_AGE.toDays() + " days ago: record decisions as they are made");
        } else if (decidedAt.isAfter(now)) {
          decidedAt = now;
        }
      } catch (DateTimeParseException e) {
        problems.put("decidedAt", "must be an ISO-8601 instant such as 2026-12-03T10:15:30Z");
      }
    }
    if (noticeVersion != null && noticeVersion.length() > 16) {
      problems.put("noticeVersion", "is not a notice version (12 hexadecimal digits)");
    } else if (decision == Decision.OPT_IN && noticeVersion == null) {
      problems.put("noticeVersion", "is required for an opt-in: the version of the Notice of Financial Incentive the consumer was shown");
    }
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }

    if (!program.offerable()) {
      throw new InvalidRequestException(HttpStatus.CONFLICT, "program-not-offered",
          "Program '" + program.id() + "' has no good-faith estimate of the value of consumers' data and the method used"
              + " (11 CCR §§7080(b), 7081); it may not be offered until the data map states them.", Map.of());
    }
    String current = notices.publish(program);
    if (noticeVersion != null && decision == Decision.OPT_IN && !noticeVersion.equals(current)) {
      throw new InvalidRequestException(HttpStatus.CONFLICT, "notice-changed",
          "The Notice of Financial Incentive of '" + program.id() + "' is now version " + current
              + "; show the consumer the current notice and ask again.",
          Map.of("noticeVersion", "is not the current version " + current));
    }
    if (noticeVersion != null && decision != Decision.OPT_IN && notices.published(program.id(), noticeVersion).isEmpty()) {
      throw invalid(Map.of("noticeVersion", "is no version of the notice of '" + program.id() + "' we published"));
    }
    if (decision == Decision.DECLINED) {
      var state = preferences.answer(identifiers).incentive(program.id());
      if (state.isPresent() && state.get().status() == PreferenceStore.IncentiveState.Status.ENROLLED) {
        throw new InvalidRequestException(HttpStatus.CONFLICT, "already-enrolled",
            "The consumer is a member of '" + program.id() + "': leaving is a withdrawal (POST /api/privacy/requests with type"
                + " INCENTIVE_WITHDRAWAL), not a refusal to join.", Map.of());
      }
    }
    if (decision == Decision.KEPT_DESPITE_SIGNAL) {
      var state = preferences.answer(identifiers).incentive(program.id());
      if (state.isEmpty() || state.get().status() != PreferenceStore.IncentiveState.Status.ENROLLED) {
        throw new InvalidRequestException(HttpStatus.CONFLICT, "not-enrolled",
            "The consumer is not enrolled in '" + program.id() + "', so there is no enrolment to keep.", Map.of());
      }
    }
    ConsentRecord recorded = consents.record(program, decision, identifiers, noticeVersion, channel, decidedAt, null);
    var state = preferences.answer(identifiers).incentive(program.id());
    LocalDate doNotAsk = state.filter(s -> s.status() != PreferenceStore.IncentiveState.Status.ENROLLED)
        .map(s -> s.since().atZone(zone).toLocalDate().plusMonths(12)).orElse(null);
    return ResponseEntity.status(HttpStatus.CREATED)
        .header("Cache-Control", "no-store")
        .body(new ConsentResponse(recorded.id(), program.id(), decisionText, noticeVersion, channel.name(), recorded.decidedAt(),
            recorded.recordedAt(), state.map(s -> s.status().name().toLowerCase(java.util.Locale.ROOT)).orElse(null), doNotAsk));
  }

  private List<String> programIds() {
    return notices.programs().stream().map(IncentiveProgram::id).toList();
  }

  private static boolean isJson(String contentType) {
    try {
      return contentType != null && MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON);
    } catch (org.springframework.http.InvalidMediaTypeException e) {
      return false;
    }
  }

  private static byte[] read(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > MAX_BODY) {
      throw tooLarge();
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        throw tooLarge();
      }
      return body;
    }
  }

  private static InvalidRequestException tooLarge() {
    return new InvalidRequestException(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
        "A consent is at most " + MAX_BODY + " bytes.", Map.of());
  }

  private JsonNode parse(byte[] body) {
    try {
      JsonNode root = json.readTree(body);
      if (root == null || !root.isObject()) {
        throw invalid(Map.of("body", "must be a JSON object {program, decision, email, accountId, noticeVersion, channel, decidedAt}"));
      }
      return root;
    } catch (IOException e) {
      throw invalid(Map.of("body", "is not JSON"));
    }
  }

  /** A text field, null when absent or JSON null; a problem when it is another type, blank or holds control characters. */
  private static String text(JsonNode body, String field, Map<String, String> problems) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      problems.put(field, "must be a string");
      return null;
    }
    String value = node.asText();
    if (value.isBlank()) {
      problems.put(field, "is blank");
      return null;
    }
    if (value.length() > 320 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      problems.put(field, value.length() > 320 ? "is too long" : "must not contain control characters");
      return null;
    }
    return value;
  }

  private static void put(Map<String, String> problems, String field, String problem) {
    if (problem != null) {
      problems.put(field, problem);
    }
  }

  private static InvalidRequestException invalid(Map<String, String> problems) {
    return new InvalidRequestException(HttpStatus.BAD_REQUEST, "invalid-request", "The consent has invalid fields.", problems);
  }

  private static String safe(String value) {
    return value.replaceAll("[^a-z0-9-]", "?");
  }
}
