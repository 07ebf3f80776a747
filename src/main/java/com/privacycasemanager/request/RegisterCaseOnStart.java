package com.privacycasemanager.request;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs when a case process starts. A process started by the intake API already has its case
 * record; one started any other way (typically {@code POST /engine-rest/process-definition/key/
 * opt-out/start}) gets a request-id business key when none was given, a case record like the
 * intake API's, and its personal variables moved into that record and removed from the process.
 */
public class RegisterCaseOnStart implements ExecutionListener {

  private final String processKey;
  private final CaseRegistration caseRegistration;
  private final CaseRepository cases;
  private final RequestKinds kinds;
  private final Clock clock;

  public RegisterCaseOnStart(String processKey, CaseRegistration caseRegistration, CaseRepository cases, RequestKinds kinds, Clock clock) {
    this.processKey = processKey;
    this.caseRegistration = caseRegistration;
    this.cases = cases;
    this.kinds = kinds;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String businessKey = execution.getProcessBusinessKey();
    if (businessKey != null && RequestId.isValid(businessKey)
        && CaseRegistration.openedInThisTransaction(new RequestId(businessKey))) {
      // the intake's own start: its case was inserted by this very transaction, so it exists and
      // no other instance can run for it; nothing to read back or to query
      removePersonalVariables(execution);
      return;
    }
    Map<String, Object> variables = execution.getVariables();
    boolean registered = businessKey != null && RequestId.isValid(businessKey)
        && cases.find(new RequestId(businessKey)).isPresent();
    if (registered && alreadyRunning(execution, businessKey)) {
      throw new BadUserRequestException("a case with request id " + businessKey + " is already running");
    }
    if (!registered) {
      RequestId id = register(execution, variables, businessKey);
      execution.setProcessBusinessKey(id.value());
      execution.setVariable(PersonalVariables.REQUEST_ID, id.value());
    }
    removePersonalVariables(execution);
  }

  private static void removePersonalVariables(DelegateExecution execution) {
    for (String name : PersonalVariables.NAMES) {
      execution.removeVariable(name);
    }
  }

  /** Another instance of this process for the same case (this one is not flushed yet). */
  private boolean alreadyRunning(DelegateExecution execution, String businessKey) {
    return execution.getProcessEngineServices().getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(processKey)
        .processInstanceBusinessKey(businessKey)
        .count() > 0;
  }

  private RequestId register(DelegateExecution execution, Map<String, Object> variables, String businessKey) {
    RequestType type = typeOf(variables.get(PersonalVariables.REQUEST_TYPE), variables.get("type"));
    String refusal = kinds.of(type).engineRestRefusal(type);
    if (refusal != null) {
      throw new BadUserRequestException(refusal);
    }
    execution.removeVariable("type");
    execution.setVariable(PersonalVariables.REQUEST_TYPE, type.name());
    Subject subject =
        new Subject(
            text(variables, PersonalVariables.EMAIL, IdentifierFormats::emailProblem),
            text(variables, PersonalVariables.NAME, RegisterCaseOnStart::textProblem),
            text(variables, PersonalVariables.PHONE, IdentifierFormats::phoneProblem),
            text(variables, PersonalVariables.DEVICE_ID, IdentifierFormats::deviceIdProblem),
            text(variables, PersonalVariables.AGENT_NAME, RegisterCaseOnStart::textProblem),
            text(variables, PersonalVariables.ACCOUNT_ID, IdentifierFormats::accountIdProblem));
    boolean verified = kinds.of(type).verified(type);
    if (!verified && !subject.hasEmail() && !subject.hasDevice() && !subject.hasAccount()) {
      throw new BadUserRequestException(
          "a " + type + " case needs a variable 'email', 'accountId' or 'deviceId' naming the consumer");
    }
    if (verified && !subject.hasEmail()) {
      throw new BadUserRequestException("a " + type + " case needs a variable 'email': the consumer confirms the request by email");
    }
    Authentication auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    NewCase newCase =
        new NewCase(type, Channel.ENGINE_REST, subject, null, auth == null ? null : auth.getUserId());
    if (businessKey == null || businessKey.isBlank()) {
      return caseRegistration.register(newCase).record().requestId();
    }
    if (!RequestId.isValid(businessKey)) {
      throw new BadUserRequestException(
          "businessKey must be empty or a request id of the form CCPA-YYYYMMDD-XXXXXXXX");
    }
    return caseRegistration.register(newCase, new RequestId(businessKey), clock.instant()).record().requestId();
  }

  private RequestType typeOf(Object... candidates) {
    Set<RequestType> allowed = EnumSet.noneOf(RequestType.class);
    for (RequestType t : RequestType.values()) {
      if (t.processKey().equals(processKey)) {
        allowed.add(t);
      }
    }
    for (Object candidate : candidates) {
      if (candidate == null) {
        continue;
      }
      RequestType type;
      try {
        type = RequestType.valueOf(candidate.toString().trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new BadUserRequestException("variable 'type' must be one of " + allowed);
      }
      if (!allowed.contains(type)) {
        throw new BadUserRequestException("variable 'type' must be one of " + allowed);
      }
      return type;
    }
    return RequestType.defaultFor(processKey);
  }

  /** A personal variable, trimmed (null when empty), refused as the intake API refuses that field. */
  private static String text(Map<String, Object> variables, String name, Function<String, String> rule) {
    Object value = variables.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw new BadUserRequestException("variable '" + name + "' must be a string");
    }
    if (IdentifierFormats.absent(s)) {
      return null;
    }
    String problem = rule.apply(s);
    if (problem != null) {
      throw new BadUserRequestException("variable '" + name + "' " + problem);
    }
    return s.trim();
  }

  private static String textProblem(String value) {
    return IdentifierFormats.textProblem(value, IdentifierFormats.MAX_TEXT_LENGTH);
  }
}
