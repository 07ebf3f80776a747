package com.privacycasemanager.bench;

import com.privacycasemanager.request.CaseRegistration;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.NewCase;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.Subject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Run by {@code bench/delete.sh}, never by {@code mvn verify}: on a database seeded with
 * {@code bench/delete-seed.sql}, starts deletions at the preview (verification is not measured),
 * approves them as a reviewer would, and measures with the job executor on as in production: for
 * consumers with 10,000 activity rows, approval until every system's receipt is recorded; then
 * cases back to back, each from its start until the consumer's answer is recorded (preview,
 * review, erasure in both systems, suppression record, the outcome email). Prints a markdown
 * table; asserts nothing about time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
class DeletionBench {

  static final String DB = System.getProperty("bench.delete.db", "pcm_bench_delete");
  static final int CASES = Integer.getInteger("bench.delete.cases", 1000);
  static final int HEAVY = 30;
  /** The demo recipients, played by bench/receiver.py in a process of its own (bench/delete.sh starts it). */
  static final String RECIPIENTS = System.getProperty("bench.delete.recipients", "http://127.0.0.1:18092");

  @Autowired CaseRegistration registration;
  @Autowired CaseRepository cases;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired JdbcTemplate jdbc;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/" + DB);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
    registry.add("privacy.demo-business.recipient-base-url", () -> RECIPIENTS);
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
  void approvalToReceiptAndCasesBackToBack() throws Exception {
    for (long customer = 50_001; customer <= 50_050; customer++) {
      answered(customer);
    }
    List<Long> heavy = new ArrayList<>();
    for (long customer = 1; customer <= HEAVY; customer++) {
      RequestId id = atReview(customer);
      long start = System.nanoTime();
      approve(id);
      while (systemsErased(id) < 2) {
        Thread.sleep(1);
        timeout(start, id);
      }
      heavy.add((System.nanoTime() - start) / 1_000_000);
    }
    long deletedRows = jdbc.queryForObject("select coalesce(sum(row_count), 0) from erasure_receipt where table_name = 'activity_log'"
        + " and action = 'DELETED' and request_id in (select request_id from privacy_case where subject_email = 'customer1@bench.example')",
        Long.class);

    List<Long> each = new ArrayList<>();
    long start = System.nanoTime();
    for (long customer = 60_001; customer < 60_001 + CASES; customer++) {
      each.add(answered(customer));
    }
    double minutes = (System.nanoTime() - start) / 60e9;

    Collections.sort(heavy);
    Collections.sort(each);
    System.out.println();
    System.out.println("| measurement | figure | target |");
    System.out.println("|---|---:|---|");
    System.out.printf("| approval → receipt, %d consumers with %,d activity rows each, p50 | %d ms | < 2 s |%n", HEAVY, deletedRows,
        percentile(heavy, 50));
    System.out.printf("| approval → receipt, max | %d ms | < 2 s |%n", heavy.get(heavy.size() - 1));
    System.out.printf("| %d deletion cases back to back (start → answer recorded) | %.0f cases/min | |%n", CASES, CASES / minutes);
    System.out.printf("| one case, start → answer recorded, p50 / p99 | %d / %d ms | |%n", percentile(each, 50), percentile(each, 99));
  }

  /** A case at its preview (verified), waiting until the reviewer's task exists. */
  private RequestId atReview(long customer) throws InterruptedException {
    var registered = registration.register(new NewCase(RequestType.DELETE, Channel.API,
        new Subject("customer" + customer + "@bench.example", null, null, null, null, null), null, "bench"));
    RequestId id = registered.record().requestId();
    runtime.createProcessInstanceByKey(ProcessKeys.RIGHT_TO_DELETE)
        .businessKey(id.value())
        .setVariables(Map.of("requestId", id.value(), "requestType", "DELETE", "verified", true, "verificationLevel", "HIGH"))
        .startBeforeActivity("Task_PreviewDeletion")
        .execute();
    long start = System.nanoTime();
    while (tasks.createTaskQuery().processInstanceBusinessKey(id.value()).taskDefinitionKey("Task_ReviewDeletion").count() == 0) {
      Thread.sleep(1);
      timeout(start, id);
    }
    return id;
  }

  private void approve(RequestId id) {
    String task = tasks.createTaskQuery().processInstanceBusinessKey(id.value()).taskDefinitionKey("Task_ReviewDeletion").singleResult().getId();
    tasks.complete(task, Map.of("approved", true, "reviewNote", "bench"));
  }

  /** Start to the recorded answer, in ms. */
  private long answered(long customer) throws InterruptedException {
    long start = System.nanoTime();
    RequestId id = atReview(customer);
    approve(id);
    while (cases.get(id).completedAt() == null) {
      Thread.sleep(1);
      timeout(start, id);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private int systemsErased(RequestId id) {
    return jdbc.queryForObject("select count(distinct system_id) from erasure_receipt where request_id = ?", Integer.class, id.value());
  }

  private static void timeout(long start, RequestId id) {
    if (System.nanoTime() - start > 120_000_000_000L) {
      throw new IllegalStateException("no progress after 120 s for " + id);
    }
  }

  private static long percentile(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
