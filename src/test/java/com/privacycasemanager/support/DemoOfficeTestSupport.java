package com.privacycasemanager.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * Base for tests of the demo office the embedded default seeds on its first start: a Spring
 * context of its own (its own in-memory H2 and process engine) with {@code
 * privacy.demo-cases.enabled} on, shared by every subclass. The engine clock stands at {@link
 * #SEEDED_AT} while the context starts, so the seeded receipt dates, timers and due dates are
 * known to the day, and every recipient's webhook answers 200 during the seeding.
 */
// Camunda keeps one registry of engines per JVM, where its REST API and webapps look up the engine
// named "default": that must stay the shared context's, so this context's engine has a name of its own.
@TestPropertySource(properties = {"privacy.demo-cases.enabled=true", "camunda.bpm.process-engine-name=demoOffice"})
@ContextConfiguration(initializers = DemoOfficeTestSupport.SeedAtFixedTime.class)
public abstract class DemoOfficeTestSupport extends CaseTestSupport {

  /** Monday 2026-11-16, 10:00 in California: the engine time the demo cases are seeded at. */
  public static final Instant SEEDED_AT = Instant.parse("2026-11-16T18:00:00Z");

  /** Runs before any bean exists, so the seeder (an application runner) reads this clock. */
  static final class SeedAtFixedTime implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      ClockUtil.setCurrentTime(Date.from(SEEDED_AT));
      recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    }
  }

  /** 10:00 in California, {@code days} days before {@link #SEEDED_AT}: when the seeder receives this year's cases. */
  protected static Instant daysBeforeSeeding(int days) {
    ZoneId california = ZoneId.of("America/Los_Angeles");
    return SEEDED_AT.atZone(california).toLocalDate().minusDays(days).atTime(10, 0).atZone(california).toInstant();
  }
}
