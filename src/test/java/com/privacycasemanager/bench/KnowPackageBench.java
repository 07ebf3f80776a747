package com.privacycasemanager.bench;

import com.privacycasemanager.access.AccessPackages;
import com.privacycasemanager.request.CaseRegistration;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.NewCase;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.Subject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * Run by {@code bench/know.sh}, never by {@code mvn verify}: on a database seeded with
 * {@code bench/know-seed.sql}, releases requests to know (the reviewer completing the review
 * task) and measures until the encrypted package is stored, with the job executor on as in
 * production. Prints a markdown table; asserts nothing about time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
class KnowPackageBench {

  static final String DB = System.getProperty("bench.know.db", "pcm_bench_know");
  static final int SAMPLES = Integer.getInteger("bench.know.samples", 300);
  static final int WARMUP = Integer.getInteger("bench.know.warmup", 50);

  @Autowired CaseRegistration registration;
  @Autowired CaseRepository cases;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired AccessPackages packages;
  @Autowired JdbcTemplate jdbc;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/" + DB);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
    registry.add("privacy.demo-business.username", () -> "postgres");
    registry.add("camunda.bpm.admin-user.id", () -> "bench-admin");
    registry.add("camunda.bpm.admin-user.password", () -> "bench-admin-password-1");
    registry.add("privacy.secret", () -> "bench-secret-" + System.nanoTime());
    registry.add("privacy.mail.outbox-dir", () -> System.getProperty("java.io.tmpdir") + "/pcm-bench-outbox");
    registry.add("camunda.bpm.job-execution.enabled", () -> "true");
    registry.add("logging.level.root", () -> "WARN");
  }

  @Test
  void releaseToPackageReady() throws Exception {
    Random random = new Random(7);
    List<Long> warm = new ArrayList<>();
    for (int i = 0; i < WARMUP; i++) {
      warm.add(release(2 + random.nextInt(999_998)));
    }
    List<Long> millis = new ArrayList<>();
    long rows = 0;
    for (int i = 0; i < SAMPLES; i++) {
      int customer = 2 + random.nextInt(999_998);
      millis.add(release(customer));
    }
    rows = jdbc.queryForObject("select coalesce(sum(row_count), 0) from access_package", Long.class);
    long packagesBuilt = jdbc.queryForObject("select count(*) from access_package", Long.class);

    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long heapBefore = heapUsed();
    long heavy = release(1);
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    var largest = jdbc.queryForMap("select row_count, size_bytes from access_package order by row_count desc limit 1");

    Collections.sort(millis);
    System.out.println();
    System.out.println("| measurement | figure | target |");
    System.out.println("|---|---:|---|");
    System.out.printf("| release → package ready, p50 (%d consumers, ~%d rows each) | %d ms | < 300 ms |%n",
        SAMPLES, rows / Math.max(1, packagesBuilt), percentile(millis, 50));
    System.out.printf("| release → package ready, p99 | %d ms | < 1 s |%n", percentile(millis, 99));
    System.out.printf("| release → package ready, max | %d ms | |%n", millis.get(millis.size() - 1));
    System.out.printf("| largest package (customer 1): rows / zip size | %s rows / %d KB | |%n",
        largest.get("row_count"), ((Number) largest.get("size_bytes")).longValue() / 1024);
    System.out.printf("| largest package: release → ready | %d ms | |%n", heavy);
    System.out.printf("| largest package: peak heap in use while building (before: %d MB) | %d MB | |%n",
        heapBefore / (1024 * 1024), peakHeap / (1024 * 1024));
    System.out.printf("| process peak RSS (VmHWM, whole run) | %s | |%n", vmHwm());
  }

  /** Registers a case, puts it at the review task, releases it, and times until the package row exists. */
  private long release(long customer) throws InterruptedException {
    var registered = registration.register(new NewCase(RequestType.KNOW_SPECIFIC, Channel.API,
        new Subject("customer" + customer + "@bench.example", null, null, null, null, null), null, "bench"));
    RequestId id = registered.record().requestId();
    cases.setIncludeBeyond12Months(id, true);
    runtime.createProcessInstanceByKey(ProcessKeys.RIGHT_TO_KNOW)
        .businessKey(id.value())
        .setVariables(Map.of("requestId", id.value(), "requestType", "KNOW_SPECIFIC", "answer", "SPECIFIC",
            "verificationLevel", "HIGH"))
        .startBeforeActivity("Task_ReviewDisclosure")
        .execute();
    String task = tasks.createTaskQuery().processInstanceBusinessKey(id.value()).singleResult().getId();
    long start = System.nanoTime();
    tasks.complete(task, Map.of("approved", true, "reviewNote", "bench"));
    while (packages.find(id).isEmpty()) {
      Thread.sleep(1);
      if (System.nanoTime() - start > 120_000_000_000L) {
        throw new IllegalStateException("no package after 120 s for " + id);
      }
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long percentile(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static String vmHwm() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
          .map(l -> l.replaceAll("\\s+", " ").substring(7)).findFirst().orElse("n/a");
    } catch (Exception e) {
      return "n/a";
    }
  }
}
