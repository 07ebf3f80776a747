package com.privacycasemanager.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.support.CaseTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
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
 * The case database goes away under a running application: its own PostgreSQL database stops
 * accepting connections and its sessions are terminated. The public API then answers 503
 * problem+json with {@code Retry-After}, soon (the pool gives up after its connection timeout, not
 * the 30 s default) and without a stack trace or SQL. The client waits at most 20 s, so the old
 * behaviour fails the test without the test measuring anything.
 */
@ActiveProfiles("postgres")
@DirtiesContext
@TestExecutionListeners(listeners = PostgresOutageTest.DropDatabase.class, mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class PostgresOutageTest extends CaseTestSupport {

  static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  static final String DATABASE = "pcm_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KNOWN_ID = "CCPA-20261124-1A2B3C4D";

  @Autowired Secrets secrets;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    execute("create database " + DATABASE);
    registry.add("spring.datasource.url", () -> SERVER + DATABASE);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
    registry.add("camunda.bpm.admin-user.id", () -> "outage-admin");
    registry.add("camunda.bpm.admin-user.password", () -> "outage-admin-password-1");
    registry.add("privacy.secret", () -> "outage-test-secret-" + UUID.randomUUID());
    registry.add("privacy.data-map.location", () -> "classpath:data-map-test.yml");
    registry.add("privacy.demo-business.enabled", () -> "true");
    registry.add("privacy.demo-business.customers", () -> "10");
    registry.add("spring.mail.host", () -> "localhost");
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
  }

  /** Drops the database after Spring closed this class's context (see {@code PostgresFlowsTest}). */
  static class DropDatabase implements TestExecutionListener, Ordered {
    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void afterTestClass(TestContext testContext) {
      restore();
      execute("drop database if exists " + DATABASE + " with (force)");
    }
  }

  @AfterEach
  void databaseBack() {
    restore();
  }

  @Test
  void intakeAnswers503WithRetryAfterWhileTheDatabaseIsDown() throws Exception {
    String body = "{\"type\":\"OPT_OUT_SALE\",\"email\":\"outage@example.com\",\"name\":\"Outage Person\"}";
    assertThat(post(body).statusCode()).as("before the outage").isEqualTo(202);

    goDown();

    assertUnavailable(post(body));
  }

  @Test
  void theStatusLookUpAndTheMetricsAnswer503WhileTheDatabaseIsDown() throws Exception {
    String token = secrets.statusToken(new RequestId(KNOWN_ID));
    assertThat(get("/api/privacy/metrics/2026").statusCode()).as("before the outage").isEqualTo(200);

    goDown();

    assertUnavailable(get("/api/privacy/requests/" + KNOWN_ID + "?token=" + token));
    assertUnavailable(get("/api/privacy/metrics/2026"));
  }

  private static void assertUnavailable(HttpResponse<String> response) throws IOException {
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(503);
    assertThat(problem.path("type").asText()).isEqualTo("https://privacycasemanager.example/problems/unavailable");
    String lower = response.body().toLowerCase(Locale.ROOT);
    assertThat(lower).doesNotContain("exception", "sql", "select", "insert", "jdbc", "postgres", "hikari", "outage@example.com");
  }

  private HttpResponse<String> post(String json) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(baseUrl() + "/api/privacy/requests"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** No new connections to the case database, and the pool's open ones are cut. */
  private static void goDown() {
    execute("alter database " + DATABASE + " allow_connections false");
    execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + DATABASE + "'");
  }

  private static void restore() {
    execute("alter database " + DATABASE + " allow_connections true");
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
