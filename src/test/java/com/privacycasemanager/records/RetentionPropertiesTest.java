package com.privacycasemanager.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** {@code privacy.records.retention-months}: 24 by default, more if asked, never less (§7101(a)). */
class RetentionPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(RetentionProperties.class)
  static class Properties {}

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
      .withUserConfiguration(Properties.class);

  @Test
  void defaultsTo24MonthsAndADailyPurge() {
    context.run(c -> {
      RetentionProperties p = c.getBean(RetentionProperties.class);
      assertThat(p.retentionMonths()).isEqualTo(24);
      assertThat(p.purgeCron()).isEqualTo("0 30 3 * * *");
      assertThat(p.retentionDays()).isEqualTo(731);
    });
  }

  @Test
  void acceptsALongerRetention() {
    context.withPropertyValues("privacy.records.retention-months=36").run(c ->
        assertThat(c.getBean(RetentionProperties.class).retentionDays()).isEqualTo(1096));
  }

  @Test
  void refusesToStartWithLessThan24Months() {
    context.withPropertyValues("privacy.records.retention-months=23").run(c -> {
      assertThat(c).hasFailed();
      assertThat(c.getStartupFailure()).rootCause()
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("privacy.records.retention-months is 23")
          .hasMessageContaining("at least 24 months");
    });
    assertThatThrownBy(() -> new RetentionProperties(12, null)).hasMessageContaining("§7101(a)");
  }
}
