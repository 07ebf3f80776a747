package com.privacycasemanager.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.privacycasemanager.support.CaseTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

/**
 * A job that lost a concurrent update runs again within seconds; any other failure, and a second
 * concurrent update in a row, keep the activity's retry cycle (here the delivery's R5/PT10M).
 */
class ConcurrentUpdateRetryPluginTest extends CaseTestSupport {

  private static final Instant NOW = Instant.parse("2027-03-01T17:30:00Z");

  /** Fails its job the way a lost concurrent update does, or with another exception. */
  public static class Failing implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      if ("concurrent".equals(execution.getProcessBusinessKey())) {
        throw new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE VariableInstanceEntity[x]' failed."
            + " Entity was updated by another transaction concurrently.");
      }
      throw new IllegalStateException("the recipient answered 503");
    }
  }

  @Test
  void aLostConcurrentUpdateIsRetriedWithinSecondsAndOtherFailuresAfterTheirCycle() {
    ClockUtil.setCurrentTime(Date.from(NOW));
    Deployment deployment = processEngine.getRepositoryService().createDeployment()
        .addModelInstance("concurrent-update-test.bpmn", Bpmn.createExecutableProcess("concurrent-update-test")
            .camundaHistoryTimeToLive(1).startEvent()
            .serviceTask("Task_Fails").camundaAsyncBefore().camundaFailedJobRetryTimeCycle("R5/PT10M").camundaClass(Failing.class)
            .endEvent().done())
        .deploy();
    try {
      Job concurrent = failOnce("concurrent");
      Job other = failOnce("other");

      assertThat(concurrent.getExceptionMessage()).startsWith("ENGINE-03005");
      assertThat(concurrent.getDuedate().toInstant())
          .isBetween(NOW.plus(ConcurrentUpdateRetryPlugin.MIN_DELAY), NOW.plus(ConcurrentUpdateRetryPlugin.MAX_DELAY));
      assertThat(other.getExceptionMessage()).isEqualTo("the recipient answered 503");
      assertThat(other.getDuedate().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
      // the engine's own bookkeeping is unchanged: it does not count a concurrent update as a retry
      assertThat(concurrent.getRetries()).isEqualTo(other.getRetries() + 1);
      assertThat(processEngine.getManagementService().createJobQuery().processDefinitionKey("concurrent-update-test")
          .withException().count()).isEqualTo(2);

      // a second concurrent update in a row waits the cycle, as without the plugin: no loop
      ClockUtil.setCurrentTime(concurrent.getDuedate());
      Job again = fail(concurrent.getId());
      assertThat(again.getExceptionMessage()).startsWith("ENGINE-03005");
      assertThat(again.getDuedate().toInstant()).isEqualTo(concurrent.getDuedate().toInstant().plus(Duration.ofMinutes(10)));
    } finally {
      processEngine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void aConcurrentUpdateIsRecognisedAsTheCauseOfAnotherException() {
    assertThat(ConcurrentUpdateRetryPlugin.isConcurrentUpdate(
        new RuntimeException("wrapped", new OptimisticLockingException("ENGINE-03005")))).isTrue();
    assertThat(ConcurrentUpdateRetryPlugin.isConcurrentUpdate(new IllegalStateException("503"))).isFalse();
    assertThat(ConcurrentUpdateRetryPlugin.isConcurrentUpdate(null)).isFalse();
  }

  private Job failOnce(String businessKey) {
    String instance = processEngine.getRuntimeService()
        .startProcessInstanceByKey("concurrent-update-test", businessKey).getId();
    return fail(processEngine.getManagementService().createJobQuery().processInstanceId(instance).singleResult().getId());
  }

  private Job fail(String jobId) {
    assertThatThrownBy(() -> processEngine.getManagementService().executeJob(jobId)).isNotNull();
    return processEngine.getManagementService().createJobQuery().jobId(jobId).singleResult();
  }
}
