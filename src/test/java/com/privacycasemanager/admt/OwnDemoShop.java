package com.privacycasemanager.admt;

import com.privacycasemanager.datamap.AdmtUse;
import com.privacycasemanager.datamap.Collector;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.datamap.KeyedHash;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.request.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;

/**
 * A demo business of the test's own, without the application: the test map ({@code
 * data-map-test.yml}), the generated demo shop in in-memory databases nobody else uses (so a test
 * may add customers and decisions), and the beans of this package wired by hand. Times are the
 * business's wall-clock times in Los Angeles, as the demo writes them.
 */
final class OwnDemoShop implements AutoCloseable {

  static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);
  /** A receipt the day after the demo's as-of date: its 12 months start 2025-11-02 00:00 in Los Angeles. */
  static final Instant RECEIVED = Instant.parse("2026-11-02T18:00:00Z");

  final ConnectedSystems systems;
  final AdmtOutputs outputs;
  final AdmtAnswers answers;
  private long nextCustomer = 100_000;
  private long nextDecision = 1_000_000;

  OwnDemoShop() {
    this(s -> s);
  }

  /** @param mapEdit changes to the test map's text, for a map this test needs */
  OwnDemoShop(UnaryOperator<String> mapEdit) {
    String db = UUID.randomUUID().toString();
    MockEnvironment env = new MockEnvironment()
        .withProperty("privacy.mail.business-name", "Example Shop")
        .withProperty("privacy.mail.from", "privacy@shop.example")
        .withProperty("privacy.public-base-url", "https://shop.example")
        .withProperty("privacy.demo-business.shop-url", "jdbc:h2:mem:admt-shop-" + db + ";DB_CLOSE_DELAY=-1")
        .withProperty("privacy.demo-business.marketing-url", "jdbc:h2:mem:admt-marketing-" + db + ";DB_CLOSE_DELAY=-1")
        .withProperty("wiremock.port", "9");
    String yaml = mapEdit.apply(read(new ClassPathResource("data-map-test.yml")));
    DefaultResourceLoader loader = new DefaultResourceLoader() {
      @Override
      public Resource getResource(String location) {
        return new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8));
      }
    };
    DemoBusiness demo = new DemoBusiness("shop", "marketing", 40, 20260101L, AS_OF.toString(), LA);
    StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("demoBusiness", demo));
    systems = new ConnectedSystems("data-map-test.yml", 2, loader, env, beans.getBeanProvider(DemoBusiness.class));
    Collector collector = new Collector(systems, new KeyedHash(new Secrets("admt-test-secret-0123456789")));
    outputs = new AdmtOutputs(collector, systems, LA);
    answers = new AdmtAnswers(outputs, systems);
  }

  AdmtUse payLater() {
    return systems.map().admtUse("pay-later").orElseThrow();
  }

  JdbcTemplate shop() {
    return new JdbcTemplate(systems.dataSource("shop"));
  }

  static Subject subject(String email) {
    return new Subject(email, null, null, null, null, null);
  }

  static Subject demoCustomer(long id) {
    return subject(DemoBusiness.customerEmail(id));
  }

  /** A new customer without decisions; returns the email they are found by. */
  String newCustomer() {
    long id = nextCustomer++;
    String email = "admt-test-" + id + "@example.org";
    shop().update("insert into customers (id, email, full_name, created_at) values (?, ?, ?, ?)",
        id, email, "Test Customer " + id, Timestamp.valueOf(AS_OF.minusYears(3).atStartOfDay()));
    return email;
  }

  /** One decision per time given (Los Angeles wall-clock), scored {@code score}, inserted in one batch. */
  void decide(String email, int score, List<LocalDateTime> times) {
    long customer = shop().queryForObject("select id from customers where email = ?", Long.class, email);
    List<Object[]> rows = new ArrayList<>();
    for (LocalDateTime at : times) {
      rows.add(new Object[] {nextDecision++, customer, Timestamp.valueOf(at), score, score >= 620 ? "APPROVED" : "DECLINED",
          "orders paid on time; age of the account", "paylater-2.4", score >= 620 ? 25_000 : 0});
    }
    shop().batchUpdate("insert into financing_decisions (id, customer_id, decided_at, score, outcome, main_factors,"
        + " model_version, amount_cents) values (?, ?, ?, ?, ?, ?, ?, ?)", rows);
  }

  void decide(String email, int score, LocalDateTime... times) {
    decide(email, score, List.of(times));
  }

  static Instant la(LocalDateTime wallClock) {
    return wallClock.atZone(LA).toInstant();
  }

  private static String read(Resource resource) {
    try {
      return resource.getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (String system : List.of("shop", "marketing")) {
      new JdbcTemplate(systems.dataSource(system)).execute("shutdown");
    }
    systems.destroy();
  }
}
