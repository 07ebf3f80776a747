package com.privacycasemanager.engine;

import java.time.Duration;
import java.util.Date;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * A job that failed because another transaction updated the same rows first (Camunda's {@link
 * OptimisticLockingException}) runs again within seconds, not after its activity's retry cycle.
 *
 * <p>Two jobs of one process instance running at once are such a case: on two nodes whose
 * acquisitions ran at the same moment (Camunda keeps exclusive jobs apart only once the first lock
 * is committed; {@link AcquisitionTurnsPlugin} prevents that on PostgreSQL, this covers the turns
 * switched off), the two deliveries of a case to its webhook recipients each end their branch of the
 * multi-instance in their own transaction, and the second to commit fails on the multi-instance's
 * counters; so can a job that meets an API call on the same instance (an acknowledgement callback).
 * That failure says nothing about the recipient, yet it waited the
 * delivery cycle ({@code privacy.recipients.delivery-retry-cycle}, ten minutes). The failure is
 * still recorded the engine's way (message and stack trace kept; the engine does not count a
 * concurrent-update failure against the retries); only the due date is brought forward, by 1 to 5
 * seconds so that the two jobs do not meet again at once. A job whose previous failure was a
 * concurrent update too keeps the cycle's due date, so a conflict that keeps coming back never
 * turns into a loop.
 */
@Component
public class ConcurrentUpdateRetryPlugin extends AbstractProcessEnginePlugin {

  static final Duration MIN_DELAY = Duration.ofSeconds(1);
  static final Duration MAX_DELAY = Duration.ofSeconds(5);
  /** The message code of Camunda's concurrent-update failure, which a job's exception message keeps. */
  static final String CONCURRENT_UPDATE_CODE = "ENGINE-03005";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    FailedJobCommandFactory configured = configuration.getFailedJobCommandFactory();
    configuration.setFailedJobCommandFactory(
        new ConcurrentUpdateRetries(configured == null ? new DefaultFailedJobCommandFactory() : configured));
  }

  static boolean isConcurrentUpdate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OptimisticLockingException) {
        return true;
      }
    }
    return false;
  }

  /** The engine's retry handling, with the due date of a concurrent-update failure brought forward. */
  static final class ConcurrentUpdateRetries implements FailedJobCommandFactory {

    private final FailedJobCommandFactory delegate;

    ConcurrentUpdateRetries(FailedJobCommandFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public Command<Object> getCommand(String jobId, Throwable exception) {
      Command<Object> standard = delegate.getCommand(jobId, exception);
      if (!isConcurrentUpdate(exception)) {
        return standard;
      }
      return commandContext -> {
        // the command context's cache hands the standard command this same entity
        JobEntity job = commandContext.getJobManager().findJobById(jobId);
        boolean againInARow = job != null && job.getExceptionMessage() != null
            && job.getExceptionMessage().startsWith(CONCURRENT_UPDATE_CODE);
        Object result = standard.execute(commandContext);
        if (job != null && job.getRetries() > 0 && !againInARow) {
          long delay = ThreadLocalRandom.current().nextLong(MIN_DELAY.toMillis(), MAX_DELAY.toMillis() + 1);
          job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime() + delay));
        }
        return result;
      };
    }
  }
}
