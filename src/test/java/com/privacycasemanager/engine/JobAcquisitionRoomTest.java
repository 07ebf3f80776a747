package com.privacycasemanager.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.AcquireJobsCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The acquisition asks Camunda for no more jobs than the job threads' pool takes: a real pool (one
 * thread, a queue of two), a factory that records what it was asked for.
 */
class JobAcquisitionRoomTest {

  private final ThreadPoolTaskExecutor pool = pool(1, 1, 2);
  private final List<Integer> asked = new CopyOnWriteArrayList<>();
  private final AcquireJobsCommandFactory camunda = n -> {
    asked.add(n);
    return commandContext -> new AcquiredJobs(n);
  };
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    pool.shutdown();
  }

  @Test
  void anIdlePoolGetsWhatTheStrategyAsksForUpToItsRoom() {
    JobAcquisitionRoom.Fitted fitted = new JobAcquisitionRoom.Fitted(camunda, pool, Duration.ofSeconds(30));
    assertThat(fitted.getCommand(3)).isNotSameAs(JobAcquisitionRoom.NOTHING);
    // a queue of 2 and a thread not yet started
    assertThat(fitted.getCommand(5)).isNotSameAs(JobAcquisitionRoom.NOTHING);
    assertThat(asked).containsExactly(3, 3);
  }

  @Test
  void aFullPoolMakesTheAcquisitionWaitAndThenAcquireNothing() throws Exception {
    occupyThreadAndQueue();
    assertThat(JobAcquisitionRoom.Fitted.room(pool.getThreadPoolExecutor())).isZero();

    Command<AcquiredJobs> command = new JobAcquisitionRoom.Fitted(camunda, pool, Duration.ofMillis(50)).getCommand(3);

    assertThat(command).isSameAs(JobAcquisitionRoom.NOTHING);
    assertThat(command.execute(null).size()).isZero();
    assertThat(asked).as("no acquisition while nothing fits").isEmpty();
  }

  @Test
  void aWaitingAcquisitionAcquiresOnceTheThreadsMadeRoom() throws Exception {
    occupyThreadAndQueue();
    JobAcquisitionRoom.Fitted fitted = new JobAcquisitionRoom.Fitted(camunda, pool, Duration.ofSeconds(30));
    CompletableFuture<Command<AcquiredJobs>> waiting = CompletableFuture.supplyAsync(() -> fitted.getCommand(3));
    assertThat(waiting).as("waits while the queue is full").isNotDone();
    assertThat(asked).isEmpty();

    release.countDown(); // the thread ends its job and takes the two queued ones, which end at once

    assertThat(waiting.get(30, TimeUnit.SECONDS)).isNotSameAs(JobAcquisitionRoom.NOTHING);
    // room for the queue's two (the one thread started already), not the three asked for
    assertThat(asked).containsExactly(2);
  }

  @Test
  void thePluginFitsTheSpringJobExecutorsAcquisitionOnly() {
    SpringJobExecutor spring = new SpringJobExecutor();
    spring.setTaskExecutor(pool);
    assertThat(fittedBy(new JobAcquisitionRoom(true, Duration.ofMillis(500)), spring)).isTrue();
    spring.setAcquireJobsCmdFactory(null);
    assertThat(fittedBy(new JobAcquisitionRoom(false, Duration.ofMillis(500)), spring)).as("switched off").isFalse();

    SpringJobExecutor unpooled = new SpringJobExecutor();
    unpooled.setTaskExecutor(new SimpleAsyncTaskExecutor());
    assertThat(fittedBy(new JobAcquisitionRoom(true, Duration.ofMillis(500)), unpooled)).as("no pool to ask").isFalse();
    assertThat(fittedBy(new JobAcquisitionRoom(true, Duration.ofMillis(500)), new DefaultJobExecutor())).isFalse();
  }

  @Test
  void aWaitThatIsNotPositiveIsRefusedAtStartup() {
    // a full pool would otherwise make the acquisition thread spin
    assertThatThrownBy(() -> new JobAcquisitionRoom(true, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("privacy.jobs.acquisition-room-wait");
    assertThatThrownBy(() -> new JobAcquisitionRoom(true, Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTurnsNeedNoTurnForAnAcquisitionOfNothing() {
    AcquisitionTurnsPlugin.Turns turns = new AcquisitionTurnsPlugin.Turns(n -> JobAcquisitionRoom.NOTHING);
    assertThat(turns.getCommand(3)).isSameAs(JobAcquisitionRoom.NOTHING);
  }

  private boolean fittedBy(JobAcquisitionRoom plugin, org.camunda.bpm.engine.impl.jobexecutor.JobExecutor jobExecutor) {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setJobExecutor(jobExecutor);
    plugin.postInit(configuration);
    return jobExecutor.getAcquireJobsCmdFactory() instanceof JobAcquisitionRoom.Fitted;
  }

  /** The one thread blocked on {@link #release}, the queue's two places taken. */
  private void occupyThreadAndQueue() throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    pool.execute(() -> {
      running.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
    pool.execute(() -> { });
    pool.execute(() -> { });
  }

  private static ThreadPoolTaskExecutor pool(int core, int max, int queue) {
    ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    executor.setCorePoolSize(core);
    executor.setMaxPoolSize(max);
    executor.setQueueCapacity(queue);
    executor.initialize();
    return executor;
  }
}
