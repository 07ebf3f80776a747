package com.privacycasemanager.signal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.privacycasemanager.support.Staff.OFFICER;
import static com.privacycasemanager.support.Staff.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.privacycasemanager.notification.WebhookSigner;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.preferencestore.SignalLog;
import com.privacycasemanager.records.MetricsService;
import com.privacycasemanager.records.YearMetrics;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.request.RequestGroup;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.CaseScenario;
import com.privacycasemanager.support.ProcessTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A batch of opt-out signals: when it is sealed, what the recipients receive, the 15-business-day
 * timer from its first signal, and how the metrics count its signals. Batches of four here (the
 * shared test context keeps the configured size; {@code sealDue(4, period)} is the same sealing).
 */
class SignalBatchProcessTest extends ProcessTestSupport {

  static final String BATCH = ProcessKeys.OPT_OUT_SIGNALS;
  static final String NOTIFY = ProcessKeys.NOTIFY_RECIPIENTS;

  /** Friday 2026-11-20, 10:00 in California: the 15 business days span two weekends and Thanksgiving. */
  static final Instant FRIDAY_BEFORE_THANKSGIVING = Instant.parse("2026-11-20T18:00:00Z");
  /** Monday 2026-12-14, 23:59:59 PST: business day 15. */
  static final Instant DUE = Instant.parse("2026-12-15T07:59:59Z");

  @Autowired SignalBatches batches;
  @Autowired SignalBatchRepository batchRecords;
  @Autowired SignalLog log;
  @Autowired PreferenceStore preferences;
  @Autowired CaseRepository cases;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired MetricsService metrics;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;
  @Autowired ObjectMapper json;

