package com.privacycasemanager.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.verification.IdentityVerification;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * For tests that drive a request's process and the processes it calls: finding the instances,
 * their one job, a timer and the open task, running a mail step, and completing a task as a staff
 * member; and the given / when / then of a whole case, {@link #received} and {@link CaseScenario}.
 * (Kept out of {@link CaseTestSupport}, whose other subclasses use camunda-bpm-assert's static
 * {@code job(…)} and {@code task(…)}.)
 */
public abstract class ProcessTestSupport extends CaseTestSupport {

  /** The business's time zone ({@code privacy.time-zone}), in which the law's days are counted. */
  protected static final ZoneId CALIFORNIA = ZoneId.of("America/Los_Angeles");

  @Autowired private IntakeService intakeService;
  @Autowired private IdentityVerification identityVerification;

  /**
   * Given: the public API received {@code request} at {@code at}; the engine clock stays there,
   * and the request's process waits to send the acknowledgement.
   */
  protected CaseScenario received(Instant at, Requests request) {
    ClockUtil.setCurrentTime(Date.from(at));
    RequestId id = intakeService.submit(request.body(), Channel.API, null).record().requestId();
    return new CaseScenario(processEngine, mail, identityVerification, id, request.type().processKey());
  }

  /** A scenario for a case opened by the application itself (a batch of opt-out signals). */
  protected CaseScenario scenario(RequestId id, String processKey) {
    return new CaseScenario(processEngine, mail, identityVerification, id, processKey);
  }

  /** A local time in California ({@code 2026-11-13T09:00}): due dates as the law's days count them. */
  protected static Instant californiaTime(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(CALIFORNIA).toInstant();
  }

  /** The instance of a process running a case. */
  protected ProcessInstance instance(RequestId id, String processKey) {
    return processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(id.value())
        .processDefinitionKey(processKey).singleResult();
  }

  /** The instance of {@code key} a call activity of {@code parent} started. */
  protected ProcessInstance called(ProcessInstance parent, String key) {
    return processEngine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(parent.getId())
        .processDefinitionKey(key).singleResult();
  }

  /** The one non-timer job of an instance. */
  protected Job job(ProcessInstance instance) {
    return processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).messages().singleResult();
  }

  protected Job timer(ProcessInstance instance, String activityId) {
    return processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers()
        .activityId(activityId).singleResult();
  }

  /**
   * Runs the instance's waiting mail step, then the job after it: a step that sends email is
   * asynchronous before and after, so it commits on its own and a failure later never sends the
   * mail again; the instance moves on only when the job after the mail has run.
   */
  protected void sendMail(ProcessInstance instance) {
    var management = processEngine.getManagementService();
    management.executeJob(job(instance).getId());
    Job after = job(instance);
    if (after == null) {
      throw new AssertionError("no job after the mail step of " + instance.getProcessDefinitionId());
    }
    management.executeJob(after.getId());
  }

  /**
   * Completes a task as a staff member signed in to Tasklist would ({@code variables} as name,
   * value pairs), then signs out again so the test's own queries see every task.
   */
  protected void completeAs(String userId, String group, Task task, Object... variables) {
    var identity = processEngine.getIdentityService();
    identity.setAuthentication(userId, List.of(group));
    try {
      complete(task, withVariables(variables[0].toString(), variables[1], Arrays.copyOfRange(variables, 2, variables.length)));
    } finally {
      identity.clearAuthentication();
    }
  }

  /** The one open task of an instance. */
  protected Task task(ProcessInstance instance) {
    return processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }
}
