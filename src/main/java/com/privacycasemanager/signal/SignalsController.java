package com.privacycasemanager.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.privacycasemanager.engine.Groups;
import com.privacycasemanager.engine.StaffAuthenticator;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.preferencestore.SignalLog;
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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/signals}: the business's web servers, edge functions or tag manager forward the
 * opt-out preference signals its own pages saw ({@code Sec-GPC: 1}), up to {@code
 * privacy.signals.max-per-call} per call:
 *
 * <pre>{"signals": [{"deviceId": "…", "accountId": "…", "seenAt": "2026-12-03T10:15:30Z"}]}</pre>
 *
 * <p>{@code deviceId} is the first-party device id the page knows the browser by (the business's
 * own cookie), {@code accountId} the signed-in account (optional), {@code seenAt} when the page saw
 * the signal (optional; default: on arrival; at most {@code privacy.signals.max-age} earlier, and
 * not in the future). The call is idempotent: a browser's first signal is recorded once however
 * often it is sent and to whichever node. HTTP basic auth of a Camunda user in {@code signal-api},
 * {@code privacy-officers} or {@code camunda-admin}.
 */
@RestController
@Tag(name = "Opt-out preference signals")
public class SignalsController {

  private static final Set<String> ALLOWED_GROUPS = Set.of(Groups.SIGNAL_API, Groups.OFFICERS, Groups.ADMIN);
  /** A generous bound on one signal's JSON (two 64-character ids, a timestamp, the names and punctuation). */
  static final int BYTES_PER_SIGNAL = 256;
  /** A seen-at time this far ahead of our clock is the sender's clock skew, not the future. */
  private static final Duration SKEW = Duration.ofMinutes(5);

  private final PreferenceStore preferences;
  private final StaffAuthenticator authenticator;
  private final SignalProperties properties;
  private final ObjectMapper json;
  private final Clock clock;

  public SignalsController(
      PreferenceStore preferences, StaffAuthenticator authenticator, SignalProperties properties, ObjectMapper json, Clock clock) {
    this.preferences = preferences;
    this.authenticator = authenticator;
    this.properties = properties;
    this.json = json;
    this.clock = clock;
  }

  /** What one call recorded: signals received, browsers not seen before, consumers whose preferences changed. */
  public record SignalsResponse(int signals, int newBrowsers, int consumersReached) {}

  /** The body, as the API documentation shows it (the controller reads it by hand, to name each bad field). */
  @Schema(description = "Up to privacy.signals.max-per-call (1,000) signals the business's pages saw")
  public record SignalsBody(List<SignalEntry> signals) {}

  /** One signal of {@link SignalsBody}. */
  public record SignalEntry(
      @Schema(description = "the first-party device id the page knows the browser by", example = "shop-cookie-7f3a9c21", requiredMode = Schema.RequiredMode.REQUIRED)
          String deviceId,
      @Schema(description = "the signed-in account, if any", example = "acct:1042") String accountId,
      @Schema(description = "when the page saw the signal (default: on arrival)", example = "2026-12-03T10:15:30Z") Instant seenAt) {}