  @Test
  void aBatchIsSealedWhenItsFirstSignalHasWaitedThePeriodAndEveryRecipientGetsItSigned() throws Exception {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    sealWhatIsWaiting(FRIDAY_BEFORE_THANKSGIVING.minusSeconds(3600));
    at(FRIDAY_BEFORE_THANKSGIVING);
    signals("period", 2, null);
    at(FRIDAY_BEFORE_THANKSGIVING.plusSeconds(120));
    preferences.recordSignals(List.of(new SignalLog.Signal("period-signed-in", "acct:period-1")), SignalLog.Source.EDGE);

    at(FRIDAY_BEFORE_THANKSGIVING.plus(Duration.ofMinutes(15)).minusSeconds(1));
    assertThat(seal()).as("three signals, the first 14:59 old: not yet").isEmpty();
    at(FRIDAY_BEFORE_THANKSGIVING.plus(Duration.ofMinutes(15)));
    List<RequestId> sealed = seal();
    assertThat(sealed).hasSize(1);
    assertThat(seal()).as("nothing waits any more").isEmpty();

    RequestId id = sealed.get(0);
    CaseRecord record = cases.get(id);
    assertThat(record.type().name()).isEqualTo("OPT_OUT_SIGNALS");
    assertThat(record.channel()).isEqualTo(Channel.GPC);
    assertThat(record.receivedAt()).as("the clock runs from the batch's first signal").isEqualTo(FRIDAY_BEFORE_THANKSGIVING);
    assertThat(record.dueAt()).isEqualTo(DUE);
    assertThat(id.value()).startsWith("CCPA-20261120-");
    assertThat(batchRecords.batchOf(id)).get().satisfies(b -> {
      assertThat(b.signals()).isEqualTo(3);
      assertThat(b.firstReceivedAt()).isEqualTo(FRIDAY_BEFORE_THANKSGIVING);
      assertThat(b.lastReceivedAt()).isEqualTo(FRIDAY_BEFORE_THANKSGIVING.plusSeconds(120));
    });

    CaseScenario batch = scenario(id, BATCH);
    batch.then(BATCH).isWaitingAt("CallActivity_NotifyRecipients");
    assertThat(runtime.getVariables(batch.instance(BATCH).getId())).containsOnlyKeys("requestId", "requestType");
    batch.runStep(BATCH);
    assertThat(batch.dueDate(BATCH, "Event_PropagationDue")).isEqualTo(DUE);
    batch.then(NOTIFY).isWaitingAt("Task_DeliverNotification");
    management.createJobQuery().processInstanceId(batch.instance(NOTIFY).getId()).list()
        .forEach(job -> management.executeJob(job.getId()));

    // the recipients registered for opt-outs of sale and sharing: ad-network and analytics by webhook, print-shop by hand
    LoggedRequest hook = recipients.findAll(postRequestedFor(urlEqualTo("/hooks/ad-network"))).stream()
        .filter(r -> r.getBodyAsString().contains(id.value())).findFirst().orElseThrow();
    assertThat(hook.getHeader(WebhookSigner.SIGNATURE_HEADER))
        .isEqualTo(WebhookSigner.sign("test-webhook-secret-ad-network", Long.parseLong(hook.getHeader(WebhookSigner.TIMESTAMP_HEADER)), hook.getBody()));
    JsonNode body = json.readTree(hook.getBody());
    assertThat(body.path("requestType").asText()).isEqualTo("OPT_OUT_SIGNALS");
    assertThat(body.path("signalCount").asInt()).isEqualTo(3);
    assertThat(body.path("firstReceivedAt").asText()).isEqualTo("2026-11-20T18:00:00Z");
    assertThat(body.path("respondBy").asText()).isEqualTo(DUE.toString());
    assertThat(body.path("signals")).hasSize(3);
    assertThat(body.path("signals").get(2).path("deviceId").asText()).isEqualTo("period-signed-in");
    assertThat(body.path("signals").get(2).path("accountId").asText()).isEqualTo("acct:period-1");
    assertThat(body.path("signals").get(0).has("accountId")).isFalse();
    assertThat(body.path("instructions").toString()).contains("stop selling and sharing");
    assertThat(recipients.findAll(postRequestedFor(urlEqualTo("/hooks/analytics"))).stream()
        .filter(r -> r.getBodyAsString().contains(id.value())).count()).isEqualTo(1);

    // analytics confirms by callback; a reviewer records the print shop's notice by hand
    byte[] ack = ("{\"deliveryKey\":\"" + id.value() + ":analytics\"}").getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    HttpHeaders signed = new HttpHeaders();
    signed.setContentType(MediaType.APPLICATION_JSON);
    signed.set(WebhookSigner.TIMESTAMP_HEADER, String.valueOf(now));
    signed.set(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign("test-webhook-secret-analytics", now, ack));
    assertThat(http.postForEntity("/api/recipients/analytics/acknowledgements", new HttpEntity<>(ack, signed), String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    batch.complete(REVIEWER, NOTIFY, "Task_NotifyRecipientByHand", "approved", true, "reviewNote", "Sent the batch to the print shop");

    batch.then(BATCH).isEnded().hasPassed("Task_CloseCase", "Event_BatchCompleted").hasNotPassed("Task_ResolveOverduePropagation");
    CaseRecord closed = cases.get(id);
    assertThat(closed.status()).isEqualTo(CaseStatus.COMPLETED);
    assertThat(closed.outcome()).isEqualTo(Outcome.FULFILLED);
    assertThat(mail.getReceivedMessages()).as("a browser signal carries no address: nobody is mailed").isEmpty();

    // the case file and the regulator export show the batch
    String page = http.withBasicAuth("officer", "officer").getForObject("/staff/cases/" + id.value(), String.class);
    assertThat(page).contains("Opt-out preference signals in this batch").contains("period-signed-in").contains("acct:period-1");
    JsonNode export = http.withBasicAuth("officer", "officer").getForObject("/staff/cases/" + id.value() + "/export", JsonNode.class);
    assertThat(export.toString()).contains("\"signalCount\":3").contains("\"EDGE\":3");
  }

  @Test
  void aFullBatchIsSealedAtOnceAndNoSignalIsInTwoBatches() {
    sealWhatIsWaiting(FRIDAY_BEFORE_THANKSGIVING.minusSeconds(3600));
    at(FRIDAY_BEFORE_THANKSGIVING);
    signals("full", 10, null);

    List<RequestId> sealed = seal();
    assertThat(sealed).as("ten signals in batches of four: two full now, two wait").hasSize(2);
    assertThat(sealed).allSatisfy(id -> assertThat(batchRecords.batchOf(id).orElseThrow().signals()).isEqualTo(4));
    assertThat(batches.pending().signals()).isEqualTo(2);

    at(FRIDAY_BEFORE_THANKSGIVING.plus(Duration.ofMinutes(15)));
    List<RequestId> last = seal();
    assertThat(last).hasSize(1);
    assertThat(batchRecords.batchOf(last.get(0)).orElseThrow().signals()).isEqualTo(2);
    assertThat(jdbc.queryForObject(
            "select count(distinct batch_id) from opt_out_signal where device_id like 'full-%'", Integer.class))
        .isEqualTo(3);
    assertThat(jdbc.queryForObject(
            "select count(*) from opt_out_signal where device_id like 'full-%' and batch_id is null", Integer.class))
        .isZero();
  }

  @Test
  void aRecipientSilentForFifteenBusinessDaysGivesOfficersATask() {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    sealWhatIsWaiting(FRIDAY_BEFORE_THANKSGIVING.minusSeconds(3600));
    at(FRIDAY_BEFORE_THANKSGIVING);
    signals("silent", 4, null);
    RequestId id = seal().get(0);
    CaseScenario batch = scenario(id, BATCH);
    batch.runStep(BATCH);
    management.createJobQuery().processInstanceId(batch.instance(NOTIFY).getId()).list()
        .forEach(job -> management.executeJob(job.getId()));
    batch.then(NOTIFY).isWaitingAt("Task_AwaitAcknowledgement", "Task_NotifyRecipientByHand");

    assertThat(batch.dueDate(BATCH, "Event_PropagationDue")).isEqualTo(DUE);
    batch.clockAt(DUE.plusSeconds(1)).fireTimer(BATCH, "Event_PropagationDue");
    batch.then(BATCH).isWaitingAt("CallActivity_NotifyRecipients", "Task_ResolveOverduePropagation");
    assertThat(batch.task(BATCH, "Task_ResolveOverduePropagation")).satisfies(task ->
        BpmnAwareTests.assertThat(task).hasCandidateGroup("privacy-officers"));
    batch.complete(OFFICER, BATCH, "Task_ResolveOverduePropagation", "approved", true, "reviewNote", "Both confirmed by email");

    batch.then(NOTIFY).isEnded();
    batch.then(BATCH).isEnded().hasPassed("Task_ConfirmOutstanding", "Event_OverdueResolved", "Task_CloseCase");
    assertThat(cases.get(id).status()).isEqualTo(CaseStatus.COMPLETED);
  }

  @Test
  void eachSignalCountsAsARequestToOptOutAnsweredWithItsBatch() {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    sealWhatIsWaiting(Instant.parse("2025-03-01T18:00:00Z"));
    YearMetrics.Row before = optOuts(2025);
    at(Instant.parse("2025-03-03T18:00:00Z"));
    signals("metrics", 4, null);
    RequestId id = seal().get(0);
    at(Instant.parse("2025-03-03T19:00:00Z"));
    signals("metrics-later", 1, null);

    YearMetrics.Row sealed = optOuts(2025);
    assertThat(sealed.received() - before.received()).isEqualTo(5);
    assertThat(sealed.pending() - before.pending()).as("told to no recipient yet").isEqualTo(5);

    // on day 15 the officer confirms every recipient by hand: the batch's four are answered
    CaseScenario batch = scenario(id, BATCH);
    batch.runStep(BATCH);
    batch.fireTimer(BATCH, "Event_PropagationDue");
    batch.complete(OFFICER, BATCH, "Task_ResolveOverduePropagation", "approved", true, "reviewNote", "Confirmed by phone");
    YearMetrics.Row answered = optOuts(2025);
    assertThat(answered.compliedInWhole() - before.compliedInWhole()).isEqualTo(4);
    assertThat(answered.pending() - before.pending()).isEqualTo(1);
    assertThat(cases.get(id).type().name()).isEqualTo("OPT_OUT_SIGNALS");
  }

  @Test
  void nobodyAsksForABatchThroughIntakeOrEngineRest() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    var intake = http.postForEntity("/api/privacy/requests",
        new HttpEntity<>("{\"type\":\"OPT_OUT_SIGNALS\",\"deviceId\":\"asked-for-a-batch\"}", headers), JsonNode.class);
    assertThat(intake.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(intake.getBody().path("fields").path("type").asText()).contains("batches");
    var rest = http.withBasicAuth("demo", "demo").postForEntity("/engine-rest/process-definition/key/opt-out-signals/start",
        new HttpEntity<>("{\"businessKey\":\"CCPA-20261120-0000BEEF\"}", headers), String.class);
    assertThat(rest.getStatusCode().is4xxClientError()).as(rest.getBody()).isTrue();
    assertThat(jdbc.queryForObject("select count(*) from privacy_case where request_id = 'CCPA-20261120-0000BEEF'", Integer.class)).isZero();
  }

  private YearMetrics.Row optOuts(int year) {
    return metrics.forYear(year).types().stream().filter(r -> r.type() == RequestGroup.OPT_OUT).findFirst().orElseThrow();
  }

  /** The tests share one database: seal whatever another test left waiting, as of {@code at}. */
  private void sealWhatIsWaiting(Instant at) {
    at(at.plus(Duration.ofDays(365)));
    while (!seal().isEmpty()) {
      // sealed
    }
    at(at);
  }

  private void signals(String prefix, int n, String account) {
    preferences.recordSignals(
        IntStream.range(0, n).mapToObj(i -> new SignalLog.Signal(prefix + "-device-" + i, account)).toList(),
        SignalLog.Source.EDGE);
  }

  private List<RequestId> seal() {
    return batches.sealDue(4, Duration.ofMinutes(15));
  }

  private static void at(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }
}
