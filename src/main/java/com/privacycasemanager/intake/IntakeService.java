package com.privacycasemanager.intake;

import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseRegistration;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.NewCase;
import com.privacycasemanager.request.PersonalVariables;
import com.privacycasemanager.request.RegisteredCase;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.Subject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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

  public IntakeService(CaseRegistration caseRegistration, CaseRepository cases, RuntimeService runtime) {
    this.caseRegistration = caseRegistration;
    this.cases = cases;
    this.runtime = runtime;
  }

  /** Checks what bean validation cannot: the type, and what that type may and must carry. */
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
    if (!type.offered()) {
      throw new InvalidRequestException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "request-type-not-offered",
          type + " requests are not offered yet; offered types are " + RequestType.offeredTypes() + ".",
          Map.of("type", "not offered yet"));
    }
    if (type.isPreferenceRequest()) {
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
      if (body.corrections() != null) {
        fields.put("corrections", "only applies to CORRECT requests");
      }
      if (body.includeBeyond12Months() != null) {
        fields.put("includeBeyond12Months", "only applies to requests to know");
      }
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
    return open(new NewCase(type, effective, subject, idempotencyKey, null));
  }

  /** Registers the case and starts its process with the request id as business key. */
  @Transactional
  public RegisteredCase open(NewCase newCase) {
    RegisteredCase registered = caseRegistration.register(newCase);
    if (!registered.replayed()) {
      CaseRecord record = registered.record();
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
