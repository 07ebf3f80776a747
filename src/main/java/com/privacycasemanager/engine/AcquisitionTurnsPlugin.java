package com.privacycasemanager.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.AcquireJobsCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultAcquireJobsCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, the job acquisitions of all nodes take turns, so that Camunda's exclusive-job rule
 * holds across nodes and no node locks a job another node has just locked.
 *
 * <p>Camunda runs the exclusive jobs of one process instance one after the other: an acquisition
 * skips a job whose process instance has an exclusive job locked. It can only see locks that are
 * committed, so two nodes acquiring at the same moment could each lock one exclusive job of the same
 * instance. The deliveries of a case to its webhook recipients are such jobs (parallel branches of
 * one notify-recipients instance): run on two nodes at once, the second to end its branch failed on
 * the multi-instance's counters, and its webhook was sent a second time. The two nodes also picked
 * the same due jobs, and one of them lost each such lock.
 *
 * <p>Here each acquisition first takes a transaction-scoped advisory lock
 * ({@code pg_advisory_xact_lock}), which PostgreSQL releases when the acquisition commits, after its
 * locks are visible. The next node's acquisition then sees them, skips the jobs locked and the other
 * exclusive jobs of their instances, and locks others. A node that dies holds nothing: its
 * connection closes and the database releases the lock. An acquisition is one query and one update
 * per job it locks (up to {@code max-jobs-per-acquisition}), so the turns cap a cluster's
 * acquisitions, not its job execution; a node waiting for its turn waits on the database, not on a
 * core.
 * {@code privacy.cluster.acquisition-turns=false} switches it off (as on H2, which runs one node).
 */
@Component
public class AcquisitionTurnsPlugin extends AbstractProcessEnginePlugin {

  /** The advisory lock's key ("pcm-acq" in ASCII); no other lock of this application uses it. */
  static final long LOCK_KEY = 0x70636d2d616371L;

  private final boolean enabled;

  public AcquisitionTurnsPlugin(@Value("${privacy.cluster.acquisition-turns:true}") boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    JobExecutor jobExecutor = configuration.getJobExecutor();
    if (!enabled || jobExecutor == null || !"postgres".equals(configuration.getDatabaseType())) {
      return;
    }
    AcquireJobsCommandFactory configured = jobExecutor.getAcquireJobsCmdFactory();
    jobExecutor.setAcquireJobsCmdFactory(
        new Turns(configured == null ? new DefaultAcquireJobsCommandFactory(jobExecutor) : configured));
  }

  /** Camunda's acquisition, preceded by the wait for this node's turn. */
  public static final class Turns implements AcquireJobsCommandFactory {

    private final AcquireJobsCommandFactory delegate;

    Turns(AcquireJobsCommandFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public Command<AcquiredJobs> getCommand(int numJobsToAcquire) {
      Command<AcquiredJobs> acquisition = delegate.getCommand(numJobsToAcquire);
      if (acquisition == JobAcquisitionRoom.NOTHING) {
        return acquisition; // acquires nothing, so needs no turn
      }
      return commandContext -> {
        waitForTurn(commandContext);
        return acquisition.execute(commandContext);
      };
    }
  }

  /** Blocks until no other acquisition holds the lock; the lock is released when this transaction ends. */
  static void waitForTurn(CommandContext commandContext) {
    // the connection of the command's transaction (the job executor runs acquisitions in one)
    Connection connection = commandContext.getDbSqlSession().getSqlSession().getConnection();
    try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
      lock.setLong(1, LOCK_KEY);
      lock.execute();
    } catch (SQLException e) {
      throw new ProcessEngineException("could not wait for the job acquisition's turn", e);
    }
  }
}
