package com.privacycasemanager.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.notification.WebhookSigner;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Node loss in a cluster of two: the packaged jar runs twice on one fresh PostgreSQL database
 * (created here, dropped afterwards), each node with its own job executor and a short job lock
 * (10 s). Requests to delete and opt-outs arrive through the public API on both nodes, the demo
 * recipients are played by an HTTP receiver in this test that checks each notice's signature and
 * counts it by its {@code Idempotency-Key}, and mail goes to one outbox directory. Half of the
 * deletions are approved; once the first erasure is recorded, node B is killed with SIGKILL and the
 * other half is approved on node A, which, after B's job locks expire, finishes
 * every case: data erased, every receipt and delivery recorded exactly once, every notice and the
 * answer mail sent. A job that node B had locked may have sent its notice or mail before it died
 * without committing; node A runs it again, so the same notice (same Idempotency-Key) or mail
 * may arrive twice, never more often than there were jobs cut off. A reviewer's Tasklist login on
 * node A is also used on node B (Spring Session JDBC).
 *
 * <p>Run by failsafe after {@code package} ({@code mvn verify}); needs PostgreSQL on
 * 127.0.0.1:5432 with trust auth for {@code postgres} (see .ci/run). Asserts nothing about time.
 */
class ClusterNodeLossIT {

  static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  static final String DATABASE = "pcm_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  static final int DELETIONS = 8;
  static final int OPT_OUTS = 16;
  static final String ADMIN = "it-admin";
  static final String ADMIN_PASSWORD = "it-admin-password-" + UUID.randomUUID();
  static final String REVIEWER = "it-reviewer";
  static final String REVIEWER_PASSWORD = "it-reviewer-password-" + UUID.randomUUID();
  static final Map<String, String> RECIPIENT_SECRETS =
      Map.of("demo-ad-network", "demo-only-webhook-secret-0001", "demo-analytics", "demo-only-webhook-secret-0002");
  static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir Path work;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final ObjectMapper json = new ObjectMapper();
  final Map<String, AtomicInteger> notices = new ConcurrentHashMap<>();
  final AtomicInteger refusedNotices = new AtomicInteger();
  final List<Process> nodes = new ArrayList<>();
  HttpServer receiver;
  SingleConnectionDataSource dataSource;
  JdbcTemplate db;

