package com.privacycasemanager.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One clock for the application and the engine: the {@link Clock} bean reads Camunda's
 * {@link ClockUtil}, so a test that moves the engine clock moves receipt times and due dates too.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

  @Bean
  public Clock clock() {
    return new EngineClock();
  }

  static final class EngineClock extends Clock {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the engine clock is UTC");
    }

    @Override
    public Instant instant() {
      return ClockUtil.getCurrentTime().toInstant();
    }
  }
}
