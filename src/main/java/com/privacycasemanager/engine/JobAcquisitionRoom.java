package com.privacycasemanager.engine;

import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.locks.LockSupport;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.AcquireJobsCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultAcquireJobsCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The job acquisition locks only as many jobs as the job threads can take: before it queries, it
 * waits until the pool's queue has room for them.
 *
 * <p>Camunda's acquisition locks up to {@code max-jobs-per-acquisition} jobs and hands them to the
 * pool; the pool refuses what its queue cannot hold, and the acquisition keeps the refused jobs
 * locked and offers them again on its next round. Every new job wakes the acquisition for such a
 * round, so while the pool is busy it runs hundreds of rounds a second, each offer refused with an
 * exception, and most acquisitions lock one job each: on a 2-core node with 2 job threads, 1.1
 * million refusals per benchmark run and one acquisition (a query, an update per job and a commit)
 * per 1.1 jobs ({@code bench/README.md}, "Acquisitions that fit the pool").
 *
 * <p>Here the acquisition asks for {@code min(jobs, room)}, where room is what the pool takes
 * without refusing (free places in its queue, and threads it may still start), and while the room
 * is smaller than the jobs asked for (and than the queue) it waits for the job threads to make room
 * first, checking every {@link #POLL}, for up to {@code privacy.jobs.acquisition-room-wait}. The wait
 * runs on the acquisition thread before the acquisition's transaction begins, so it holds no
 * database connection. A wait that ends without room acquires nothing and starts the next round.
 * With the queue twice the acquisition ({@link JobThreadDefaults}) the job threads still have a
 * full acquisition queued while the next is fetched.
 *
 * <p>Only for the Spring job executor with its thread pool (as Spring Boot builds it); any other
 * job executor keeps Camunda's acquisition. {@code privacy.jobs.acquisition-room=false} switches it
 * off.
 */
@Component
public class JobAcquisitionRoom extends AbstractProcessEnginePlugin {

  /** How often a waiting acquisition looks at the pool again. */
  static final Duration POLL = Duration.ofMillis(2);

  private final boolean enabled;
  private final Duration maxWait;

  public JobAcquisitionRoom(
      @Value("${privacy.jobs.acquisition-room:true}") boolean enabled,
      @Value("${privacy.jobs.acquisition-room-wait:PT0.5S}") Duration maxWait) {
    if (maxWait == null || maxWait.isNegative() || maxWait.isZero()) {
      // without a wait, a full pool would make the acquisition thread spin on rounds that lock nothing
      throw new IllegalArgumentException("privacy.jobs.acquisition-room-wait must be positive, was " + maxWait);
    }
    this.enabled = enabled;
    this.maxWait = maxWait;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    JobExecutor jobExecutor = configuration.getJobExecutor();
    if (!enabled || !(jobExecutor instanceof SpringJobExecutor spring)
        || !(spring.getTaskExecutor() instanceof ThreadPoolTaskExecutor pool)) {
      return;
    }
    AcquireJobsCommandFactory configured = jobExecutor.getAcquireJobsCmdFactory();
    jobExecutor.setAcquireJobsCmdFactory(new Fitted(
        configured == null ? new DefaultAcquireJobsCommandFactory(jobExecutor) : configured, pool, maxWait));
  }

  /**
   * The acquisition of no job: nothing read, nothing locked. Camunda's strategy sees a round that got
   * all it asked for (not an idle one) and starts the next at once, which waits for room again.
   */
  public static final Command<AcquiredJobs> NOTHING = commandContext -> new AcquiredJobs(0);

  /** Camunda's acquisition, asked for no more jobs than the pool has room for. */
  public static final class Fitted implements AcquireJobsCommandFactory {

    private final AcquireJobsCommandFactory delegate;
    private final ThreadPoolTaskExecutor pool;
    private final long maxWaitNanos;

    Fitted(AcquireJobsCommandFactory delegate, ThreadPoolTaskExecutor pool, Duration maxWait) {
      this.delegate = delegate;
      this.pool = pool;
      this.maxWaitNanos = maxWait.toNanos();
    }

    /** Called by the acquisition thread outside any transaction; waits there for room. */
    @Override
    public Command<AcquiredJobs> getCommand(int numJobsToAcquire) {
      int jobs = waitForRoom(numJobsToAcquire);
      if (jobs <= 0) {
        return NOTHING;
      }
      return delegate.getCommand(jobs);
    }

    /** The jobs to acquire: {@code min(wanted, room)} once the room fits them (or the queue), or when the wait ends. */
    int waitForRoom(int wanted) {
      ThreadPoolExecutor executor;
      try {
        executor = pool.getThreadPoolExecutor();
      } catch (IllegalStateException notStarted) {
        return wanted;
      }
      int enough = Math.min(wanted, Math.max(1, pool.getQueueCapacity()));
      long deadline = System.nanoTime() + maxWaitNanos;
      int room = room(executor);
      while (room < enough && System.nanoTime() - deadline < 0 && !executor.isShutdown()
          && !Thread.currentThread().isInterrupted()) {
        LockSupport.parkNanos(POLL.toNanos());
        room = room(executor);
      }
      return Math.min(wanted, room);
    }

    /** Submissions the pool takes without refusing: free places in its queue and threads it may still start. */
    static int room(ThreadPoolExecutor executor) {
      return executor.getQueue().remainingCapacity() + Math.max(0, executor.getMaximumPoolSize() - executor.getPoolSize());
    }
  }
}
