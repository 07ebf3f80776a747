package com.privacycasemanager.postgres;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.notification.WebhookSigner;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.support.CaseTestSupport;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import com.privacycasemanager.preferencestore.SignalLog;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.core.Ordered;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.TestExecutionListeners;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Whole flows on real PostgreSQL, the demo business's shop and marketing tables included. The
 * opt-out flow with the {@code postgres} profile (and therefore
 * non-demo credentials): intake, acknowledgement mail, a webhook recipient, a callback recipient,
 * a recipient notified by hand in Tasklist's API, confirmation, and the preference check. A request
 * to know: the emailed link confirmed on its page, review through the REST API, the package
 * collected from PostgreSQL and downloaded. After a partial deletion, a request to know still finds
 * the kept orders by the keyed hash; an agent's upload after the case started is on file for the
 * review (the verification row lock on PostgreSQL). Each run
 * creates its own database and drops it afterwards.
 */
@ActiveProfiles("postgres")
@DirtiesContext
@TestExecutionListeners(listeners = PostgresFlowsTest.DropDatabase.class, mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class PostgresFlowsTest extends CaseTestSupport {

  static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  static final String DATABASE = "pcm_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);

  @Autowired TestRestTemplate http;
  @Autowired java.time.Clock clock;
  @Autowired com.privacycasemanager.preferencestore.PreferenceStore preferences;
  @Autowired com.privacycasemanager.signal.SignalBatches signalBatches;
  @Autowired JdbcTemplate jdbc;
  @Autowired CaseRepository cases;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired Secrets secrets;
  @Autowired com.privacycasemanager.records.AuditVerifier auditVerifier;
  @Autowired org.springframework.transaction.PlatformTransactionManager transactionManager;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    execute("create database " + DATABASE);
    registry.add("spring.datasource.url", () -> SERVER + DATABASE);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
    registry.add("camunda.bpm.admin-user.id", () -> "it-admin");
    registry.add("camunda.bpm.admin-user.password", () -> "it-admin-password-1");
    registry.add("privacy.secret", () -> "integration-test-secret-" + UUID.randomUUID());
    registry.add("privacy.staff.users[0].id", () -> "it-reviewer");
    registry.add("privacy.staff.users[0].password", () -> "it-reviewer-password-1");
    registry.add("privacy.staff.users[0].groups[0]", () -> "privacy-reviewers");
    registry.add("privacy.staff.users[1].id", () -> "it-adsystem");
    registry.add("privacy.staff.users[1].password", () -> "it-adsystem-password-1");
    registry.add("privacy.staff.users[1].groups[0]", () -> "preference-api");
    registry.add("privacy.data-map.location", () -> "classpath:data-map-test.yml");
    registry.add("privacy.demo-business.enabled", () -> "true");
    registry.add("privacy.demo-business.customers", () -> "50");
    registry.add("spring.mail.host", () -> "localhost");
    registry.add("camunda.bpm.job-execution.enabled", () -> "false");
  }

  /**
   * Drops the database after Spring closed this class's context ({@code @DirtiesContext}): after
   * callbacks run in reverse order, so the listener with the highest precedence runs last.
   */
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

  @Test
  void anOptOutRunsEndToEndOnPostgres() throws Exception {
    assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
    assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class)).isPositive();
    recipients.stubFor(post(urlPathEqualTo("/hooks/ad-network")).willReturn(aResponse().withStatus(200)));
    recipients.stubFor(post(urlPathEqualTo("/hooks/analytics")).willReturn(aResponse().withStatus(202)));

    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> accepted = http.postForEntity(
        "/api/privacy/requests",
        new HttpEntity<>("{\"type\":\"OPT_OUT_ALL\",\"email\":\"pg.consumer@example.com\",\"name\":\"Pg Consumer\"}", headers),
        JsonNode.class);
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    RequestId id = new RequestId(accepted.getBody().path("requestId").asText());
    assertThat(check("pg.consumer@example.com").path("saleAllowed").asBoolean()).isFalse();
    assertThat(check("pg.consumer@example.com").path("sharingAllowed").asBoolean()).isFalse();

    ProcessInstance optOut = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id.value()).singleResult();
    caseJobs.runDueJobs(optOut);
    assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
    ProcessInstance notify = runtime.createProcessInstanceQuery().superProcessInstanceId(optOut.getId()).singleResult();
    caseJobs.runDueJobs(notify);
    assertThat(notify).isWaitingAt("Task_AwaitAcknowledgement", "Task_NotifyRecipientByHand");

    // the callback recipient acknowledges, signed with its secret
    byte[] ack = ("{\"deliveryKey\":\"" + id.value() + ":analytics\"}").getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    HttpHeaders signed = new HttpHeaders();
    signed.setContentType(MediaType.APPLICATION_JSON);
    signed.set(WebhookSigner.TIMESTAMP_HEADER, String.valueOf(now));
    signed.set(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign("test-webhook-secret-analytics", now, ack));
    assertThat(http.postForEntity("/api/recipients/analytics/acknowledgements", new HttpEntity<>(ack, signed), String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    // a reviewer records the notice given by hand, through the REST API Tasklist uses
    String taskId = processEngine.getTaskService().createTaskQuery().processInstanceId(notify.getId()).singleResult().getId();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.withBasicAuth("it-reviewer", "it-reviewer-password-1").postForEntity(
            "/engine-rest/task/" + taskId + "/complete",
            new HttpEntity<>("{\"variables\":{\"approved\":{\"value\":true},\"reviewNote\":{\"value\":\"Phoned the print shop\"}}}", json),
            String.class).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);

    assertThat(notify).isEnded();
    caseJobs.runDueJobs(optOut);
    assertThat(optOut).isEnded().hasPassed("Task_SendConfirmation", "Event_RequestCompleted");
    var record = cases.get(id);
    assertThat(record.status()).isEqualTo(CaseStatus.COMPLETED);
    assertThat(record.outcome()).isEqualTo(Outcome.FULFILLED);
    assertThat(record.acknowledgedAt()).isNotNull();
    assertThat(jdbc.queryForList(
            "select recipient_id || ':' || status || ':' || acknowledged_by from recipient_delivery where request_id = ? order by recipient_id",
            String.class, id.value()))
        .containsExactly("ad-network:ACKNOWLEDGED:recipient", "analytics:ACKNOWLEDGED:recipient", "print-shop:ACKNOWLEDGED:staff:it-reviewer");
    // nothing personal anywhere in the engine's tables
    for (String table : List.of("act_hi_varinst", "act_ru_variable", "act_hi_detail")) {
      assertThat(jdbc.queryForObject("select count(*) from " + table + " where text_ like '%pg.consumer%'", Integer.class))
          .as(table).isZero();
    }
  }

  @Test
  void aRestStartOnPostgresKeepsPersonalDataOutOfTheEngine() {
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> started = http.withBasicAuth("it-admin", "it-admin-password-1").postForEntity(
        "/engine-rest/process-definition/key/opt-out/start",
        new HttpEntity<>("{\"variables\":{\"email\":{\"value\":\"pg.rest@example.com\"},\"phone\":{\"value\":\"+1 415 555 0100\"}}}", json),
        JsonNode.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    RequestId id = new RequestId(started.getBody().path("businessKey").asText());
    assertThat(cases.get(id).subject().phone()).isEqualTo("+1 415 555 0100");
    for (String table : List.of("act_hi_varinst", "act_ru_variable", "act_hi_detail")) {
      assertThat(jdbc.queryForObject(
              "select count(*) from " + table + " where text_ like '%pg.rest%' or text_ like '%555 0100%'", Integer.class))
          .as(table).isZero();
    }
  }

  @Test
  void aDeletionRunsEndToEndOnPostgres() throws Exception {
    Long customer = jdbc.queryForObject("select min(o.customer_id) from orders o where o.customer_id > 20 and o.status <> 'FULFILLED'"
        + " and exists (select 1 from activity_log a where a.customer_id = o.customer_id)", Long.class);
    String email = DemoBusiness.customerEmail(customer);
    var person = jdbc.queryForMap("select full_name, street, postal_code, ssn from customers where id = ?", customer);
    int activity = jdbc.queryForObject("select count(*) from activity_log where customer_id = ?", Integer.class, customer);
    int orders = jdbc.queryForObject("select count(*) from orders where customer_id = ?", Integer.class, customer);
    long othersBefore = jdbc.queryForObject("select count(*) from activity_log where customer_id <> ?", Long.class, customer);
    recipients.stubFor(post(urlPathEqualTo("/hooks/ad-network")).willReturn(aResponse().withStatus(200)));
    recipients.stubFor(post(urlPathEqualTo("/hooks/analytics")).willReturn(aResponse().withStatus(202)));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> accepted = http.postForEntity("/api/privacy/requests", new HttpEntity<>(
        "{\"type\":\"DELETE\",\"email\":\"" + email + "\",\"dataPoints\":{\"name\":\"" + person.get("full_name")
            + "\",\"postalCode\":\"" + person.get("postal_code") + "\",\"street\":\"" + person.get("street") + "\"},"
            + "\"declaration\":{\"signedName\":\"" + person.get("full_name") + "\",\"accepted\":true}}", headers), JsonNode.class);
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    RequestId id = new RequestId(accepted.getBody().path("requestId").asText());
    confirmByEmail(id);

    var task = processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(id.value())
        .taskDefinitionKey("Task_ReviewDeletion").singleResult();
    assertThat((String) processEngine.getTaskService().getVariable(task.getId(), "deletionPreview"))
        .contains("- activity_log: " + activity + (activity == 1 ? " row" : " rows") + " deleted");
    // as Tasklist sends it: the checklist of legal holds is a JSON variable (empty: no hold)
    assertThat(http.withBasicAuth("it-reviewer", "it-reviewer-password-1").postForEntity(
            "/engine-rest/task/" + task.getId() + "/complete",
            new HttpEntity<>("{\"variables\":{\"approved\":{\"value\":true},\"reviewNote\":{\"value\":\"preview checked\"},"
                + "\"legalHolds\":{\"value\":\"[]\",\"type\":\"Json\"}}}", headers),
            String.class).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    caseJobs.runDueJobs(id);

    assertThat(jdbc.queryForObject("select count(*) from activity_log where customer_id = ?", Integer.class, customer)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from activity_log where customer_id <> ?", Long.class, customer)).isEqualTo(othersBefore);
    assertThat(jdbc.queryForObject("select count(*) from orders where customer_id = ?", Integer.class, customer))
        .as("orders are kept: in delivery, or tax records").isEqualTo(orders);
    var erased = jdbc.queryForMap("select email, full_name, ssn from customers where id = ?", customer);
    assertThat((String) erased.get("email")).startsWith("erased:");
    assertThat(erased.get("full_name")).isNull();
    assertThat(erased.get("ssn")).isNull();
    assertThat(jdbc.queryForObject("select count(*) from erasure_receipt where request_id = ? and action = 'DELETED'", Integer.class, id.value()))
        .isPositive();
    assertThat(cases.get(id).outcome()).isEqualTo(Outcome.PARTIAL);
    assertThat(cases.get(id).status()).as("analytics still has to call back").isEqualTo(CaseStatus.IN_EFFECT);
    for (String column : List.of("act_hi_varinst.text_", "act_hi_varinst.text2_", "act_ru_variable.text_", "act_hi_detail.text_",
        "act_ru_job.exception_msg_", "act_hi_incident.incident_msg_")) {
      String[] parts = column.split("\\.");
      assertThat(jdbc.queryForObject("select count(*) from " + parts[0] + " where " + parts[1] + " like ?", Integer.class, "%" + email + "%"))
          .as(column).isZero();
    }
  }

  @Test
  void aRequestToKnowRunsEndToEndOnPostgres() throws Exception {
    String email = DemoBusiness.customerEmail(1);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> accepted = http.postForEntity(
        "/api/privacy/requests",
        new HttpEntity<>("{\"type\":\"KNOW_SPECIFIC\",\"email\":\"" + email + "\",\"includeBeyond12Months\":true,"
            + "\"dataPoints\":{\"name\":\"Alex Rivera\",\"postalCode\":\"90401\",\"street\":\"12 Ocean Avenue\"},"
            + "\"declaration\":{\"signedName\":\"Alex Rivera\",\"accepted\":true}}", headers),
        JsonNode.class);
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    RequestId id = new RequestId(accepted.getBody().path("requestId").asText());
    confirmByEmail(id);

    var task = processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(id.value())
        .taskDefinitionKey("Task_ReviewDisclosure").singleResult();
    assertThat((String) processEngine.getTaskService().getVariable(task.getId(), "reviewSummary")).contains("Online shop / customers: 1 row");
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.withBasicAuth("it-reviewer", "it-reviewer-password-1").postForEntity(
            "/engine-rest/task/" + task.getId() + "/complete",
            new HttpEntity<>("{\"variables\":{\"approved\":{\"value\":true},\"reviewNote\":{\"value\":\"released\"}}}", json),
            String.class).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    caseJobs.runDueJobs(id);
    assertThat(cases.get(id).outcome()).isEqualTo(Outcome.FULFILLED);

    ResponseEntity<byte[]> zip = http.getForEntity(
        "/api/privacy/requests/" + id.value() + "/package?token=" + secrets.statusToken(id), byte[].class);
    assertThat(zip.getStatusCode()).isEqualTo(HttpStatus.OK);
    String json0 = null;
    String ordersCsv = null;
    try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.getBody()))) {
      java.util.zip.ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (entry.getName().equals("personal-information.json")) {
          json0 = text;
        } else if (entry.getName().equals("csv/shop-orders.csv")) {
          ordersCsv = text;
        }
      }
    }
    assertThat(json0).contains(email).contains("Email marketing").contains("collected; value withheld");
    int orders = jdbc.queryForObject("select count(*) from orders where customer_id = 1 and ordered_at >= '2022-01-01'", Integer.class);
    assertThat(ordersCsv == null ? 0 : ordersCsv.split("\r\n").length - 1).isEqualTo(orders);
    for (String table : List.of("act_hi_varinst", "act_ru_variable", "act_hi_detail")) {
      assertThat(jdbc.queryForObject("select count(*) from " + table
              + " where text_ like '%alex.rivera%' or text_ like '%90401%' or text_ like '%Ocean%'", Integer.class))
          .as(table).isZero();
    }
  }

  @Test
  void aRequestToAccessAdmtRunsEndToEndOnPostgres() throws Exception {
    long customer = 1;
    String email = DemoBusiness.customerEmail(customer);
    var held = jdbc.queryForMap("select full_name, postal_code, street from customers where id = ?", customer);
    int decisions = jdbc.queryForObject("select count(*) from financing_decisions where customer_id = ?", Integer.class, customer);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> accepted = http.postForEntity("/api/privacy/requests",
        new HttpEntity<>("{\"type\":\"ADMT_ACCESS\",\"email\":\"" + email + "\",\"dataPoints\":{\"name\":\"" + held.get("full_name")
            + "\",\"postalCode\":\"" + held.get("postal_code") + "\",\"street\":\"" + held.get("street") + "\"},"
            + "\"declaration\":{\"signedName\":\"" + held.get("full_name") + "\",\"accepted\":true}}", headers), JsonNode.class);
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    RequestId id = new RequestId(accepted.getBody().path("requestId").asText());
    confirmByEmail(id);

    var task = processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(id.value())
        .taskDefinitionKey("Task_ReviewAdmtAnswer").singleResult();
    assertThat(task).as("verified to a reasonably high degree, waiting for review").isNotNull();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    // what the complete listener refuses stays refused through engine-rest too
    assertThat(http.withBasicAuth("it-reviewer", "it-reviewer-password-1").postForEntity(
            "/engine-rest/task/" + task.getId() + "/complete",
            new HttpEntity<>("{\"variables\":{\"approved\":{\"value\":true},\"reviewNote\":{\"value\":\"ok\"},"
                + "\"withholdColumns\":{\"value\":\"logic\"},\"withholdGround\":{\"value\":\"TRADE_SECRET\"},"
                + "\"withholdBasis\":{\"value\":\"x\"}}}", json), String.class).getStatusCode().is2xxSuccessful())
        .isFalse();
    assertThat(http.withBasicAuth("it-reviewer", "it-reviewer-password-1").postForEntity(
            "/engine-rest/task/" + task.getId() + "/complete",
            new HttpEntity<>("{\"variables\":{\"approved\":{\"value\":true},\"reviewNote\":{\"value\":\"released\"},"
                + "\"withholdColumns\":{\"value\":\"model_version\"},\"withholdGround\":{\"value\":\"TRADE_SECRET\"},"
                + "\"withholdBasis\":{\"value\":\"The model version is confidential.\"}}}", json), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    caseJobs.runDueJobs(id);

    var record = cases.get(id);
    assertThat(record.outcome()).isEqualTo(Outcome.PARTIAL);
    assertThat(record.denialBasis()).contains("model_version");
    assertThat(jdbc.queryForObject("select withheld from admt_answer where request_id = ?", String.class, id.value()))
        .contains("model_version").contains("confidential");
    byte[] sealed = jdbc.queryForObject("select content from admt_answer where request_id = ?", byte[].class, id.value());
    assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).as("encrypted at rest").doesNotContain("pay-later");
    JsonNode answer = http.getForObject("/api/privacy/requests/" + id.value() + "/admt-answer?token=" + secrets.statusToken(id), JsonNode.class);
    JsonNode payLater = answer.path("uses").get(0);
    assertThat(payLater.path("useId").asText()).isEqualTo("pay-later");
    assertThat(payLater.path("outputs").path("total").asInt()).isEqualTo(decisions);
    boolean aggregated = payLater.path("outputs").path("inPeriod").asInt() > 4;
    assertThat(payLater.path("outputs").path("aggregate").isNull() || payLater.path("outputs").path("aggregate").isMissingNode())
        .isEqualTo(!aggregated);
    assertThat(payLater.path("withheld").get(0).path("basis").asText()).isEqualTo("The model version is confidential.");
    assertThat(jdbc.queryForObject("select count(*) from act_hi_varinst where text_ like ?", Integer.class, "%" + email + "%")).isZero();
  }

  @Test
  void anAppealOfAnAdmtDecisionIsWrittenBackOnPostgres() throws Exception {
    long customer = 1;
    String email = DemoBusiness.customerEmail(customer);
    var held = jdbc.queryForMap("select postal_code, street from customers where id = ?", customer);
    long review = jdbc.queryForObject("select max(id) from credit_line_reviews where customer_id = ?", Long.class, customer);
    recipients.stubFor(post(urlPathEqualTo("/hooks/crm")).willReturn(aResponse().withStatus(200)));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> accepted = http.postForEntity("/api/privacy/requests",
        new HttpEntity<>("{\"type\":\"ADMT_APPEAL\",\"email\":\"" + email + "\",\"dataPoints\":{\"postalCode\":\""
            + held.get("postal_code") + "\",\"street\":\"" + held.get("street") + "\"},\"appeal\":{\"use\":\"credit-line\","
            + "\"decision\":\"" + review + "\",\"statement\":\"I paid on time.\"}}", headers), JsonNode.class);
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    RequestId id = new RequestId(accepted.getBody().path("requestId").asText());
    caseJobs.runDueJobs(id);

    var task = processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(id.value())
        .taskDefinitionKey("Task_ReviewAppeal").singleResult();
    assertThat(task).as("verified by two details, waiting for the credit team").isNotNull();
    assertThat(processEngine.getTaskService().getIdentityLinksForTask(task.getId()))
        .anyMatch(l -> "credit-reviewers".equals(l.getGroupId()));
    processEngine.getTaskService().complete(task.getId(),
        java.util.Map.of("appealOutcome", "OVERTURNED", "appealReasons", "Paid on time; the line is restored."));
    caseJobs.runDueJobs(id);

    assertThat(cases.get(id).outcome()).isEqualTo(Outcome.FULFILLED);
    assertThat(jdbc.queryForObject("select appeal_outcome from credit_line_reviews where id = ?", String.class, review))
        .isEqualTo("OVERTURNED");
    assertThat(jdbc.queryForObject("select outcome || ':' || written_back from admt_appeal where request_id = ?", String.class, id.value()))
        .isEqualTo("OVERTURNED:true");
    assertThat(jdbc.queryForObject("select count(*) from act_hi_varinst where text_ like '%paid on time%'", Integer.class)).isZero();
  }

  @Test
  void aCorrectionRunsEndToEndOnPostgres() throws Exception {
    long customer = 13;
    String email = DemoBusiness.customerEmail(customer);
    var held = jdbc.queryForMap("select full_name, phone, street from customers where id = ?", customer);
    recipients.stubFor(post(urlPathEqualTo("/hooks/crm")).willReturn(aResponse().withStatus(200)));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> accepted = http.postForEntity(
        "/api/privacy/requests",
        new HttpEntity<>("{\"type\":\"CORRECT\",\"email\":\"" + email + "\","
            + "\"corrections\":{\"postalCode\":\"94110\",\"birthDate\":\"03/14/1985\"},"
            + "\"dataPoints\":{\"name\":\"" + held.get("full_name") + "\",\"phone\":\"" + held.get("phone") + "\",\"street\":\""
            + held.get("street") + "\"},\"declaration\":{\"signedName\":\"" + held.get("full_name") + "\",\"accepted\":true}}", headers),
        JsonNode.class);
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    RequestId id = new RequestId(accepted.getBody().path("requestId").asText());
    confirmByEmail(id);

    var task = processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(id.value())
        .taskDefinitionKey("Task_ReviewCorrection").singleResult();
    assertThat(task).as("verified without the contested data, waiting for review").isNotNull();
    // as Tasklist submits a checklist: a JSON variable
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.withBasicAuth("it-reviewer", "it-reviewer-password-1").postForEntity(
            "/engine-rest/task/" + task.getId() + "/complete",
            new HttpEntity<>("{\"variables\":{\"approved\":{\"value\":true},\"reviewNote\":{\"value\":\"statement attached\"},"
                + "\"deleteInstead\":{\"value\":false},"
                + "\"approvedFields\":{\"value\":\"[\\\"postalCode\\\",\\\"birthDate\\\"]\",\"type\":\"Json\"}}}", json),
            String.class).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    caseJobs.runDueJobs(id);

    var record = cases.get(id);
    assertThat(record.outcome()).isEqualTo(Outcome.FULFILLED);
    assertThat(jdbc.queryForMap("select postal_code, birth_date from customers where id = ?", customer))
        .containsEntry("postal_code", "94110").containsEntry("birth_date", java.sql.Date.valueOf("1985-03-14"));
    assertThat(jdbc.queryForObject("select postal_code from subscribers where email = ?", String.class, email)).isEqualTo("94110");
    assertThat(jdbc.queryForObject("select count(*) from customers where postal_code = '94110' and id <> ?", Integer.class, customer)).isZero();
    assertThat(jdbc.queryForList("select recipient_id || ':' || status from recipient_delivery where request_id = ?", String.class, id.value()))
        .containsExactly("crm:ACKNOWLEDGED");
    for (String table : List.of("act_hi_varinst", "act_ru_variable", "act_hi_detail")) {
      assertThat(jdbc.queryForObject("select count(*) from " + table
              + " where text_ like '%94110%' or text_ like '%1985%' or text_ like '%" + email + "%'", Integer.class))
          .as(table).isZero();
    }
  }

  @Test
  void aRequestToKnowAfterAPartialDeletionFindsTheKeptOrdersOnPostgres() throws Exception {
    Long customer = jdbc.queryForObject("select min(customer_id) from orders where customer_id between 3 and 12"
        + " and status not in ('FULFILLED', 'CANCELLED')", Long.class);
    assertThat(customer).as("a customer with an order being delivered").isNotNull();
    String email = DemoBusiness.customerEmail(customer);
    var person = jdbc.queryForMap("select full_name, street, postal_code from customers where id = ?", customer);
    recipients.stubFor(post(urlPathEqualTo("/hooks/ad-network")).willReturn(aResponse().withStatus(200)));
    recipients.stubFor(post(urlPathEqualTo("/hooks/analytics")).willReturn(aResponse().withStatus(202)));
    RequestId deletion = submit("{\"type\":\"DELETE\",\"email\":\"" + email + "\",\"dataPoints\":{\"name\":\"" + person.get("full_name")
        + "\",\"postalCode\":\"" + person.get("postal_code") + "\",\"street\":\"" + person.get("street") + "\"},"
        + "\"declaration\":{\"signedName\":\"" + person.get("full_name") + "\",\"accepted\":true}}");
    confirmByEmail(deletion);
    completeAsReviewer(deletion, "Task_ReviewDeletion", "{\"approved\":{\"value\":true},\"reviewNote\":{\"value\":\"ok\"}}");
    caseJobs.runDueJobs(deletion);
    assertThat(cases.get(deletion).outcome()).isEqualTo(Outcome.PARTIAL);
    assertThat(jdbc.queryForObject("select email from customers where id = ?", String.class, customer)).startsWith("erased:");
    int kept = jdbc.queryForObject("select count(*) from orders where customer_id = ? and ordered_at >= '2022-01-01'", Integer.class, customer);
    assertThat(kept).isPositive();

    RequestId know = submit("{\"type\":\"KNOW_CATEGORIES\",\"email\":\"" + email + "\",\"includeBeyond12Months\":true}");
    confirmByEmail(know);
    var task = processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(know.value())
        .taskDefinitionKey("Task_ReviewDisclosure").singleResult();
    assertThat((String) processEngine.getTaskService().getVariable(task.getId(), "reviewSummary"))
        .contains("- Online shop / customers: 1 row")
        .contains("- Online shop / orders: " + kept + (kept == 1 ? " row" : " rows"))
        .contains("Sensitive personal information");
  }

  @Test
  void anAgentsLaterUploadIsOnFileWhenTheReviewOpensOnPostgres() throws Exception {
    ResponseEntity<JsonNode> accepted = submitRequest("{\"type\":\"KNOW_CATEGORIES\",\"email\":\"pg.agent.client@example.com\","
        + "\"agent\":{\"name\":\"Pg Agent\",\"permission\":true}}");
    RequestId id = new RequestId(accepted.getBody().path("requestId").asText());
    caseJobs.runDueJobs(id);
    assertThat(processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(id.value()).count())
        .as("the review waits for the upload").isZero();

    org.springframework.util.LinkedMultiValueMap<String, Object> form = new org.springframework.util.LinkedMultiValueMap<>();
    HttpHeaders part = new HttpHeaders();
    part.setContentType(MediaType.APPLICATION_PDF);
    form.add("file", new HttpEntity<>(new org.springframework.core.io.ByteArrayResource("%PDF-1.4 signed".getBytes()) {
      @Override
      public String getFilename() {
        return "permission.pdf";
      }
    }, part));
    HttpHeaders multipart = new HttpHeaders();
    multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
    assertThat(http.postForEntity(accepted.getBody().path("agentPermissionUploadUrl").asText(), new HttpEntity<>(form, multipart),
        String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    var task = processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(id.value())
        .taskDefinitionKey("Task_ReviewAgentPermission").singleResult();
    assertThat(task).isNotNull();
    JsonNode variables = http.withBasicAuth("it-reviewer", "it-reviewer-password-1")
        .getForObject("/engine-rest/task/" + task.getId() + "/form-variables", JsonNode.class);
    assertThat(variables.path("agentPermissionOnFile").path("value").asBoolean()).isTrue();
  }

  private ResponseEntity<JsonNode> submitRequest(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> accepted = http.postForEntity("/api/privacy/requests", new HttpEntity<>(body, headers), JsonNode.class);
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    return accepted;
  }

  private RequestId submit(String body) {
    return new RequestId(submitRequest(body).getBody().path("requestId").asText());
  }

  private void completeAsReviewer(RequestId id, String taskKey, String variables) {
    var task = processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(id.value()).taskDefinitionKey(taskKey).singleResult();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.withBasicAuth("it-reviewer", "it-reviewer-password-1").postForEntity(
            "/engine-rest/task/" + task.getId() + "/complete", new HttpEntity<>("{\"variables\":" + variables + "}", json), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  /** Runs the case up to its emailed link and confirms it the way the consumer's page does (a POST). */
  @Test
  void theAuditChainHoldsUnderConcurrentAppendsAndNamesAnEditOnPostgres() throws Exception {
    var transaction = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
    var threads = java.util.concurrent.Executors.newFixedThreadPool(4);
    List<RequestId> ids = List.of(RequestId.generate(java.time.LocalDate.of(2026, 12, 1)), RequestId.generate(java.time.LocalDate.of(2026, 12, 1)),
        RequestId.generate(java.time.LocalDate.of(2026, 12, 1)), RequestId.generate(java.time.LocalDate.of(2026, 12, 1)));
    try {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (RequestId id : ids) {
        done.add(threads.submit(() -> {
          for (int n = 0; n < 10; n++) {
            transaction.executeWithoutResult(status -> {
              cases.recordEvent(id, "AUDIT_TEST", "in a transaction", Instant.now());
              cases.recordEvent(id, "AUDIT_TEST", "second in it", Instant.now());
            });
            cases.recordEvent(id, "AUDIT_TEST", "on its own", Instant.now());
          }
          return null;
        }));
      }
      for (var f : done) {
        f.get();
      }
    } finally {
      threads.shutdown();
    }
    var valid = auditVerifier.verify();
    assertThat(valid.valid()).as("%s", valid.firstProblem()).isTrue();
    assertThat(valid.entries()).isEqualTo(jdbc.queryForObject("select last_sequence from audit_chain_head", Long.class));
    List<com.privacycasemanager.records.AuditVerifier.StoredEntry> mine = auditVerifier.entries(ids.get(2));
    assertThat(mine).hasSize(30);

    long edited = mine.get(5).entry().sequence();
    jdbc.update("update case_event set detail = 'changed' where sequence_no = ?", edited);
    var broken = auditVerifier.verify();
    assertThat(broken.valid()).isFalse();
    assertThat(broken.firstProblem().problem()).isEqualTo(com.privacycasemanager.records.AuditVerifier.Problem.EDITED);
    assertThat(broken.firstProblem().sequence()).isEqualTo(edited);
    assertThat(broken.firstProblem().requestId()).isEqualTo(ids.get(2).value());
    jdbc.update("update case_event set detail = ? where sequence_no = ?", mine.get(5).entry().detail(), edited);
    assertThat(auditVerifier.verify().valid()).isTrue();
  }

  private void confirmByEmail(RequestId id) throws Exception {
    mail.purgeEmailFromAllMailboxes();
    caseJobs.runDueJobs(id);
    String token = null;
    for (var message : mail.getReceivedMessages()) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("/privacy/verify/\\S+\\?t=(\\S+)").matcher((String) message.getContent());
      if (m.find()) {
        token = m.group(1);
      }
    }
    assertThat(token).as("a confirmation link was mailed").isNotNull();
    HttpHeaders form = new HttpHeaders();
    form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    assertThat(http.postForEntity("/privacy/verify/" + id.value(), new HttpEntity<>("t=" + token, form), String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    caseJobs.runDueJobs(id);
  }

  /** The compliance self-check's overdue query (coalesce of the extended due date, limit) on PostgreSQL. */
  @Test
  void theComplianceSelfCheckFindsOverdueCasesOnPostgres() {
    java.time.OffsetDateTime received = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(60);
    jdbc.update("insert into privacy_case (request_id, request_type, channel, status, received_at, due_at) values (?, 'DELETE', 'API', 'RECEIVED', ?, ?)",
        "CCPA-20200101-0000BEEF", received, received.plusDays(45));
    jdbc.update("insert into privacy_case (request_id, request_type, channel, status, received_at, due_at, extended_due_at) values (?, 'DELETE', 'API', 'RECEIVED', ?, ?, ?)",
        "CCPA-20200101-0000FEED", received, received.plusDays(45), received.plusDays(90));
    JsonNode report = http.withBasicAuth("it-admin", "it-admin-password-1").getForObject("/api/compliance/check", JsonNode.class);
    JsonNode overdue = null;
    for (JsonNode check : report.path("checks")) {
      if (check.path("id").asText().equals("no-overdue-cases")) {
        overdue = check;
      }
    }
    assertThat(overdue).isNotNull();
    assertThat(overdue.path("passed").asBoolean()).isFalse();
    assertThat(overdue.path("found").asText()).contains("CCPA-20200101-0000BEEF").doesNotContain("CCPA-20200101-0000FEED");
    jdbc.update("delete from privacy_case where request_id in ('CCPA-20200101-0000BEEF', 'CCPA-20200101-0000FEED')");
  }

  /**
   * The per-browser de-duplication is the database's: eight connections (as many nodes) record the
   * same browser's first signal at the same moment, and one row is written, one of them new.
   */
  @Test
  void aBrowsersFirstSignalReachingEveryNodeAtOnceIsOneRecord() throws Exception {
    List<Integer> fresh = atOnce(8, () -> preferences.recordSignals(
        List.of(new SignalLog.Signal("pg-race-device-1", null), new SignalLog.Signal("pg-race-device-2", "acct:pg-race")),
        SignalLog.Source.EDGE).newBrowsers());
    assertThat(fresh.stream().mapToInt(Integer::intValue).sum()).as("each browser new exactly once").isEqualTo(2);
    assertThat(jdbc.queryForObject("select count(*) from opt_out_signal where device_id like 'pg-race-device-%'", Integer.class))
        .isEqualTo(2);
    assertThat(jdbc.queryForObject("select count(*) from privacy_case where subject_device_id like 'pg-race-device-%'", Integer.class))
        .isZero();
    JsonNode account = http.withBasicAuth("it-adsystem", "it-adsystem-password-1")
        .getForObject("/api/preferences/check?accountId=acct:pg-race", JsonNode.class);
    assertThat(account.path("saleAllowed").asBoolean()).isFalse();
  }

  /**
   * The same consumer's first opt-out reaching every node at once: each request is accepted (a
   * case each, as each is a request), the consumer's preference is one state row.
   */
  @Test
  void theSameConsumersFirstOptOutOnEveryConnectionAtOnceIsOneState() throws Exception {
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    List<Integer> statuses = atOnce(8, () -> http.postForEntity("/api/privacy/requests",
        new HttpEntity<>("{\"type\":\"OPT_OUT_ALL\",\"email\":\"pg.race.consumer@example.com\"}", headers), String.class)
        .getStatusCode().value());
    assertThat(statuses).containsOnly(202);
    assertThat(jdbc.queryForObject("select count(*) from preference_state where identifier_key = ?", Integer.class,
            preferences.keyOf(com.privacycasemanager.preferencestore.Identifier.email("pg.race.consumer@example.com"))))
        .as("sale and sharing, one row each").isEqualTo(2);
    assertThat(check("pg.race.consumer@example.com").path("saleAllowed").asBoolean()).isFalse();
  }

  /** Two nodes looking for a due batch at once seal it once: one case, each signal in it. */
  @Test
  void twoNodesSealingAtOnceSealEachSignalOnce() throws Exception {
    // whatever earlier tests left waiting is sealed first, so only this test's signals remain
    jdbc.update("update opt_out_signal set batch_id = 0 where batch_id is null");
    Instant received = clock.instant().minus(java.time.Duration.ofMinutes(20));
    int year = received.atZone(java.time.ZoneId.of("America/Los_Angeles")).getYear();
    int optOutsBefore = optOutsReceived(year);
    jdbc.update("insert into opt_out_signal (device_id, account_id, received_at, source)"
        + " select 'pg-seal-' || g, '', ?, 'EDGE' from generate_series(1, 500) g",
        java.sql.Timestamp.from(received));
    List<RequestId> sealed = atOnce(2, signalBatches::sealDue).stream().flatMap(List::stream).toList();
    assertThat(sealed).as("one batch, sealed by one of the two").hasSize(1);
    assertThat(jdbc.queryForObject("select signals from signal_batch where request_id = ?", Integer.class, sealed.get(0).value()))
        .isEqualTo(500);
    assertThat(jdbc.queryForObject(
            "select count(distinct batch_id) from opt_out_signal where device_id like 'pg-seal-%'", Integer.class))
        .isEqualTo(1);
    assertThat(cases.get(sealed.get(0)).type().name()).isEqualTo("OPT_OUT_SIGNALS");
    assertThat(optOutsReceived(year) - optOutsBefore).as("the metrics count each signal as a request to opt out").isEqualTo(500);
  }

  /**
   * Financial incentive consents on PostgreSQL: the same consumer's opt-in reaching every
   * connection at once is one consent record per call and one state per name; the check answers
   * it; the records API counts them; the retention purge's statement runs.
   */
  @Test
  void incentiveConsentsAreRecordedCheckedCountedAndPurgedOnPostgres() throws Exception {
    String version = http.getForObject("/api/privacy/incentives/rewards", JsonNode.class).path("version").asText();
    assertThat(version).matches("[0-9a-f]{12}");
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    String body = "{\"program\":\"rewards\",\"decision\":\"OPT_IN\",\"email\":\"pg.member@example.com\",\"noticeVersion\":\""
        + version + "\",\"channel\":\"WEB\"}";
    List<Integer> statuses = atOnce(4, () -> http.withBasicAuth("it-admin", "it-admin-password-1")
        .postForEntity("/api/incentives/consents", new HttpEntity<>(body, headers), String.class).getStatusCode().value());
    assertThat(statuses).containsOnly(201);
    String key = preferences.keyOf(com.privacycasemanager.preferencestore.Identifier.email("pg.member@example.com"));
    assertThat(jdbc.queryForObject("select count(*) from incentive_consent_identifier where identifier_key = ?", Integer.class, key))
        .as("each call is a record").isEqualTo(4);
    assertThat(jdbc.queryForList("select preference from preference_state where identifier_key = ? order by preference", String.class, key))
        .containsExactly("INCENTIVE-ASK:rewards", "INCENTIVE:rewards");
    assertThat(check("pg.member@example.com").path("incentives").path("rewards").asText()).isEqualTo("enrolled");

    JsonNode records = http.withBasicAuth("it-admin", "it-admin-password-1").getForObject("/api/audit/incentives", JsonNode.class);
    assertThat(records.path("counts").path("rewards").path("OPT_IN").asLong()).isGreaterThanOrEqualTo(4);
    assertThat(records.path("records").size()).isGreaterThanOrEqualTo(4);

    // 30 months ago the same consumer opted in (an id before the later decisions): replaced by them, past retention
    java.sql.Timestamp old = java.sql.Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(915)));
    jdbc.update("insert into incentive_consent (id, program_id, decision, notice_version, channel, decided_at, recorded_at)"
        + " values (-1, 'rewards', 'OPT_IN', 'v-old', 'WEB', ?, ?)", old, old);
    jdbc.update("insert into incentive_consent_identifier (consent_id, identifier_type, identifier_key) values (-1, 'EMAIL', ?)", key);
    recordsRetention.purge();
    assertThat(jdbc.queryForObject("select count(*) from incentive_consent where id = -1", Integer.class)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from incentive_consent_identifier where identifier_key = ?", Integer.class, key))
        .as("the decisions in force stay").isEqualTo(4);
  }

  @Autowired com.privacycasemanager.records.RecordsRetention recordsRetention;

  /** Runs {@code work} on {@code n} threads released at the same moment (as many nodes); their results. */
  private static <T> List<T> atOnce(int n, java.util.concurrent.Callable<T> work) throws Exception {
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(n);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
    try {
      List<java.util.concurrent.Future<T>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(pool.submit(() -> {
          together.await();
          return work.call();
        }));
      }
      List<T> results = new java.util.ArrayList<>();
      for (var future : futures) {
        results.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Camunda's own acquisition query, with 2,000 timers not due for days (what open cases hold),
   * 20 jobs locked by another node and 3 due (a century ago, so that they come before any job
   * other tests of this class left): it finds the 3 and reads a few dozen job rows, not the
   * table. Counted in {@code pg_stat_xact_user_tables}, the current transaction's own counters, so
   * nothing else running in the database moves the figure. Before {@code JobAcquisitionPlugin} the
   * same query read every row of the table twice (about 4,000 here).
   */
  @Test
  void theJobAcquisitionReadsTheDueAndLockedJobsNotEveryTimer() {
    var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    assertThat(configuration.isEnsureJobDueDateNotNull()).isTrue();
    assertThat(jdbc.queryForList("select indexname from pg_indexes where tablename = 'act_ru_job' and indexname like 'pcm_%' order by 1", String.class))
        .containsExactly("pcm_idx_job_due", "pcm_idx_job_locked");
    String run = "acq-" + UUID.randomUUID().toString().substring(0, 8);
    String job = "insert into act_ru_job (id_, rev_, type_, exclusive_, process_instance_id_, retries_, duedate_, handler_type_, suspension_state_, priority_, lock_owner_, lock_exp_time_)"
        + " select ? || '-' || ? || '-' || g, 1, ?, true, ? || '-' || ? || '-' || g, 3, now() + cast(? as interval), ?, 1, 0, ?, now() + cast(? as interval) from generate_series(1, ?) g";
    try {
      jdbc.update(job, run, "timer", "timer", run, "timer", "10 days", "timer-transition", null, "0 s", 2000);
      jdbc.update(job, run, "locked", "message", run, "locked", "-36500 days", "async-continuation", "other-node", "5 minutes", 20);
      jdbc.update(job, run, "due", "message", run, "due", "-36500 days", "async-continuation", null, "0 s", 3);
      jdbc.update("update act_ru_job set lock_exp_time_ = null where id_ like ? and lock_owner_ is null", run + "-%");
      jdbc.execute("analyze act_ru_job");
      var transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
      record Acquisition(List<String> ids, long rowsRead) {}
      Acquisition acquisition = transactions.execute(status -> {
        String read = "select coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) from pg_stat_xact_user_tables where relname = 'act_ru_job'";
        long before = jdbc.queryForObject(read, Long.class);
        List<String> ids = configuration.getCommandExecutorTxRequired().execute(context ->
            context.getJobManager().findNextJobsToExecute(new org.camunda.bpm.engine.impl.Page(0, 3)).stream()
                .map(org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity::getId).sorted().toList());
        return new Acquisition(ids, jdbc.queryForObject(read, Long.class) - before);
      });
      assertThat(acquisition.ids()).containsExactly(run + "-due-1", run + "-due-2", run + "-due-3");
      assertThat(acquisition.rowsRead()).as("job rows the acquisition read").isLessThan(200);
    } finally {
      jdbc.update("delete from act_ru_job where id_ like ?", run + "-%");
    }
  }

  /**
   * Two nodes' job acquisitions at the same moment ({@code AcquisitionTurnsPlugin}): 60 process
   * instances with two exclusive jobs each, due a century ago so that they come before any job
   * other tests of this class left, acquired three at a time by two threads released together
   * until none is left. No acquisition loses a lock to the other, and no instance has jobs in two
   * acquisitions: Camunda's exclusive-job rule holds across them. Without the turns both threads
   * read the same oldest jobs, and one loses most of its locks.
   */
  @Test
  void twoNodesAcquiringAtOnceNeverSplitAnInstancesExclusiveJobs() throws Exception {
    var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    var jobExecutor = configuration.getJobExecutor();
    assertThat(jobExecutor.getAcquireJobsCmdFactory()).isInstanceOf(com.privacycasemanager.engine.AcquisitionTurnsPlugin.Turns.class);
    String run = "turn-" + UUID.randomUUID().toString().substring(0, 8);
    jdbc.update("insert into act_ru_job (id_, rev_, type_, exclusive_, process_instance_id_, retries_, duedate_, handler_type_, suspension_state_, priority_)"
        + " select ? || '-' || i || '-' || j, 1, 'message', true, ? || '-' || i, 3, now() - interval '36500 days' + i * interval '1 s', 'async-continuation', 1, 0"
        + " from generate_series(1, 60) i, generate_series(1, 2) j", run, run);
    List<String> othersLocked = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    try {
      record Acquired(int failedToLock, List<List<String>> batches) {}
      // each thread until an acquisition finds none of these jobs left to lock
      List<List<Acquired>> byThread = atOnce(2, () -> {
        List<Acquired> acquisitions = new java.util.ArrayList<>();
        List<List<String>> ours;
        do {
          var jobs = configuration.getCommandExecutorTxRequired().execute(jobExecutor.getAcquireJobsCmd(3));
          ours = jobs.getJobIdBatches().stream()
              .map(batch -> batch.stream().filter(id -> id.startsWith(run)).toList()).filter(b -> !b.isEmpty()).toList();
          jobs.getJobIdBatches().stream().flatMap(List::stream).filter(id -> !id.startsWith(run)).forEach(othersLocked::add);
          acquisitions.add(new Acquired(jobs.getNumberOfJobsFailedToLock(), ours));
        } while (!ours.isEmpty());
        return acquisitions;
      });
      List<Acquired> all = byThread.stream().flatMap(List::stream).toList();
      assertThat(all).extracting(Acquired::failedToLock).as("locks lost to the other acquisition").containsOnly(0);
      java.util.Map<String, Integer> acquisitionsPerInstance = new java.util.HashMap<>();
      for (Acquired acquired : all) {
        acquired.batches().stream().flatMap(List::stream).map(id -> id.substring(0, id.lastIndexOf('-'))).distinct()
            .forEach(instance -> acquisitionsPerInstance.merge(instance, 1, Integer::sum));
      }
      assertThat(acquisitionsPerInstance).as("instances with exclusive jobs locked").hasSize(60);
      assertThat(acquisitionsPerInstance.values()).as("acquisitions that locked jobs of one instance").containsOnly(1);
      assertThat(byThread).as("both took part").allSatisfy(acquisitions ->
          assertThat(acquisitions.stream().mapToInt(a -> a.batches().size()).sum()).isPositive());
    } finally {
      jdbc.update("delete from act_ru_job where id_ like ?", run + "-%");
      // jobs other tests left, locked once these were gone: as they were
      for (String id : othersLocked) {
        jdbc.update("update act_ru_job set lock_owner_ = null, lock_exp_time_ = null where id_ = ?", id);
      }
    }
  }

  private int optOutsReceived(int year) {
    for (JsonNode row : http.getForObject("/api/privacy/metrics/" + year, JsonNode.class).path("types")) {
      if (row.path("type").asText().equals("OPT_OUT")) {
        return row.path("received").asInt();
      }
    }
    throw new AssertionError("no OPT_OUT row in the metrics of " + year);
  }

  private JsonNode check(String email) {
    return http.withBasicAuth("it-adsystem", "it-adsystem-password-1")
        .getForObject("/api/preferences/check?email=" + email, JsonNode.class);
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
