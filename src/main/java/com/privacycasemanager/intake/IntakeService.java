package com.privacycasemanager.intake;

import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRegistration;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IdentifierFormats;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.NewCase;
import com.privacycasemanager.request.PersonalVariables;
import com.privacycasemanager.request.RegisteredCase;
import com.privacycasemanager.request.RequestKind;
import com.privacycasemanager.request.RequestKinds;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.Subject;
import com.privacycasemanager.verification.VerificationRepository;
import com.privacycasemanager.web.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens a case and starts its process in one transaction, so a request is either recorded and
 * running or not there at all. Used by the API, the pages and GPC signals.
 */
@Service
public class IntakeService {

  private final CaseRegistration caseRegistration;
  private final CaseRepository cases;
  private final RuntimeService runtime;
  private final ConnectedSystems systems;
  private final VerificationRepository verifications;
  private final RequestKinds kinds;
  private final Clock clock;

  /** At most this many verification data points per request. */
  static final int MAX_DATA_POINTS = 10;

  public IntakeService(
      CaseRegistration caseRegistration,
      CaseRepository cases,
      RuntimeService runtime,
      ConnectedSystems systems,
      VerificationRepository verifications,
      RequestKinds kinds,
      Clock clock) {
    this.caseRegistration = caseRegistration;
    this.cases = cases;
    this.runtime = runtime;
    this.systems = systems;
    this.verifications = verifications;
    this.kinds = kinds;
    this.clock = clock;
  }

  /** The data point names consumers may give, with how the form labels them. */
  public Map<String, String> dataPointNames() {
    return systems.map().verificationDataPoints();
  }

