package com.privacycasemanager.engine;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the job executor's acquisition query from reading the whole {@code ACT_RU_JOB} table.
 *
 * <p>Every open case holds timer jobs that are not due for days (the 15-business-day and 45-day
 * boundaries, the recipients' reminders), and Camunda's acquisition query has no index to use: on
 * PostgreSQL it read every job row twice per acquisition, once to find due jobs past the timers and
 * once for its "no other job of this process instance is locked" subquery, so each acquisition cost
 * grew with the number of open cases. Four changes, all made here so that none goes without the
 * others:
 *
 * <ul>
 *   <li>{@code ensureJobDueDateNotNull}: an asynchronous job gets its creation time as due date
 *       instead of none, so the acquisition's condition is the range {@code DUEDATE_ <= now} alone;
 *   <li>index {@code pcm_idx_job_due} on {@code ACT_RU_JOB(DUEDATE_)} for that range, reading the
 *       due jobs oldest first and never the timers;
 *   <li>on PostgreSQL, the partial index {@code pcm_idx_job_locked} on the jobs currently locked,
 *       which the subquery reads instead of the table (a handful of rows);
 *   <li>jobs created before the setting, without a due date, get one now: the acquisition would
 *       otherwise never see them again.
 * </ul>
 *
 * <p>Camunda creates its tables when the engine is built, so this runs after that and not as a
 * Flyway migration (Flyway may run first, on a database Camunda has not created yet). Each
 * statement is idempotent; two nodes starting at once on a new database may both try to create an
 * index, and the one that loses the race finds it made by the other. A database user that may not
 * create indexes (a schema kept by a DBA) gets a warning naming the statement to run by hand, and
 * the application starts without the index.
 */
@Component
public class JobAcquisitionPlugin extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(JobAcquisitionPlugin.class);

  static final String DUE_INDEX = "pcm_idx_job_due";
  static final String LOCKED_INDEX = "pcm_idx_job_locked";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnsureJobDueDateNotNull(true);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    DataSource dataSource = configuration.getDataSource();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
    String jobs = prefix + "ACT_RU_JOB";
    boolean postgres = "postgres".equals(configuration.getDatabaseType());
    create(jdbc, postgres, DUE_INDEX, "create index if not exists " + DUE_INDEX + " on " + jobs + " (DUEDATE_)");
    if (postgres) {
      create(jdbc, true, LOCKED_INDEX,
          "create index if not exists " + LOCKED_INDEX + " on " + jobs + " (LOCK_EXP_TIME_) where LOCK_OWNER_ is not null");
    }
    // the engine's own clock, which dates new jobs and which the acquisition compares with (the
    // database's current_timestamp carries microseconds and may run ahead of it)
    int dated = jdbc.update("update " + jobs + " set DUEDATE_ = ? where DUEDATE_ is null", ClockUtil.getCurrentTime());
    if (dated > 0) {
      log.info("gave {} job(s) created without a due date the current time as due date (ensureJobDueDateNotNull)", dated);
    }
  }

  static void create(JdbcTemplate jdbc, boolean postgres, String name, String sql) {
    try {
      jdbc.execute(sql);
    } catch (DataAccessException e) {
      // on PostgreSQL another node may have created it at the same moment: fine if it exists now
      if (postgres && jdbc.queryForObject("select count(*) from pg_indexes where indexname = ?", Integer.class, name) > 0) {
        return;
      }
      log.warn("could not create index {} ({}); the job executor's acquisition reads every job row without it."
          + " Run this as the schema's owner: {}", name, e.getMostSpecificCause().getClass().getSimpleName(), sql);
    }
  }
}
