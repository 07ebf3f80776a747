package com.privacycasemanager.bench;

import com.privacycasemanager.admt.AdmtAnswers;
import com.privacycasemanager.admt.AdmtExplanation;
import com.privacycasemanager.admt.Withholding;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.request.CaseRegistration;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.NewCase;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.request.Subject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Run by {@code bench/admt.sh}, never by {@code mvn verify}: on PostgreSQL with the bundled data
 * map and the demo shop, gives one consumer 1,000 pay-later decisions in the 12 months before the
 * request and measures the answer to their request to access ADMT — building it, release to
 * answer kept (the reviewer completing the review task, the job executor on), and the answer page.
 * Prints a markdown table; asserts nothing about time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
class AdmtAnswerBench {

  static final String DB = System.getProperty("bench.admt.db", "pcm_bench_admt");
  static final int SAMPLES = Integer.getInteger("bench.admt.samples", 50);
  static final int DECISIONS = Integer.getInteger("bench.admt.decisions", 1000);

  @Autowired CaseRegistration registration;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired AdmtAnswers answers;
  @Autowired JdbcTemplate jdbc;
  @Autowired Secrets secrets;
  @LocalServerPort int port;
  @org.springframework.beans.factory.annotation.Value("${privacy.time-zone}") ZoneId zone;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/" + DB);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
    registry.add("privacy.demo-business.enabled", () -> "true");
    registry.add("privacy.demo-business.username", () -> "postgres");
    registry.add("camunda.bpm.admin-user.id", () -> "bench-admin");
    registry.add("camunda.bpm.admin-user.password", () -> "bench-admin-password-1");
    registry.add("privacy.secret", () -> "bench-secret-" + System.nanoTime());
    registry.add("privacy.mail.outbox-dir", () -> System.getProperty("java.io.tmpdir") + "/pcm-bench-outbox");
    registry.add("camunda.bpm.job-execution.enabled", () -> "true");
    registry.add("logging.level.root", () -> "WARN");
  }

  @Test
  void theAnswerForAConsumerWithAThousandDecisions() throws Exception {
    Instant received = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long customer = 1;
    String email = DemoBusiness.customerEmail(customer);
    long next = jdbc.queryForObject("select coalesce(max(id), 0) + 1 from financing_decisions", Long.class);
    jdbc.update("delete from financing_decisions where customer_id = ?", customer);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < DECISIONS; i++) {
      int score = 300 + (i * 37) % 601;
      rows.add(new Object[] {next + i, customer, Timestamp.valueOf(LocalDateTime.ofInstant(received.minus(1 + i * 8L, ChronoUnit.HOURS), zone)), score,
          score >= 620 ? "APPROVED" : "DECLINED", i % 2 == 0 ? "orders paid on time; average order value" : "failed card payments",
          i % 3 == 0 ? "paylater-2.3" : "paylater-2.4", score >= 620 ? 5000 : 0});
    }
    jdbc.batchUpdate("insert into financing_decisions values (?,?,?,?,?,?,?,?)", rows);
    Subject subject = new Subject(email, null, null, null, null, null);

    // building the answer (the walk from the shop's identity table to its child tables)
    for (int i = 0; i < 10; i++) {
      answers.answer(subject, "pay-later", received, Withholding.none());
    }
    List<Long> build = new ArrayList<>();
    AdmtExplanation last = null;
    for (int i = 0; i < SAMPLES; i++) {
      long start = System.nanoTime();
      last = answers.answer(subject, "pay-later", received, Withholding.of("model_version", Withholding.Ground.TRADE_SECRET, "bench"));
      build.add((System.nanoTime() - start) / 1_000_000);
    }

    // release → answer kept, through the process and the job executor
    List<Long> release = new ArrayList<>();
    RequestId lastId = null;
    for (int i = 0; i < 5 + SAMPLES; i++) {
      lastId = register(email);
      long ms = release(lastId);
      if (i >= 5) {
        release.add(ms);
      }
    }
    int answerBytes = jdbc.queryForObject("select octet_length(content) from admt_answer where request_id = ?", Integer.class, lastId.value());

    // the answer page, as the consumer opens it
    HttpClient http = HttpClient.newHttpClient();
    URI page = URI.create("http://127.0.0.1:" + port + "/privacy/requests/" + lastId.value() + "/admt-answer?token="
        + secrets.statusToken(lastId));
    List<Long> pages = new ArrayList<>();
    int pageBytes = 0;
    for (int i = 0; i < 10 + SAMPLES; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(page).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("the answer page answered " + response.statusCode());
      }
      pageBytes = response.body().length();
      if (i >= 10) {
        pages.add((System.nanoTime() - start) / 1_000_000);
      }
    }

    Collections.sort(build);
    Collections.sort(release);
    Collections.sort(pages);
    System.out.println();
    System.out.printf("PostgreSQL; one consumer with %d pay-later decisions (%d in the 12 months: answered in aggregate: %s);"
        + " %d samples each%n", last.outputs().total(), last.outputs().inPeriod(), last.outputs().aggregated(), SAMPLES);
    System.out.println();
    System.out.println("| measurement | p50 ms | p99 ms | max ms | size |");
    System.out.println("|---|---:|---:|---:|---:|");
    System.out.printf("| build the answer of one use (`AdmtAnswers.answer`) | %d | %d | %d | |%n",
        percentile(build, 50), percentile(build, 99), build.get(build.size() - 1));
    System.out.printf("| release → answer kept (review completed → encrypted answer stored, both uses) | %d | %d | %d | %d KB encrypted |%n",
        percentile(release, 50), percentile(release, 99), release.get(release.size() - 1), answerBytes / 1024);
    System.out.printf("| answer page `GET /privacy/requests/{id}/admt-answer` | %d | %d | %d | %d KB |%n",
        percentile(pages, 50), percentile(pages, 99), pages.get(pages.size() - 1), pageBytes / 1024);
  }

  private RequestId register(String email) {
    return registration.register(new NewCase(RequestType.ADMT_ACCESS, Channel.API,
        new Subject(email, null, null, null, null, null), null, "bench")).record().requestId();
  }

  /** Puts the case at the review task, releases it, and times until the answer row exists. */
  private long release(RequestId id) throws InterruptedException {
    runtime.createProcessInstanceByKey(ProcessKeys.ADMT_ACCESS)
        .businessKey(id.value())
        .setVariables(Map.of("requestId", id.value(), "requestType", "ADMT_ACCESS", "answer", "ANSWER", "verificationLevel", "HIGH"))
        .startBeforeActivity("Task_ReviewAdmtAnswer")
        .execute();
    String task = tasks.createTaskQuery().processInstanceBusinessKey(id.value()).taskDefinitionKey("Task_ReviewAdmtAnswer")
        .singleResult().getId();
    long start = System.nanoTime();
    tasks.complete(task, Map.of("approved", true, "reviewNote", "bench", "withholdColumns", "model_version",
        "withholdGround", "TRADE_SECRET", "withholdBasis", "bench"));
    while (jdbc.queryForObject("select count(*) from admt_answer where request_id = ?", Integer.class, id.value()) == 0) {
      Thread.sleep(1);
      if (System.nanoTime() - start > 120_000_000_000L) {
        throw new IllegalStateException("no answer after 120 s for " + id);
      }
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static long percentile(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
