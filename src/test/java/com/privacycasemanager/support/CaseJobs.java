package com.privacycasemanager.support;

import com.privacycasemanager.request.RequestId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.JobQuery;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Drives the jobs of one case: the instances carrying its request id as business key and every
 * instance they called, never "all executable jobs" of the engine. The engine has jobs of its own
 * (history cleanup becomes executable inside its nightly window, with no process instance), so a
 * test that ran whatever was executable would depend on the hour and the time zone it runs in.
 */
public final class CaseJobs {

  /** Enough for any chain of steps of one case; a loop that never goes quiet fails instead of hanging. */
  private static final int MAX_ROUNDS = 50;

  private final RuntimeService runtime;
  private final ManagementService management;

  public CaseJobs(ProcessEngine engine) {
    this.runtime = engine.getRuntimeService();
    this.management = engine.getManagementService();
  }

  /** The case's instances and those they called, at any depth. */
  public List<ProcessInstance> instances(RequestId id) {
    List<ProcessInstance> found = new ArrayList<>(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id.value()).list());
    for (int i = 0; i < found.size(); i++) {
      for (ProcessInstance child : runtime.createProcessInstanceQuery().superProcessInstanceId(found.get(i).getId()).list()) {
        if (found.stream().noneMatch(known -> known.getId().equals(child.getId()))) {
          found.add(child);
        }
      }
    }
    return found;
  }

  /** Every job of the case's instances, whatever its due date or retries. */
  public List<Job> all(RequestId id) {
    return jobs(id, JobQuery::list);
  }

  /**
   * Runs the case's asynchronous continuations that are due now, round after round (each may make
   * new ones), until none is left; timers stay, whatever their due date.
   */
  public void runAsyncSteps(RequestId id) {
    runUntilQuiet(id, query -> query.messages().executable().list());
  }

  /** Like {@link #runAsyncSteps} but also fires the case's timers that are due by the engine clock. */
  public void runDueJobs(RequestId id) {
    runUntilQuiet(id, query -> query.executable().list());
  }

  /** The due jobs (continuations and timers) of one instance only, until none is left. */
  public void runDueJobs(ProcessInstance instance) {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      List<Job> due = management.createJobQuery().processInstanceId(instance.getId()).executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
    throw new AssertionError("instance " + instance.getId() + " still has due jobs after " + MAX_ROUNDS + " rounds");
  }

  private void runUntilQuiet(RequestId id, Function<JobQuery, List<Job>> select) {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      List<Job> due = jobs(id, select);
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
    throw new AssertionError("case " + id.value() + " still has due jobs after " + MAX_ROUNDS + " rounds");
  }

  private List<Job> jobs(RequestId id, Function<JobQuery, List<Job>> select) {
    List<Job> jobs = new ArrayList<>();
    for (ProcessInstance instance : instances(id)) {
      jobs.addAll(select.apply(management.createJobQuery().processInstanceId(instance.getId())));
    }
    return jobs;
  }
}