  @Operation(
      summary = "Record the opt-out preference signals (Sec-GPC: 1) the business's pages saw",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
          required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = SignalsBody.class))))
  @PostMapping(path = "/api/signals", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> record(HttpServletRequest request) throws IOException {
    var refusal = authenticator.refusal(request, ALLOWED_GROUPS, "This user may not forward opt-out signals.");
    if (refusal.isPresent()) {
      return refusal.get();
    }
    if (!isJson(request.getContentType())) {
      throw new InvalidRequestException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Send the signals as application/json.", Map.of());
    }
    List<SignalLog.Signal> signals = parse(read(request));
    PreferenceStore.SignalsRecorded recorded = preferences.recordSignals(signals, SignalLog.Source.EDGE);
    return ResponseEntity.ok()
        .header("Cache-Control", "no-store")
        .body(new SignalsResponse(recorded.signals(), recorded.newBrowsers(), recorded.consumersReached()));
  }

  private static boolean isJson(String contentType) {
    try {
      return contentType != null && MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON);
    } catch (org.springframework.http.InvalidMediaTypeException e) {
      return false;
    }
  }

  /** The body, refused past what the largest allowed call can need. */
  private byte[] read(HttpServletRequest request) throws IOException {
    long limit = (long) properties.maxPerCall() * BYTES_PER_SIGNAL + 1024;
    if (request.getContentLengthLong() > limit) {
      throw tooLarge();
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes((int) limit + 1);
      if (body.length > limit) {
        throw tooLarge();
      }
      return body;
    }
  }

  private InvalidRequestException tooLarge() {
    return new InvalidRequestException(
        HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
        "At most " + properties.maxPerCall() + " signals per call.", Map.of());
  }

  private List<SignalLog.Signal> parse(byte[] body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException e) {
      throw invalid(Map.of("signals", "the body is not JSON"));
    }
    Map<String, String> problems = new LinkedHashMap<>();
    JsonNode list = root == null ? null : root.get("signals");
    if (list == null || !list.isArray()) {
      throw invalid(Map.of("signals", "is required: a list of {deviceId, accountId, seenAt}"));
    }
    if (list.isEmpty()) {
      throw invalid(Map.of("signals", "is empty"));
    }
    if (list.size() > properties.maxPerCall()) {
      throw invalid(Map.of("signals", "at most " + properties.maxPerCall() + " signals per call"));
    }
    Instant now = clock.instant();
    List<SignalLog.Signal> signals = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      String at = "signals[" + i + "]";
      if (!entry.isObject()) {
        problems.put(at, "must be an object {deviceId, accountId, seenAt}");
        continue;
      }
      String deviceId = text(entry, "deviceId", at, problems);
      String accountId = text(entry, "accountId", at, problems);
      String seenAtText = text(entry, "seenAt", at, problems);
      if (deviceId == null) {
        problems.putIfAbsent(at + ".deviceId", "is required: the first-party device id the page knows the browser by");
      } else {
        put(problems, at + ".deviceId", IdentifierFormats.deviceIdProblem(deviceId));
      }
      if (accountId != null) {
        put(problems, at + ".accountId", IdentifierFormats.accountIdProblem(accountId));
      }
      Instant seenAt = null;
      if (seenAtText != null) {
        try {
          seenAt = Instant.parse(seenAtText);
          if (seenAt.isAfter(now.plus(SKEW))) {
            problems.put(at + ".seenAt", "is in the future");
          } else if (seenAt.isBefore(now.minus(properties.maxAge()))) {
            problems.put(at + ".seenAt", "is more than " + properties.maxAge().toDays() + " days ago: forward signals as they are seen");
          }
        } catch (DateTimeParseException e) {
          problems.put(at + ".seenAt", "must be an ISO-8601 instant such as 2026-12-03T10:15:30Z");
        }
      }
      if (problems.isEmpty()) {
        signals.add(new SignalLog.Signal(deviceId, accountId, seenAt == null || seenAt.isAfter(now) ? null : seenAt));
      }
      if (problems.size() >= 20) {
        break; // enough to fix the sender; the rest of the body is not read
      }
    }
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    return signals;
  }

  /** A text field, null when absent or JSON null; a problem when it is another type. */
  private static String text(JsonNode entry, String field, String at, Map<String, String> problems) {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      problems.put(at + "." + field, "must be a string");
      return null;
    }
    return value.asText();
  }

  private static void put(Map<String, String> problems, String field, String problem) {
    if (problem != null) {
      problems.put(field, problem);
    }
  }

  private static InvalidRequestException invalid(Map<String, String> problems) {
    return new InvalidRequestException(HttpStatus.BAD_REQUEST, "invalid-request", "The signals have invalid fields.", problems);
  }
}
