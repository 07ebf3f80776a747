package com.privacycasemanager.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.verification.IdentityVerification;
import com.privacycasemanager.verification.IdentityVerification.Confirmation;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.assertions.bpmn.ProcessInstanceAssert;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * One case driven through its processes in the words of its models. Given a request received at
 * a fixed engine time ({@link ProcessTestSupport#received}); when its mail steps run, its timers
 * fire, the consumer confirms and staff complete its tasks; then each of its processes is asserted
 * by its key ({@link ProcessKeys}). A case runs each process at most once, the called ones
 * included, so a key names one instance; an instance that has ended is found in history, for
 * {@code isEnded()} and {@code hasPassed(…)}. Jobs are only ever those of this case's instances.
 */
public final class CaseScenario {

  /** The confirmation link verify-identity emails. */
  private static final Pattern LINK = Pattern.compile("/privacy/verify/(CCPA-[0-9]{8}-[0-9A-F]{8})\\?t=([A-Za-z0-9_-]+)");

  private final ProcessEngine engine;
  private final GreenMail mail;
  private final IdentityVerification verification;
  private final RequestId id;
  private final String processKey;

  CaseScenario(ProcessEngine engine, GreenMail mail, IdentityVerification verification, RequestId id, String processKey) {
    this.engine = engine;
    this.mail = mail;
    this.verification = verification;
    this.id = id;
    this.processKey = processKey;
  }

  public RequestId id() {
    return id;
  }

  // ------------------------------------------------------------------ when

  /** Moves the engine clock, and with it the application's, to {@code at}. */
  public CaseScenario clockAt(Instant at) {
    ClockUtil.setCurrentTime(Date.from(at));
    return this;
  }

  /** Sends the acknowledgement, the mail step the request's own process begins with. */
  public CaseScenario acknowledge() {
    return runMailStep(processKey);
  }

  /**
   * Runs the mail step the instance of {@code key} waits at, then the step after it: a step that
   * sends email is asynchronous before and after, so it commits on its own.
   */
  public CaseScenario runMailStep(String key) {
    runStep(key);
    return runStep(key);
  }

  /** Runs the one asynchronous step (a job that is no timer) the instance of {@code key} waits at. */
  public CaseScenario runStep(String key) {
    ProcessInstance instance = instance(key);
    Job step = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).messages().singleResult();
    assertThat(step).as("an asynchronous step waiting in %s", key).isNotNull();
    engine.getManagementService().executeJob(step.getId());
    return this;
  }

  /** Runs every asynchronous step of the case, round after round, until none is left; timers stay. */
  public CaseScenario runAsyncSteps() {
    new CaseJobs(engine).runAsyncSteps(id);
    return this;
  }

  /**
   * Time passes until the timer {@code timerId} of {@code key}'s instance is due: the engine clock
   * moves forward to its due date (never back), and the timer fires.
   */
  public CaseScenario fireTimer(String key, String timerId) {
    Job timer = timer(key, timerId);
    if (timer.getDuedate().after(ClockUtil.getCurrentTime())) {
      ClockUtil.setCurrentTime(timer.getDuedate());
    }
    engine.getManagementService().executeJob(timer.getId());
    return this;
  }

  /**
   * {@code staff}, signed in as in Tasklist, completes the open task {@code taskId} of {@code
   * key}'s instance with {@code variables} (name, value pairs), then signs out again so that the
   * test's own queries see every task.
   */
  public CaseScenario complete(Staff staff, String key, String taskId, Object... variables) {
    Task task = task(key, taskId);
    VariableMap values = Variables.createVariables();
    for (int i = 0; i < variables.length; i += 2) {
      values.putValue((String) variables[i], variables[i + 1]);
    }
    var identity = engine.getIdentityService();
    identity.setAuthentication(staff.userId(), List.of(staff.group()));
    try {
      engine.getTaskService().complete(task.getId(), values);
    } finally {
      identity.clearAuthentication();
    }
    return this;
  }

  /** Runs verify-identity's mail step and returns the token of the link it emailed the consumer. */
  public String sendConfirmationLink() {
    int before = linkTokens().size();
    runMailStep(ProcessKeys.VERIFY_IDENTITY);
    List<String> tokens = linkTokens();
    assertThat(tokens).as("a new confirmation link for %s", id.value()).hasSize(before + 1);
    return tokens.get(tokens.size() - 1);
  }

  /** The tokens of the links emailed for this case, oldest first (they all went to one mailbox). */
  private List<String> linkTokens() {
    List<String> tokens = new ArrayList<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      Matcher link = LINK.matcher(content(message));
      if (link.find() && link.group(1).equals(id.value())) {
        tokens.add(link.group(2));
      }
    }
    return tokens;
  }

  /** The consumer confirms the request by the link verify-identity emails. */
  public CaseScenario confirmEmail() {
    String token = sendConfirmationLink();
    assertThat(verification.confirm(id, token)).isEqualTo(Confirmation.CONFIRMED);
    return this;
  }

  // ------------------------------------------------------------------ then

  /** Where the instance of {@code key} stands (camunda-bpm-assert). */
  public ProcessInstanceAssert then(String key) {
    return BpmnAwareTests.assertThat(instance(key));
  }

  /** Whether the case has, or had, an instance of {@code key}. */
  public boolean ran(String key) {
    return running(key) != null || ended(key) != null;
  }

  /** The instance of {@code key} in this case, running or ended. */
  public ProcessInstance instance(String key) {
    ProcessInstance running = running(key);
    if (running != null) {
      return running;
    }
    HistoricProcessInstance ended = ended(key);
    assertThat(ended).as("an instance of %s in case %s", key, id.value()).isNotNull();
    return new Ended(ended);
  }

  /** The timer {@code timerId} waiting in the instance of {@code key}. */
  public Job timer(String key, String timerId) {
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance(key).getId()).timers()
        .activityId(timerId).singleResult();
    assertThat(timer).as("timer %s of %s", timerId, key).isNotNull();
    return timer;
  }

  /** When the timer {@code timerId} of {@code key}'s instance is due. */
  public Instant dueDate(String key, String timerId) {
    return timer(key, timerId).getDuedate().toInstant();
  }

  /** The open task {@code taskId} of {@code key}'s instance. */
  public Task task(String key, String taskId) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance(key).getId()).taskDefinitionKey(taskId)
        .singleResult();
    assertThat(task).as("open task %s of %s", taskId, key).isNotNull();
    return task;
  }

  /** A process variable of {@code key}'s instance, from history once the instance has ended. */
  public Object variable(String key, String name) {
    ProcessInstance instance = running(key);
    if (instance != null) {
      return engine.getRuntimeService().getVariable(instance.getId(), name);
    }
    HistoricVariableInstance variable = engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance(key).getId()).variableName(name).singleResult();
    return variable == null ? null : variable.getValue();
  }

  private ProcessInstance running(String key) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(id.value())
        .processDefinitionKey(key).singleResult();
  }

  private HistoricProcessInstance ended(String key) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(id.value())
        .processDefinitionKey(key).finished().singleResult();
  }

  private static String content(MimeMessage message) {
    try {
      return message.getContent().toString();
    } catch (IOException | MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An ended instance as camunda-bpm-assert reads it: by its id, from history. */
  private record Ended(HistoricProcessInstance history) implements ProcessInstance {
    @Override
    public String getId() {
      return history.getId();
    }

    @Override
    public String getProcessInstanceId() {
      return history.getId();
    }

    @Override
    public String getProcessDefinitionId() {
      return history.getProcessDefinitionId();
    }

    @Override
    public String getProcessDefinitionKey() {
      return history.getProcessDefinitionKey();
    }

    @Override
    public String getBusinessKey() {
      return history.getBusinessKey();
    }

    @Override
    public String getRootProcessInstanceId() {
      return history.getRootProcessInstanceId();
    }

    @Override
    public String getCaseInstanceId() {
      return history.getCaseInstanceId();
    }

    @Override
    public String getTenantId() {
      return history.getTenantId();
    }

    @Override
    public boolean isSuspended() {
      return false;
    }

    @Override
    public boolean isEnded() {
      return true;
    }
  }
}
