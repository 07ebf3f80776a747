package com.privacycasemanager.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class JobThreadDefaultsTest {

  @Test
  void sizesThePoolToTheCores() {
    assertThat(sizes(2, Map.of())).containsExactly(2, 2);
    assertThat(sizes(8, Map.of())).containsExactly(8, 8);
    assertThat(sizes(1, Map.of())).containsExactly(1, 1);
    assertThat(sizes(0, Map.of())).containsExactly(1, 1);
  }

  @Test
  void aConfiguredSizeWinsAndBoundsTheOther() {
    assertThat(sizes(2, Map.of(JobThreadDefaults.MAX, "10"))).containsExactly(10, 10);
    assertThat(sizes(8, Map.of(JobThreadDefaults.MAX, "2"))).containsExactly(2, 2);
    assertThat(sizes(2, Map.of(JobThreadDefaults.CORE, "6"))).containsExactly(6, 6);
    assertThat(sizes(2, Map.of(JobThreadDefaults.CORE, "3", JobThreadDefaults.MAX, "10"))).containsExactly(3, 10);
  }

  @Test
  void anEnvironmentVariableInItsRelaxedFormCountsAsConfigured() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        Map.of("CAMUNDA_BPM_JOBEXECUTION_MAXPOOLSIZE", "7")));
    ConfigurationPropertySources.attach(environment);
    new JobThreadDefaults(() -> 2).postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty(JobThreadDefaults.MAX, Integer.class)).isEqualTo(7);
    assertThat(environment.getProperty(JobThreadDefaults.CORE, Integer.class)).isEqualTo(7);
  }

  @Test
  void theQueueHoldsTwoAcquisitionsUnlessConfigured() {
    assertThat(queue(Map.of())).as("Camunda's 3 jobs per acquisition").isEqualTo(6);
    assertThat(queue(Map.of(JobThreadDefaults.JOBS_PER_ACQUISITION, "5"))).isEqualTo(10);
    assertThat(queue(Map.of(JobThreadDefaults.QUEUE, "4", JobThreadDefaults.JOBS_PER_ACQUISITION, "5"))).isEqualTo(4);
  }

  private static int queue(Map<String, Object> configured) {
    return environment(2, configured).getProperty(JobThreadDefaults.QUEUE, Integer.class);
  }

  private static StandardEnvironment environment(int cores, Map<String, Object> configured) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("configured", configured));
    ConfigurationPropertySources.attach(environment);
    new JobThreadDefaults(() -> cores).postProcessEnvironment(environment, new SpringApplication());
    return environment;
  }

  private static int[] sizes(int cores, Map<String, Object> configured) {
    StandardEnvironment environment = environment(cores, configured);
    return new int[] {
        environment.getProperty(JobThreadDefaults.CORE, Integer.class),
        environment.getProperty(JobThreadDefaults.MAX, Integer.class)};
  }
}