  @AfterEach
  void stopEverything() {
    nodes.forEach(Process::destroyForcibly);
    for (Process node : nodes) {
      try {
        node.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (receiver != null) {
      receiver.stop(0);
    }
    if (dataSource != null) {
      dataSource.destroy();
    }
    execute("drop database if exists " + DATABASE + " with (force)");
  }

  @Test
  void theSurvivorFinishesEveryCaseOnceAfterTheOtherNodeIsKilled() throws Exception {
    startReceiver();
    execute("create database " + DATABASE);
    dataSource = new SingleConnectionDataSource(SERVER + DATABASE, "postgres", "", true);
    db = new JdbcTemplate(dataSource);
    String secret = "it-secret-" + UUID.randomUUID();
    // one after the other: two engines creating the schema of an empty database at once collide
    String a = start("node-a", secret);
    String b = start("node-b", secret);
    Process nodeB = nodes.get(1);

    // a Tasklist login made on node A is a login on node B
    String session = loginToTasklist(a);
    HttpResponse<String> who = http.send(HttpRequest.newBuilder(URI.create(b + "/camunda/api/admin/auth/user/default"))
        .header("Cookie", session).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(who.statusCode()).as(who.body()).isEqualTo(200);
    assertThat(json.readTree(who.body()).path("userId").asText()).isEqualTo(REVIEWER);

    // the same browsers' first opt-out signals reach both nodes at once: one record each, by the primary key
    String signals = "{\"signals\":[{\"deviceId\":\"cluster-browser-1\"},{\"deviceId\":\"cluster-browser-2\"}]}";
    String admin = "Basic " + java.util.Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> both = new ArrayList<>();
    for (String node : List.of(a, b)) {
      both.add(http.sendAsync(HttpRequest.newBuilder(URI.create(node + "/api/signals"))
          .header("Content-Type", "application/json").header("Authorization", admin)
          .POST(HttpRequest.BodyPublishers.ofString(signals)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    int newBrowsers = 0;
    for (var sent : both) {
      HttpResponse<String> recorded = sent.get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
      newBrowsers += json.readTree(recorded.body()).path("newBrowsers").asInt();
    }
    assertThat(newBrowsers).as("each browser is new on one node only").isEqualTo(2);
    assertThat(db.queryForObject("select count(*) from opt_out_signal where device_id like 'cluster-browser-%'", Integer.class))
        .isEqualTo(2);

    // requests to delete, on both nodes, each confirmed by its emailed link on the other node
    List<Long> customers = new ArrayList<>();
    Map<String, Long> deletions = new LinkedHashMap<>();
    for (int n = 0; n < DELETIONS; n++) {
      long customer = 101 + n;
      customers.add(customer);
      Map<String, Object> person = db.queryForMap("select full_name, street, postal_code from customers where id = ?", customer);
      String body = "{\"type\":\"DELETE\",\"email\":\"" + DemoBusiness.customerEmail(customer) + "\",\"dataPoints\":{\"name\":\""
          + person.get("full_name") + "\",\"postalCode\":\"" + person.get("postal_code") + "\",\"street\":\"" + person.get("street")
          + "\"},\"declaration\":{\"signedName\":\"" + person.get("full_name") + "\",\"accepted\":true}}";
      deletions.put(submit(n % 2 == 0 ? a : b, body), customer);
    }
    int n = 0;
    for (String id : deletions.keySet()) {
      String token = confirmationToken(id);
      HttpResponse<String> confirmed = http.send(HttpRequest.newBuilder(URI.create((n++ % 2 == 0 ? b : a) + "/privacy/verify/" + id))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("t=" + URLEncoder.encode(token, StandardCharsets.UTF_8))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(confirmed.statusCode()).isEqualTo(200);
    }
    Map<String, String> reviews = new LinkedHashMap<>();
    for (String id : deletions.keySet()) {
      waitFor("the review of " + id, () -> !tasks(a, id, "Task_ReviewDeletion").isEmpty());
      reviews.put(id, tasks(a, id, "Task_ReviewDeletion").get(0));
    }

    // opt-outs and approvals at once on both nodes; node B dies at the first erasure receipt
    List<String> optOuts = new ArrayList<>();
    for (int o = 0; o < OPT_OUTS; o++) {
      optOuts.add(submit(o % 2 == 0 ? a : b, "{\"type\":\"OPT_OUT_SHARING\",\"email\":\"cluster-" + o + "@example.com\"}"));
    }
    String approve = "{\"approved\":{\"value\":true},\"reviewNote\":{\"value\":\"ok\"},\"legalHolds\":{\"value\":\"[]\",\"type\":\"Json\"}}";
    List<String> reviewTasks = new ArrayList<>(reviews.values());
    for (int r = 0; r < DELETIONS / 2; r++) {
      complete(r % 2 == 0 ? b : a, reviewTasks.get(r), approve);
    }
    waitFor("a first erasure receipt", 5, () -> count("select count(*) from erasure_receipt") > 0);
    nodeB.destroyForcibly().waitFor();
    int cutOff = count("select count(*) from act_ru_job where lock_owner_ is not null");
    int receiptsAtKill = count("select count(distinct request_id || system_id) from erasure_receipt");
    int noticesAtKill = notices.values().stream().mapToInt(AtomicInteger::get).sum();
    // the other half of the reviews is approved on the survivor while B's locks are still held
    for (int r = DELETIONS / 2; r < DELETIONS; r++) {
      complete(a, reviewTasks.get(r), approve);
    }

    // node A finishes; a reviewer records the print shop's notice given by hand (it has no endpoint)
    Set<String> all = new HashSet<>(deletions.keySet());
    all.addAll(optOuts);
    waitFor("every case completed on node A", () -> diagnostics(all), () -> {
      assertThat(count("select count(*) from act_ru_incident")).as("incidents").isZero();
      for (String id : deletions.keySet()) {
        // only once the webhook branches ended: completing the last branches of one multi-instance
        // at the same moment is an optimistic locking conflict, and the job would retry in 10 min
        if (count("select count(*) from recipient_delivery where status = 'ACKNOWLEDGED' and recipient_id <> 'demo-print-shop'"
            + " and request_id = '" + id + "'") < 2) {
          continue;
        }
        for (String task : tasks(a, id, "Task_NotifyRecipientByHand")) {
          complete(a, task, "{\"approved\":{\"value\":true},\"reviewNote\":{\"value\":\"phoned\"}}");
        }
      }
      return count("select count(*) from privacy_case where status = 'COMPLETED' and completed_at is not null and request_id in ("
          + inList(all) + ")") == all.size()
          && count("select count(*) from act_ru_execution where business_key_ in (" + inList(all) + ")") == 0;
    });

    // the data is erased
    for (long customer : customers) {
      assertThat(db.queryForObject("select email from customers where id = ?", String.class, customer)).startsWith("erased:");
      assertThat(count("select count(*) from activity_log where customer_id = " + customer)).isZero();
    }
    // every receipt, delivery and notice recorded once per case
    for (String id : deletions.keySet()) {
      assertThat(db.queryForList("select distinct system_id from erasure_receipt where request_id = ?", String.class, id))
          .as("receipts of " + id).hasSize(2);
      assertThat(db.queryForList("select recipient_id || ':' || status from recipient_delivery where request_id = ? order by 1",
              String.class, id))
          .containsExactly("demo-ad-network:ACKNOWLEDGED", "demo-analytics:ACKNOWLEDGED", "demo-print-shop:ACKNOWLEDGED");
    }
    for (String id : optOuts) {
      assertThat(db.queryForList("select recipient_id || ':' || status from recipient_delivery where request_id = ? order by 1",
              String.class, id))
          .containsExactly("demo-ad-network:ACKNOWLEDGED", "demo-analytics:ACKNOWLEDGED");
    }
    assertThat(count("select count(*) from (select 1 from erasure_receipt group by request_id, system_id, table_name, column_name, action"
        + " having count(*) > 1) twice")).as("a receipt recorded twice").isZero();
    assertThat(count("select count(*) from (select 1 from case_event where kind = 'RECIPIENT_NOTIFIED' group by request_id, detail"
        + " having count(*) > 1) twice")).as("a notice recorded twice").isZero();

    // every notice arrived; a repeat only where a job was cut off, under the same Idempotency-Key
    Set<String> expected = new HashSet<>();
    deletions.keySet().forEach(id -> RECIPIENT_SECRETS.keySet().forEach(r -> expected.add(id + ":" + r)));
    optOuts.forEach(id -> RECIPIENT_SECRETS.keySet().forEach(r -> expected.add(id + ":" + r)));
    assertThat(notices.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(refusedNotices.get()).isZero();
    int repeatedNotices = notices.values().stream().mapToInt(c -> c.get() - 1).sum();

    // every case's mail is in the outbox; a repeat only where a job was cut off
    Map<String, Integer> mails = mailsBySubject();
    for (String id : deletions.keySet()) {
      assertThat(mails).containsKey("Your request to delete: what we did (" + id + ")");
    }
    for (String id : all) {
      assertThat(mails).containsKey("We received your privacy request " + id);
    }
    int repeatedMails = mails.values().stream().mapToInt(c -> c - 1).sum();
    assertThat(repeatedNotices + repeatedMails).as("repeats, with %d jobs locked when node B died", cutOff).isLessThanOrEqualTo(cutOff);

    // nothing personal in either node's log
    for (String log : List.of("node-a.log", "node-b.log")) {
      String text = Files.readString(work.resolve(log));
      for (long customer : customers) {
        assertThat(text).as(log).doesNotContain(DemoBusiness.customerEmail(customer));
      }
    }
    System.out.printf("ClusterNodeLossIT: %d deletions and %d opt-outs; node B killed with %d jobs locked, %d of %d system erasures"
            + " and %d of %d notices done; node A finished all; repeated notices %d, repeated mails %d%n",
        DELETIONS, OPT_OUTS, cutOff, receiptsAtKill, 2 * DELETIONS, noticesAtKill, expected.size(), repeatedNotices, repeatedMails);
  }

  /** Starts the packaged jar as one node and waits until it is healthy; returns its base URL. */
  private String start(String name, String secret) throws Exception {
    int port = freePort();
    String base = "http://127.0.0.1:" + port;
    Path jar = Path.of(System.getProperty("pcm.jar", "target/privacy-case-manager-0.1.0-SNAPSHOT.jar"));
    assertThat(jar).as("the packaged jar (failsafe runs after package)").exists();
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-jar", jar.toString(),
        "--server.port=" + port,
        "--camunda.bpm.generic-properties.properties.hostname=" + name,
        "--camunda.bpm.job-execution.lock-time-in-millis=10000",
        "--camunda.bpm.job-execution.max-wait=2000",
        "--privacy.staff.users[0].id=" + REVIEWER,
        "--privacy.staff.users[0].password=" + REVIEWER_PASSWORD,
        "--privacy.staff.users[0].groups[0]=privacy-reviewers",
        "--privacy.intake.rate-limit.requests-per-minute=1000000",
        "--privacy.intake.rate-limit.burst=1000000",
        "--privacy.demo-business.recipient-base-url=http://127.0.0.1:" + receiver.getAddress().getPort(),
        "--privacy.mail.outbox-dir=" + work.resolve("outbox"),
        "--logging.level.root=WARN");
    builder.environment().putAll(Map.of(
        "SPRING_PROFILES_ACTIVE", "postgres",
        "PCM_DEMO_BUSINESS", "true",
        "PCM_DB_URL", SERVER + DATABASE,
        "PCM_DB_USER", "postgres",
        "PCM_ADMIN_USER", ADMIN,
        "PCM_ADMIN_PASSWORD", ADMIN_PASSWORD,
        "PCM_SECRET", secret,
        "PCM_PUBLIC_BASE_URL", base));
    builder.redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile());
    Process node = builder.start();
    nodes.add(node);
    waitFor(name + " healthy (log: " + work.resolve(name + ".log") + ")", () -> {
      assertThat(node.isAlive()).as(name + " exited: " + tail(name)).isTrue();
      try {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).GET().build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      }
    });
    return base;
  }

  /** The demo recipients: a signed notice is answered 200 after a little work, and counted by its key. */
  private void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    receiver.setExecutor(Executors.newFixedThreadPool(8));
    receiver.createContext("/demo/recipient-webhook/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readAllBytes();
        String recipient = exchange.getRequestURI().getPath().substring("/demo/recipient-webhook/".length());
        String timestamp = exchange.getRequestHeaders().getFirst(WebhookSigner.TIMESTAMP_HEADER);
        String signature = exchange.getRequestHeaders().getFirst(WebhookSigner.SIGNATURE_HEADER);
        String secret = RECIPIENT_SECRETS.get(recipient);
        boolean signed = secret != null && timestamp != null
            && WebhookSigner.sign(secret, Long.parseLong(timestamp), body).equals(signature);
        if (signed) {
          Thread.sleep(100); // a recipient takes a moment: node B dies with notices in flight
          notices.computeIfAbsent(exchange.getRequestHeaders().getFirst("Idempotency-Key"), k -> new AtomicInteger()).incrementAndGet();
        } else {
          refusedNotices.incrementAndGet();
        }
        exchange.sendResponseHeaders(signed ? 200 : 401, -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(503, -1);
      } finally {
        exchange.close();
      }
    });
    receiver.start();
  }

  /** Logs in as the reviewer the way Tasklist does (CSRF token from the app page); returns the session cookie. */
  private String loginToTasklist(String base) throws Exception {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    Map<String, String> cookies = cookies(page);
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"))
        .header("Cookie", "XSRF-TOKEN=" + cookies.get("XSRF-TOKEN") + "; SESSION=" + cookies.get("SESSION"))
        .POST(HttpRequest.BodyPublishers.ofString("username=" + REVIEWER + "&password=" + REVIEWER_PASSWORD)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return "SESSION=" + cookies(login).get("SESSION");
  }

  private static Map<String, String> cookies(HttpResponse<?> response) {
    Map<String, String> cookies = new HashMap<>();
    for (String header : response.headers().allValues("Set-Cookie")) {
      String[] pair = header.split(";", 2)[0].split("=", 2);
      cookies.put(pair[0], pair[1]);
    }
    return cookies;
  }

  private String submit(String base, String body) throws Exception {
    HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(base + "/api/privacy/requests"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return json.readTree(accepted.body()).path("requestId").asText();
  }

  /** The token of the confirmation link mailed for the request (waits for the mail). */
  private String confirmationToken(String id) throws Exception {
    Pattern link = Pattern.compile("/privacy/verify/" + id + "\\?t=(\\S+)");
    String[] token = new String[1];
    waitFor("the confirmation mail of " + id, () -> {
      for (MimeMessage message : outbox()) {
        try {
          if (message.getSubject().contains(id)) {
            Matcher m = link.matcher(message.getContent().toString());
            if (m.find()) {
              token[0] = m.group(1);
              return true;
            }
          }
        } catch (Exception e) {
          return false; // a file still being written
        }
      }
      return false;
    });
    return token[0];
  }

  private List<MimeMessage> outbox() throws IOException {
    List<MimeMessage> messages = new ArrayList<>();
    Path dir = work.resolve("outbox");
    if (!Files.isDirectory(dir)) {
      return messages;
    }
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          messages.add(new MimeMessage(Session.getInstance(new Properties()), in));
        } catch (Exception e) {
          // a file still being written: read again on the next round
        }
      }
    }
    return messages;
  }

  private Map<String, Integer> mailsBySubject() throws Exception {
    Map<String, Integer> bySubject = new HashMap<>();
    for (MimeMessage message : outbox()) {
      bySubject.merge(message.getSubject(), 1, Integer::sum);
    }
    return bySubject;
  }

  /** Open tasks of a case with the given definition key, as the reviewer sees them. */
  private List<String> tasks(String base, String id, String key) {
    try {
      HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(base + "/engine-rest/task?processInstanceBusinessKey=" + id
              + "&taskDefinitionKey=" + key))
          .header("Authorization", basic(REVIEWER, REVIEWER_PASSWORD)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
      List<String> ids = new ArrayList<>();
      for (JsonNode task : json.readTree(found.body())) {
        ids.add(task.path("id").asText());
      }
      return ids;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void complete(String base, String task, String variables) {
    try {
      HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(base + "/engine-rest/task/" + task + "/complete"))
          .header("Authorization", basic(REVIEWER, REVIEWER_PASSWORD)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"variables\":" + variables + "}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Where the unfinished cases stand: their status, open activities and jobs (ids and keys only). */
  private String diagnostics(Set<String> ids) {
    String in = inList(ids);
    return "\ncases: " + db.queryForList("select request_type || ' ' || status || ' ' || count(*) from privacy_case where request_id in ("
            + in + ") group by request_type, status", String.class)
        + "\nopen activities: " + db.queryForList("select e.act_id_ || ' ' || count(*) from act_ru_execution e join act_ru_execution p"
            + " on p.id_ = e.proc_inst_id_ where e.act_id_ is not null group by e.act_id_", String.class)
        + "\njobs: " + db.queryForList("select coalesce(j.handler_cfg_, '') || ' retries=' || j.retries_ || ' due=' || coalesce(cast(j.duedate_"
            + " as varchar), '-') || ' owner=' || coalesce(j.lock_owner_, '-') || ' ' || coalesce(substr(j.exception_msg_, 1, 120), '')"
            + " from act_ru_job j", String.class);
  }

  private int count(String sql) {
    return db.queryForObject(sql, Integer.class);
  }

  private static String inList(Set<String> ids) {
    return String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
  }

  private String tail(String name) {
    try {
      List<String> lines = Files.readAllLines(work.resolve(name + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** Polls until the condition holds; fails after {@link #PATIENCE} (progress, not speed, is checked). */
  private static void waitFor(String what, Check condition) throws Exception {
    waitFor(what, 200, () -> "", condition);
  }

  private static void waitFor(String what, long pollMillis, Check condition) throws Exception {
    waitFor(what, pollMillis, () -> "", condition);
  }

  private static void waitFor(String what, java.util.function.Supplier<String> state, Check condition) throws Exception {
    waitFor(what, 200, state, condition);
  }

  private static void waitFor(String what, long pollMillis, java.util.function.Supplier<String> state, Check condition)
      throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what + state.get());
      }
      Thread.sleep(pollMillis);
    }
  }

  @FunctionalInterface
  interface Check {
    boolean holds() throws Exception;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(SERVER + "test", "postgres", "");
        var s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 is required for this test (see .ci/run): " + e.getMessage(), e);
    }
  }
}
