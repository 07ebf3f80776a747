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
 * {@code camunda.bpm.job-execution.max-pool-size} = cores, {@code core-pool-size} = half of them
 * (at least 1). Camunda's own defaults (3, growing to 10) give a 2-core node up to ten job threads
 * beside the HTTP threads: during a burst of requests the jobs then take the cores from the
 * requests, and on this machine they also worked off fewer cases per second than two threads did
 * ({@code bench/README.md}, "The job executor's threads and the cores"). The defaults sit below
 * every other property source, so application.yml, environment variables and arguments win; a
 * size configured for one of the two bounds the default of the other.
 *
 * <p>Each job holds its thread while it waits: a webhook up to {@code privacy.recipients.timeout},
 * a mail up to the SMTP timeouts. Where recipients answer slowly, raise {@code max-pool-size}.
 */
public class JobThreadDefaults implements EnvironmentPostProcessor {

  static final String SOURCE = "pcm-job-thread-defaults";
  static final String CORE = "camunda.bpm.job-execution.core-pool-size";
  static final String MAX = "camunda.bpm.job-execution.max-pool-size";

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
      // never above a configured maximum: the pool refuses a core size larger than its maximum
      defaults.put(CORE, Math.min(Math.max(1, n / 2), configuredMax == null ? n : configuredMax));
    }
    if (configuredMax == null) {
      defaults.put(MAX, Math.max(n, configuredCore == null ? 1 : configuredCore));
    }
    if (!defaults.isEmpty()) {
      environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }
  }
}
