package com.privacycasemanager.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.support.CaseTestSupport;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On the embedded default: every job has a due date, the due-date index exists, and a job left
 * without one (created before the setting) gets one at startup, so the acquisition, which no longer
 * looks for jobs without a due date, still finds it. The PostgreSQL side (the partial index of
 * locked jobs, the rows the acquisition reads) is in {@code PostgresFlowsTest}.
 */
class JobAcquisitionPluginTest extends CaseTestSupport {

  @Autowired JdbcTemplate jdbc;
  @Autowired JobAcquisitionPlugin plugin;

  @Test
  void aJobWithoutDueDateGetsOneAtStartupAndIsAcquiredAgain() {
    var configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    assertThat(configuration.isEnsureJobDueDateNotNull()).isTrue();
    assertThat(jdbc.queryForObject(
        "select count(*) from information_schema.indexes where index_name = 'PCM_IDX_JOB_DUE'", Integer.class)).isPositive();

    Deployment deployment = processEngine.getRepositoryService().createDeployment()
        .addModelInstance("acquisition-test.bpmn", Bpmn.createExecutableProcess("acquisition-test")
            .camundaHistoryTimeToLive(1).startEvent().camundaAsyncAfter().endEvent().done())
        .deploy();
    try {
      String instance = processEngine.getRuntimeService().startProcessInstanceByKey("acquisition-test").getId();
      Job job = processEngine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();
      assertThat(job.getDuedate()).as("an asynchronous continuation's due date").isNotNull();

      jdbc.update("update act_ru_job set duedate_ = null where id_ = ?", job.getId());
      assertThat(acquirable()).as("without a due date the acquisition passes it by").doesNotContain(job.getId());

      plugin.postProcessEngineBuild(processEngine);
      assertThat(processEngine.getManagementService().createJobQuery().jobId(job.getId()).singleResult().getDuedate()).isNotNull();
      assertThat(acquirable()).contains(job.getId());
    } finally {
      processEngine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void anIndexTheDatabaseRefusesIsAWarningNotAFailedStart() {
    // as for a database user that may not create indexes on a schema a DBA keeps
    JobAcquisitionPlugin.create(jdbc, false, "pcm_idx_refused", "create index pcm_idx_refused on no_such_table (no_such_column)");
    assertThat(jdbc.queryForObject(
        "select count(*) from information_schema.indexes where index_name = 'PCM_IDX_REFUSED'", Integer.class)).isZero();
  }

  private java.util.List<String> acquirable() {
    var configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired().execute(context ->
        context.getJobManager().findNextJobsToExecute(new Page(0, 1000)).stream().map(AcquirableJobEntity::getId).toList());
  }
}
