package com.privacycasemanager.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.support.BadInputContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Bad input and racing requests on real PostgreSQL, which refuses a NUL in text and aborts a
 * transaction on its first error: the whole bad-input table, and parallel intakes sharing
 * idempotency keys. The run creates its own database and drops it afterwards.
 */
@ActiveProfiles("postgres")
@DirtiesContext
@TestExecutionListeners(listeners = PostgresBadInputTest.DropDatabase.class, mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class PostgresBadInputTest extends BadInputContract {

  static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  static final String DATABASE = "pcm_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);

  @Autowired RuntimeService runtime;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    execute("create database " + DATABASE);
    registry.add("spring.datasource.url", () -> SERVER + DATABASE);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
    registry.add("camunda.bpm.admin-user.id", () -> "it-admin");
    registry.add("camunda.bpm.admin-user.password", () -> "it-admin-password-1");
    registry.add("privacy.secret", () -> "integration-test-secret-" + UUID.randomUUID());
    registry.add("privacy.staff.users[0].id", () -> "it-adsystem");
    registry.add("privacy.staff.users[0].password", () -> "it-adsystem-password-1");
    registry.add("privacy.staff.users[0].groups[0]", () -> "preference-api");
    registry.add("privacy.data-map.location", () -> "classpath:data-map-test.yml");
    registry.add("privacy.demo-business.enabled", () -> "true");
    registry.add("privacy.demo-business.customers", () -> "50");
    registry.add("privacy.intake.rate-limit.requests-per-minute", () -> "100000");
    registry.add("privacy.intake.rate-limit.burst", () -> "100000");
    registry.add("spring.mail.host", () -> "localhost");
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
  }

  /** Drops the database after Spring closed this class's context (see PostgresFlowsTest). */
  static class DropDatabase implements TestExecutionListener, Ordered {
    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void afterTestClass(TestContext testContext) {
      execute("drop database if exists " + DATABASE + " with (force)");
    }
  }

  @Override
  protected String[] preferenceUser() {
    return new String[] {"it-adsystem", "it-adsystem-password-1"};
  }

  @Override
  protected String[] engineUser() {
    return new String[] {"it-admin", "it-admin-password-1"};
  }

  @Test
  void parallelIntakesWithTheSameIdempotencyKeyAllGet202AndOneCasePerKey() throws Exception {
    int keys = 50;
    int perKey = 5;
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Attempt> attempts = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      for (int i = 0; i < perKey; i++) {
        attempts.add(new Attempt("race-" + run + "-" + k, optOut("race." + run + "." + k + "@example.org")));
      }
    }
    List<HttpResponse<String>> responses = race(attempts);

    Map<String, Set<String>> idsPerKey = new HashMap<>();
    for (int n = 0; n < attempts.size(); n++) {
      HttpResponse<String> response = responses.get(n);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      idsPerKey.computeIfAbsent(attempts.get(n).key(), k -> new HashSet<>())
          .add(json.readTree(response.body()).path("requestId").asText());
    }
    assertThat(idsPerKey).hasSize(keys);
    for (int k = 0; k < keys; k++) {
      Set<String> ids = idsPerKey.get("race-" + run + "-" + k);
      assertThat(ids).as("one request id for key %d", k).hasSize(1);
      String id = ids.iterator().next();
      assertThat(jdbc.queryForObject("select count(*) from privacy_case where subject_email = ?", Integer.class,
          "race." + run + "." + k + "@example.org")).isEqualTo(1);
      assertThat(jdbc.queryForObject("select request_id from privacy_case where subject_email = ?", String.class,
          "race." + run + "." + k + "@example.org")).isEqualTo(id);
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isEqualTo(1);
    }
  }

  @Test
  void aKeyRacedWithTwoBodiesOpensOneCaseAndRefusesTheOtherBody() throws Exception {
    int keys = 20;
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Attempt> attempts = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      for (int i = 0; i < 3; i++) {
        attempts.add(new Attempt("two-" + run + "-" + k, optOut("first." + run + "." + k + "@example.org")));
        attempts.add(new Attempt("two-" + run + "-" + k, optOut("second." + run + "." + k + "@example.org")));
      }
    }
    List<HttpResponse<String>> responses = race(attempts);

    for (int k = 0; k < keys; k++) {
      String first = "first." + run + "." + k + "@example.org";
      String second = "second." + run + "." + k + "@example.org";
      List<String> opened = jdbc.queryForList(
          "select subject_email from privacy_case where subject_email in (?, ?)", String.class, first, second);
      assertThat(opened).as("one case for key %d", k).hasSize(1);
      String winner = opened.get(0);
      String id = jdbc.queryForObject("select request_id from privacy_case where subject_email = ?", String.class, winner);
      for (int n = 0; n < attempts.size(); n++) {
        if (!attempts.get(n).key().equals("two-" + run + "-" + k)) {
          continue;
        }
        HttpResponse<String> response = responses.get(n);
        JsonNode body = json.readTree(response.body());
        if (attempts.get(n).body().contains(winner)) {
          assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
          assertThat(body.path("requestId").asText()).isEqualTo(id);
        } else {
          assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
          assertThat(body.path("fields").has("Idempotency-Key")).isTrue();
        }
      }
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isEqualTo(1);
    }
  }

  record Attempt(String key, String body) {}

  private static String optOut(String email) {
    return "{\"type\":\"OPT_OUT_ALL\",\"email\":\"" + email + "\"}";
  }

  /**
   * Sends every attempt at once, 50 at a time, released together by a latch (Java's client opens
   * a connection for each request in flight, so nothing queues on the client side).
   */
  private List<HttpResponse<String>> race(List<Attempt> attempts) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (Attempt attempt : attempts) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/privacy/requests"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", attempt.key())
            .timeout(Duration.ofSeconds(120))
            .POST(HttpRequest.BodyPublishers.ofString(attempt.body()))
            .build();
        futures.add(pool.submit(() -> {
          start.await();
          return client.send(request, HttpResponse.BodyHandlers.ofString());
        }));
      }
      start.countDown();
      List<HttpResponse<String>> responses = new ArrayList<>();
      for (Future<HttpResponse<String>> future : futures) {
        responses.add(future.get());
      }
      return responses;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(SERVER + "test", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 is required for this test (see .ci/run): " + e.getMessage(), e);
    }
  }
}
