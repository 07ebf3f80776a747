package com.privacycasemanager.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sizes the job executor's thread pool to the node's cores unless the configuration names a size:
 * {@code camunda.bpm.job-execution.max-pool-size} = cores, {@code core-pool-size} = the same, and
 * {@code queue-capacity} = twice {@code max-jobs-per-acquisition}. Camunda's own defaults (3 threads
 * growing to 10, a queue of 3) give a 2-core node up to ten job threads beside the HTTP threads:
 * during a burst of requests the jobs then take the cores from the requests, and on this machine
 * they also worked off fewer cases per second than two threads did ({@code bench/README.md}, "The
 * job executor's threads and the cores").
 *
 * <p>The core size equals the maximum because {@link JobAcquisitionRoom} never fills the queue, and
 * a Java thread pool starts threads above its core size only when its queue is full. The queue holds
 * two acquisitions, so that the threads still have one queued while the acquisition fetches the
 * next.
 *
 * <p>The defaults sit below every other property source, so application.yml, environment variables
 * and arguments win; a size configured for one of the two thread bounds the default of the other.
 *
 * <p>Each job holds its thread while it waits: a webhook up to {@code privacy.recipients.timeout},
 * a mail up to the SMTP timeouts. Where recipients answer slowly, raise {@code max-pool-size}.
 */
public class JobThreadDefaults implements EnvironmentPostProcessor {

  static final String SOURCE = "pcm-job-thread-defaults";
  static final String CORE = "camunda.bpm.job-execution.core-pool-size";
  static final String MAX = "camunda.bpm.job-execution.max-pool-size";
  static final String QUEUE = "camunda.bpm.job-execution.queue-capacity";
  static final String JOBS_PER_ACQUISITION = "camunda.bpm.job-execution.max-jobs-per-acquisition";
  /** Camunda's {@code max-jobs-per-acquisition} when none is configured. */
  static final int CAMUNDA_JOBS_PER_ACQUISITION = 3;

  private final IntSupplier cores;

  public JobThreadDefaults() {
    this(() -> Runtime.getRuntime().availableProcessors());
  }

  JobThreadDefaults(IntSupplier cores) {
    this.cores = cores;
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Binder binder = Binder.get(environment);
    Integer configuredCore = binder.bind(CORE, Integer.class).orElse(null);
    Integer configuredMax = binder.bind(MAX, Integer.class).orElse(null);
    int n = Math.max(1, cores.getAsInt());
    Map<String, Object> defaults = new HashMap<>();
    if (configuredCore == null) {
      // the configured maximum, if any: the pool refuses a core size larger than its maximum
      defaults.put(CORE, configuredMax == null ? n : configuredMax);
    }
    if (configuredMax == null) {
      defaults.put(MAX, Math.max(n, configuredCore == null ? 1 : configuredCore));
    }
    if (!binder.bind(QUEUE, Integer.class).isBound()) {
      int perAcquisition = binder.bind(JOBS_PER_ACQUISITION, Integer.class).orElse(CAMUNDA_JOBS_PER_ACQUISITION);
      defaults.put(QUEUE, 2 * Math.max(1, perAcquisition));
    }
    if (!defaults.isEmpty()) {
      environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }
  }
}