  /**
   * Checks a request from any channel (bean validation runs for the API only, and covers just that
   * a type is named): the type, what that type may and must carry, and every identifier and text.
   */
  public RequestType validate(IntakeRequest body) {
    Map<String, String> fields = new LinkedHashMap<>();
    RequestType type;
    try {
      type = RequestType.valueOf(body.type().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          HttpStatus.BAD_REQUEST,
          "invalid-request",
          "The request has invalid fields.",
          Map.of("type", "must be one of " + java.util.Arrays.toString(RequestType.values())));
    }
    validateValues(body, fields);
    RequestKind kind = kinds.of(type);
    if (!kind.verified(type)) {
      if (blank(body.email()) && blank(body.deviceId()) && blank(body.accountId())) {
        fields.put("email", "is required (or accountId or deviceId) so the preference can be applied");
      }
      String noVerification = "is not asked for " + type + ": opt-outs and limits need no verification";
      if (body.dataPoints() != null) {
        fields.put("dataPoints", noVerification);
      }
      if (body.declaration() != null) {
        fields.put("declaration", noVerification);
      }
      kind.validate(type, body, fields);
    } else {
      validateVerifiable(kind, type, body, fields);
    }
    if (body.agent() != null && !Boolean.TRUE.equals(body.agent().permission())) {
      fields.put("agent.permission", "must be true: an agent needs the consumer's signed written permission");
    }
    if (!fields.isEmpty()) {
      throw new InvalidRequestException(
          HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields.", fields);
    }
    return type;
  }

  /** Every identifier and text the body carries, by the rule every entry point shares. */
  private static void validateValues(IntakeRequest body, Map<String, String> fields) {
    check(fields, "email", body.email(), IdentifierFormats::emailProblem);
    check(fields, "name", body.name(), IntakeService::textProblem);
    check(fields, "phone", body.phone(), IdentifierFormats::phoneProblem);
    check(fields, "deviceId", body.deviceId(), IdentifierFormats::deviceIdProblem);
    check(fields, "accountId", body.accountId(), IdentifierFormats::accountIdProblem);
    if (body.agent() != null) {
      if (blank(body.agent().name())) {
        fields.put("agent.name", "is required");
      }
      check(fields, "agent.name", body.agent().name(), IntakeService::textProblem);
    }
    if (body.declaration() != null) {
      check(fields, "declaration.signedName", body.declaration().signedName(), IntakeService::textProblem);
    }
  }

  private static void check(Map<String, String> fields, String field, String value, Function<String, String> rule) {
    if (!IdentifierFormats.absent(value)) {
      String problem = rule.apply(value);
      if (problem != null) {
        fields.put(field, problem);
      }
    }
  }

  private static String textProblem(String value) {
    return IdentifierFormats.textProblem(value, IdentifierFormats.MAX_TEXT_LENGTH);
  }

  /** A verified right: an email for the confirmation link, what the right itself takes, and well-formed evidence. */
  private void validateVerifiable(RequestKind kind, RequestType type, IntakeRequest body, Map<String, String> fields) {
    if (blank(body.email())) {
      fields.put("email", "is required: we email you a link to confirm the request");
    }
    kind.validate(type, body, fields);
    if (body.dataPoints() != null) {
      Set<String> known = dataPointNames().keySet();
      if (body.dataPoints().size() > MAX_DATA_POINTS) {
        fields.put("dataPoints", "at most " + MAX_DATA_POINTS + " data points");
      }
      body.dataPoints().forEach((name, value) -> {
        if (!known.contains(name)) {
          fields.put("dataPoints." + name, "is not a data point we can check; use one of " + known);
        } else if (IdentifierFormats.absent(value)) {
          fields.put("dataPoints." + name, "is empty");
        } else if (textProblem(value) != null) {
          fields.put("dataPoints." + name, textProblem(value));
        }
      });
    }
    if (body.declaration() != null) {
      if (!Boolean.TRUE.equals(body.declaration().accepted())) {
        fields.put("declaration.accepted", "must be true to sign the declaration");
      }
      if (blank(body.declaration().signedName())) {
        fields.put("declaration.signedName", "is required: type your full name to sign");
      }
    }
  }

  @Transactional
  public RegisteredCase submit(IntakeRequest body, Channel channel, String idempotencyKey) {
    RequestType type = validate(body);
    Channel effective = body.agent() != null ? Channel.AGENT : channel;
    Subject subject =
        new Subject(
            trim(body.email()),
            trim(body.name()),
            trim(body.phone()),
            trim(body.deviceId()),
            body.agent() == null ? null : trim(body.agent().name()),
            trim(body.accountId()));
    return open(
        new NewCase(type, effective, subject, idempotencyKey, null),
        record -> {
          RequestKind kind = kinds.of(type);
          if (kind.verified(type)) {
            verifications.recordOffered(
                record.requestId(),
                kind.verification(type),
                body.dataPoints() == null ? null : trimmed(body.dataPoints()),
                body.declaration() == null ? null : body.declaration().signedName().trim(),
                clock.instant());
          }
          kind.beforeStart(record, body);
        });
  }

  private static Map<String, String> trimmed(Map<String, String> values) {
    Map<String, String> result = new LinkedHashMap<>();
    values.forEach((k, v) -> result.put(k, v.trim()));
    return result;
  }

  /** Registers the case and starts its process with the request id as business key. */
  @Transactional
  public RegisteredCase open(NewCase newCase) {
    return open(newCase, record -> {});
  }

  /** As {@link #open(NewCase)}, storing what the request carries besides the case before it starts. */
  @Transactional
  public RegisteredCase open(NewCase newCase, Consumer<CaseRecord> beforeStart) {
    return start(caseRegistration.register(newCase), beforeStart);
  }

  /**
   * As {@link #open(NewCase, Consumer)}, for a case received earlier than now: its clock runs from
   * {@code receivedAt} (a batch of signals, from its first signal).
   */
  @Transactional
  public RegisteredCase open(NewCase newCase, Instant receivedAt, Consumer<CaseRecord> beforeStart) {
    return start(caseRegistration.register(newCase, receivedAt), beforeStart);
  }

  private RegisteredCase start(RegisteredCase registered, Consumer<CaseRecord> beforeStart) {
    if (!registered.replayed()) {
      CaseRecord record = registered.record();
      beforeStart.accept(record);
      runtime.startProcessInstanceByKey(
          record.type().processKey(),
          record.requestId().value(),
          Map.of(
              PersonalVariables.REQUEST_ID, record.requestId().value(),
              PersonalVariables.REQUEST_TYPE, record.type().name()));
      return new RegisteredCase(cases.get(record.requestId()), false);
    }
    return registered;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String trim(String s) {
    return blank(s) ? null : s.trim();
  }
}
