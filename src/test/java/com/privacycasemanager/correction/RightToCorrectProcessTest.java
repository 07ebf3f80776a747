package com.privacycasemanager.correction;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.privacycasemanager.datamap.ColumnErasure;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.datamap.KeyedHash;
import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.notification.DeliveryRepository;
import com.privacycasemanager.notification.WebhookSigner;
import com.privacycasemanager.records.AuditVerifier;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.Decisions;
import com.privacycasemanager.support.ProcessTestSupport;
import com.privacycasemanager.verification.IdentityVerification;
import com.privacycasemanager.verification.IdentityVerification.Confirmation;
import com.privacycasemanager.verification.VerificationRepository;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The right-to-correct process with its called verify-identity, response-clock and
 * notify-recipients processes: every path, what changes in the demo shop and marketing systems
 * (and what does not), the instruction to service providers, and the due dates of the clock.
 * Each test works on a demo customer of its own (ids above 100, which no other test uses).
 */
class RightToCorrectProcessTest extends ProcessTestSupport {

  /** Monday 2026-11-02, 10:00 in California. */
  static final Instant RECEIVED = Instant.parse("2026-11-02T18:00:00Z");
  /** Day 30 (receipt day = day 1): Tuesday 2026-12-01, 09:00 PST. */
  static final Instant DAY_30 = Instant.parse("2026-12-01T17:00:00Z");
  /** Day 40: Friday 2026-12-11, 09:00 PST. */
  static final Instant DAY_40 = Instant.parse("2026-12-11T17:00:00Z");
  /** Day 45: Wednesday 2026-12-16, 23:59:59 PST. */
  static final Instant DUE = Instant.parse("2026-12-17T07:59:59Z");
  /** The default 21-day verification window ends on 2026-11-23, 23:59:59 PST. */
  static final Instant WINDOW_END = Instant.parse("2026-11-24T07:59:59Z");

  static final String CRM_SECRET = "test-webhook-secret-crm-000001";
  static final Pattern LINK = Pattern.compile("/privacy/verify/(CCPA-[0-9]{8}-[0-9A-F]{8})\\?t=([A-Za-z0-9_-]+)");

  @Autowired IntakeService intake;
  @Autowired CaseRepository cases;
  @Autowired CorrectionRepository corrections;
  @Autowired IdentityVerification verification;
  @Autowired VerificationRepository verifications;
  @Autowired DeliveryRepository deliveries;
  @Autowired ApplyCorrections applyCorrections;
  @Autowired ColumnErasure columnErasure;
  @Autowired ConnectedSystems systems;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired org.springframework.boot.test.web.client.TestRestTemplate http;
  @Autowired com.privacycasemanager.request.Secrets secrets;
  @Autowired AuditVerifier verifier;

  @Test
  void anApprovedCorrectionIsWrittenInBothSystemsAndPassedToServiceProviders() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    long customer = 103;
    String email = DemoBusiness.customerEmail(customer);
    String newEmail = "Corrected.Address.103@Example.com";
    RequestId id = submit(customer, Map.of("postalCode", "94110", "email", newEmail), threeOtherDataPoints(customer));
    ProcessInstance correct = instance(id);
    assertThat(cases.get(id).dueAt()).isEqualTo(DUE);

    sendMail(correct);
    assertThat(onlyMessage().getSubject()).contains("We received your privacy request " + id.value());
    ProcessInstance clock = called(correct, ProcessKeys.RESPONSE_CLOCK);
    assertThat(timer(clock, "Event_Day30").getDuedate()).isEqualTo(Date.from(DAY_30));
    assertThat(timer(clock, "Event_Day40").getDuedate()).isEqualTo(Date.from(DAY_40));
    assertThat(timer(clock, "Event_ResponseDue").getDuedate()).isEqualTo(Date.from(DUE));

    confirmByEmail(correct, id);
    assertThat(verifications.find(id).orElseThrow().reached().name()).isEqualTo("HIGH");
    assertThat(correct).isWaitingAt("Task_FindConsumerRows");
    execute(job(correct));
    assertThat(correct).isWaitingAt("Task_ReviewCorrection").task().hasCandidateGroup("privacy-reviewers");
    Task review = task(correct);
    assertThat((String) tasks.getVariable(review.getId(), "caseFileUrl")).endsWith("/staff/cases/" + id.value());
    JsonNode options = new ObjectMapper().readTree(tasks.getVariableTyped(review.getId(), "requestedFields").getValue().toString());
    assertThat(options.toString()).isEqualTo("[{\"label\":\"email address\",\"value\":\"email\"},{\"label\":\"postal code\",\"value\":\"postalCode\"}]");
    assertThat(runtime.getVariables(correct.getId()).toString() + tasks.getVariables(review.getId()))
        .doesNotContain("94110").doesNotContainIgnoringCase(newEmail).doesNotContain(email);

    complete(review, withVariables("approved", true, "approvedFields", Variables.objectValue(List.of("postalCode", "email"))
        .serializationDataFormat("application/json").create(), "deleteInstead", false, "reviewNote", "No documentation on our side."));
    assertThat(correct).isWaitingAt("Task_ApplyCorrections");
    execute(job(correct));

    assertThat(shop().queryForMap("select email, postal_code from customers where id = ?", customer))
        .containsEntry("EMAIL", newEmail.toLowerCase()).containsEntry("POSTAL_CODE", "94110");
    assertThat(marketing().queryForMap("select email, postal_code from subscribers where email = ?", newEmail.toLowerCase()))
        .containsEntry("POSTAL_CODE", "94110");
    assertThat(marketing().queryForObject("select count(*) from subscribers where email = ?", Integer.class, email)).isZero();

    ProcessInstance notify = called(correct, ProcessKeys.NOTIFY_RECIPIENTS);
    assertThat(notify).isNotNull();
    assertThat(deliveries.forRequest(id.value())).extracting(d -> d.recipientId())
        .as("the service provider only, never the third party").containsExactly("crm");
    recipients.stubFor(post(urlEqualTo("/hooks/crm")).willReturn(aResponse().withStatus(200)));
    execute(job(notify));
    assertThat(notify).isEnded();
    List<LoggedRequest> sent = recipients.findAll(postRequestedFor(urlEqualTo("/hooks/crm")));
    assertThat(sent).hasSize(1);
    byte[] body = sent.get(0).getBody();
    assertThat(sent.get(0).getHeader(WebhookSigner.SIGNATURE_HEADER))
        .isEqualTo(WebhookSigner.sign(CRM_SECRET, Long.parseLong(sent.get(0).getHeader(WebhookSigner.TIMESTAMP_HEADER)), body));
    JsonNode payload = new ObjectMapper().readTree(body);
    assertThat(payload.path("requestType").asText()).isEqualTo("CORRECT");
    assertThat(payload.path("instructions").toString()).isEqualTo("[\"CORRECT\"]");
    assertThat(payload.path("consumer").path("email").asText()).isEqualTo(email);
    assertThat(payload.path("corrections").toString())
        .contains("{\"field\":\"email\",\"label\":\"email address\",\"value\":\"" + newEmail + "\"}")
        .contains("{\"field\":\"postalCode\",\"label\":\"postal code\",\"value\":\"94110\"}");
    assertThat(recipients.findAll(postRequestedFor(urlEqualTo("/hooks/data-broker")))).isEmpty();

    mail.purgeEmailFromAllMailboxes();
    sendMail(correct);
    MimeMessage outcome = onlyMessage();
    assertThat(outcome.getSubject()).contains("outcome of your request to correct").contains(id.value());
    assertThat(outcome.getAllRecipients()[0].toString()).isEqualTo(email);
    assertThat((String) outcome.getContent()).contains("We have done what you asked.")
        .contains("- email address: corrected").contains("- postal code: corrected").doesNotContain("94110");
    assertThat(correct).isEnded().hasPassed("Task_ApplyCorrections", "CallActivity_InstructRecipients", "Event_Closed");
    assertThat(clock).isEnded();
    CaseRecord closed = cases.get(id);
    assertThat(closed.outcome()).isEqualTo(Outcome.FULFILLED);
    assertThat(closed.denialBasis()).isNull();
    assertThat(corrections.fields(id)).allSatisfy(f -> assertThat(f.requestedValue()).as("values forgotten at closing").isNull())
        .extracting(f -> f.result().name()).containsExactly("CORRECTED", "CORRECTED");
  }

  @Test
  void aPartlyApprovedCorrectionChangesOnlyTheApprovedFieldAndGivesTheBasis() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    long customer = 104;
    Map<String, Object> before = shop().queryForMap("select street, city from customers where id = ?", customer);
    Map<String, String> asked = new LinkedHashMap<>();
    asked.put("street", "1 Corrected Street");
    asked.put("city", "Fresno");
    RequestId id = submit(customer, asked, dataPoints(customer, "name", "phone", "birthDate"));
    ProcessInstance correct = reachReview(id);
    completeAs("reviewer", "privacy-reviewers", task(correct), "approved", true, "approvedFields", List.of("street"), "reviewNote",
        "Our delivery records confirm the city we hold.");
    var decision = Decisions.recorded(verifier, id, "Task_ReviewCorrection");
    assertThat(decision.actor()).isEqualTo("reviewer");
    assertThat(decision.detail()).isEqualTo("task=Task_ReviewCorrection approvedFields=[street] approved=true reviewNote=given");
    execute(job(correct));
    assertThat(shop().queryForMap("select street, city from customers where id = ?", customer))
        .containsEntry("STREET", "1 Corrected Street").containsEntry("CITY", before.get("CITY"));
    recipients.stubFor(post(urlEqualTo("/hooks/crm")).willReturn(aResponse().withStatus(200)));
    execute(job(called(correct, ProcessKeys.NOTIFY_RECIPIENTS)));
    JsonNode payload = new ObjectMapper().readTree(recipients.findAll(postRequestedFor(urlEqualTo("/hooks/crm"))).get(0).getBody());
    assertThat(payload.path("corrections").toString()).contains("1 Corrected Street").doesNotContain("Fresno");
    mail.purgeEmailFromAllMailboxes();
    sendMail(correct);
    assertThat((String) onlyMessage().getContent()).contains("We have done part of what you asked.")
        .contains("- street address: corrected").contains("- city: not corrected. Our delivery records confirm the city we hold.");
    CaseRecord closed = cases.get(id);
    assertThat(closed.outcome()).isEqualTo(Outcome.PARTIAL);
    assertThat(closed.denialBasis()).isEqualTo("city: Our delivery records confirm the city we hold.");
    String status = http.getForObject("/privacy/requests/" + id.value() + "?token=" + secrets.statusToken(id), String.class);
    assertThat(status).contains("PARTIAL").contains("id=\"correction-street\"")
        .contains("corrected to the value you gave us").contains("Our delivery records confirm the city we hold.")
        .doesNotContain("1 Corrected Street");
  }

  @Test
  void aDeniedCorrectionChangesNothingAndTellsTheConsumerWhy() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    long customer = 105;
    List<String> shopBefore = snapshot("shop", "customers");
    List<String> marketingBefore = snapshot("marketing", "subscribers");
    RequestId id = submit(customer, Map.of("postalCode", "94110"), threeOtherDataPoints(customer));
    ProcessInstance correct = reachReview(id);
    complete(task(correct), withVariables("approved", false, "reviewNote",
        "The postal code we hold is more likely than not accurate: it matches the address the carrier confirmed."));
    assertThat(correct).hasPassed("Task_RecordDecision").hasNotPassed("Task_ApplyCorrections", "CallActivity_InstructRecipients");
    assertThat(called(correct, ProcessKeys.NOTIFY_RECIPIENTS)).isNull();
    mail.purgeEmailFromAllMailboxes();
    sendMail(correct);
    assertThat((String) onlyMessage().getContent()).contains("We have not made the corrections you asked for.")
        .contains("- postal code: not corrected. The postal code we hold is more likely than not accurate");
    assertThat(correct).isEnded().hasPassed("Event_Closed");
    assertThat(snapshot("shop", "customers")).isEqualTo(shopBefore);
    assertThat(snapshot("marketing", "subscribers")).isEqualTo(marketingBefore);
    CaseRecord closed = cases.get(id);
    assertThat(closed.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(closed.denialBasis()).contains("matches the address the carrier confirmed");
    assertThat(deliveries.forRequest(id.value())).isEmpty();
  }

  @Test
  void deletionInsteadErasesTheContestedFieldsByTheirStrategy() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    long customer = 106;
    String email = DemoBusiness.customerEmail(customer);
    long subscriber = marketing().queryForObject("select id from subscribers where email = ?", Long.class, email);
    RequestId id = submit(customer, Map.of("postalCode", "94110", "email", "someone.else@example.com"), threeOtherDataPoints(customer));
    ProcessInstance correct = reachReview(id);
    complete(task(correct), withVariables("approved", true, "deleteInstead", true, "reviewNote", "Deleting harms nothing here."));
    execute(job(correct));
    var emailColumn = systems.map().system("shop").orElseThrow().table("customers").orElseThrow().columns().get("email");
    String hashed = (String) columnErasure.erased(emailColumn, email);
    assertThat(hashed).startsWith(KeyedHash.PREFIX);
    assertThat(shop().queryForMap("select email, postal_code from customers where id = ?", customer))
        .containsEntry("EMAIL", hashed).containsEntry("POSTAL_CODE", null);
    assertThat(marketing().queryForMap("select email, postal_code from subscribers where id = ?", subscriber))
        .containsEntry("EMAIL", hashed).containsEntry("POSTAL_CODE", null);
    recipients.stubFor(post(urlEqualTo("/hooks/crm")).willReturn(aResponse().withStatus(200)));
    execute(job(called(correct, ProcessKeys.NOTIFY_RECIPIENTS)));
    JsonNode payload = new ObjectMapper().readTree(recipients.findAll(postRequestedFor(urlEqualTo("/hooks/crm"))).get(0).getBody());
    assertThat(payload.path("instructions").toString()).isEqualTo("[\"DELETE_FIELDS\"]");
    assertThat(payload.path("deletions").toString()).contains("\"field\":\"email\"").contains("\"field\":\"postalCode\"");
    assertThat(payload.toString()).doesNotContain("someone.else").doesNotContain("94110");
    mail.purgeEmailFromAllMailboxes();
    sendMail(correct);
    assertThat((String) onlyMessage().getContent()).contains("- postal code: deleted instead of corrected (11 CCR §7023(e))");
    assertThat(cases.get(id).outcome()).isEqualTo(Outcome.FULFILLED);
    assertThat(corrections.fields(id)).extracting(f -> f.decision().name() + ":" + f.result().name())
        .containsExactly("DELETE_INSTEAD:ERASED", "DELETE_INSTEAD:ERASED");
  }

  @Test
  void anUnverifiedRequestIsDeniedWithoutReviewWork() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    long customer = 107;
    List<String> before = snapshot("shop", "customers");
    RequestId id = submit(customer, Map.of("postalCode", "94110"), threeOtherDataPoints(customer));
    ProcessInstance correct = instance(id);
    sendMail(correct);
    ProcessInstance verify = called(correct, ProcessKeys.VERIFY_IDENTITY);
    sendLinkAndReadToken(verify, id);
    ClockUtil.setCurrentTime(Date.from(WINDOW_END.plusSeconds(1)));
    assertThat(timer(verify, "Event_WindowClosed").getDuedate()).isEqualTo(Date.from(WINDOW_END));
    execute(timer(verify, "Event_WindowClosed"));
    assertThat(correct).isWaitingAt("Task_SendUnverified");
    mail.purgeEmailFromAllMailboxes();
    sendMail(correct);
    MimeMessage denied = onlyMessage();
    assertThat(denied.getSubject()).contains("could not verify");
    assertThat((String) denied.getContent()).contains("not the ones you ask us to correct");
    assertThat(correct).isEnded().hasPassed("Event_DeniedUnverified").hasNotPassed("Task_FindConsumerRows", "Task_ReviewCorrection");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(id.value()).count()).isZero();
    assertThat(called(correct, ProcessKeys.RESPONSE_CLOCK)).isNull();
    CaseRecord closed = cases.get(id);
    assertThat(closed.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(closed.denialBasis()).contains("could not be verified").contains("§7023(a)");
    assertThat(corrections.fields(id)).singleElement().satisfies(f -> assertThat(f.requestedValue()).isNull());
    assertThat(snapshot("shop", "customers")).isEqualTo(before);
  }

  @Test
  void dataPointsNamingAContestedFieldDoNotCountTowardVerification() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    long customer = 108;
    // three data points that all match what the shop holds, but two of them are being contested
    Map<String, String> points = dataPoints(customer, "postalCode", "street", "name");
    RequestId id = submit(customer, Map.of("postalCode", "94110", "street", "1 Other Street"), points);
    ProcessInstance correct = instance(id);
    sendMail(correct);
    confirmByEmail(correct, id);
    var evidence = verifications.find(id).orElseThrow();
    assertThat(evidence.dataPointsMatched()).isEqualTo("name");
    assertThat(evidence.reached().name()).isEqualTo("REASONABLE");
    assertThat(correct).isWaitingAt("Task_SendUnverified");

    // the same three details, uncontested, verify to a reasonably high degree
    RequestId control = submit(customer, Map.of("phone", "+1 415 555 0199"), points);
    ProcessInstance other = instance(control);
    sendMail(other);
    confirmByEmail(other, control);
    assertThat(verifications.find(control).orElseThrow().reached().name()).isEqualTo("HIGH");
    assertThat(other).isWaitingAt("Task_FindConsumerRows");
  }

  @Test
  void applyingChangesOnlyTheConsumersRowsAndIsIdempotent() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    long customer = 111;
    String email = DemoBusiness.customerEmail(customer);
    long subscriber = marketing().queryForObject("select id from subscribers where email = ?", Long.class, email);
    Map<String, Map<String, String>> before = allTables();
    RequestId id = submit(customer, Map.of("postalCode", "94110", "email", "fixed.111@example.com", "first_name", "Robin"),
        threeOtherDataPoints(customer));
    ProcessInstance correct = reachReview(id);
    complete(task(correct), withVariables("approved", true, "reviewNote", "ok"));
    execute(job(correct));
    Map<String, Map<String, String>> after = allTables();

    // the consumer's customer and subscriber rows changed in the corrected columns only
    String shopKey = "shop.customers#" + customer;
    String marketingKey = "marketing.subscribers#" + subscriber;
    assertThat(after.get(shopKey)).isNotEqualTo(before.get(shopKey));
    assertThat(diff(before.get(shopKey), after.get(shopKey))).containsOnlyKeys("EMAIL", "POSTAL_CODE");
    assertThat(diff(before.get(marketingKey), after.get(marketingKey))).containsOnlyKeys("EMAIL", "FIRST_NAME", "POSTAL_CODE");
    assertThat(after.get(marketingKey)).containsEntry("FIRST_NAME", "Robin").containsEntry("EMAIL", "fixed.111@example.com");
    // every other row of every table, in both systems, byte for byte as it was
    Map<String, Map<String, String>> othersBefore = new LinkedHashMap<>(before);
    Map<String, Map<String, String>> othersAfter = new LinkedHashMap<>(after);
    for (String key : List.of(shopKey, marketingKey)) {
      othersBefore.remove(key);
      othersAfter.remove(key);
    }
    assertThat(othersAfter).hasSize(othersBefore.size()).isEqualTo(othersBefore);

    // the step running again (a retry after a crash) changes nothing more, though the email it
    // found the consumer by has changed
    applyCorrections.execute(execution(id));
    assertThat(allTables()).isEqualTo(after);
    assertThat(corrections.fields(id)).extracting(f -> f.result().name()).containsOnly("CORRECTED");
  }

  // ------------------------------------------------------------------ helpers

  RequestId submit(long customer, Map<String, String> asked, Map<String, String> dataPoints) {
    String name = shop().queryForObject("select full_name from customers where id = ?", String.class, customer);
    IntakeRequest body = new IntakeRequest("CORRECT", DemoBusiness.customerEmail(customer), name, null, dataPoints,
        asked, null, new IntakeRequest.Declaration(name, true), null, null);
    return intake.submit(body, Channel.API, null).record().requestId();
  }

  /** Acknowledged, verified to a reasonably high degree, the rows found: waiting for the reviewer. */
  ProcessInstance reachReview(RequestId id) throws Exception {
    ProcessInstance correct = instance(id);
    sendMail(correct);
    confirmByEmail(correct, id);
    execute(job(correct));
    assertThat(correct).isWaitingAt("Task_ReviewCorrection");
    return correct;
  }

  Map<String, String> threeOtherDataPoints(long customer) {
    return dataPoints(customer, "name", "phone", "birthDate");
  }

  /** Data points with the values the shop holds for the customer. */
  Map<String, String> dataPoints(long customer, String... names) {
    Map<String, Object> row = shop().queryForMap(
        "select full_name, phone, street, postal_code, birth_date from customers where id = ?", customer);
    Map<String, String> points = new LinkedHashMap<>();
    for (String name : names) {
      Object value = switch (name) {
        case "name" -> row.get("FULL_NAME");
        case "phone" -> row.get("PHONE");
        case "street" -> row.get("STREET");
        case "postalCode" -> row.get("POSTAL_CODE");
        case "birthDate" -> row.get("BIRTH_DATE");
        default -> throw new IllegalArgumentException(name);
      };
      points.put(name, value.toString());
    }
    return points;
  }

  JdbcTemplate shop() {
    return new JdbcTemplate(systems.dataSource("shop"));
  }

  JdbcTemplate marketing() {
    return new JdbcTemplate(systems.dataSource("marketing"));
  }

  /** Every row of a table as text, in key order. */
  List<String> snapshot(String system, String table) {
    List<String> rows = new ArrayList<>();
    allRows(system, table).forEach((key, row) -> rows.add(key + row));
    return rows;
  }

  /** Every row of every table of both demo systems, keyed "system.table#id", each column as the database renders it. */
  Map<String, Map<String, String>> allTables() throws Exception {
    Map<String, Map<String, String>> all = new LinkedHashMap<>();
    for (var system : systems.map().systems()) {
      for (var table : system.tables()) {
        all.putAll(allRows(system.id(), table.name()));
      }
    }
    return all;
  }

  Map<String, Map<String, String>> allRows(String system, String table) {
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    try (Connection c = systems.dataSource(system).getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select * from " + table + " order by id")) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i).toUpperCase(), rs.getString(i));
        }
        rows.put(system + "." + table + "#" + rs.getLong("id"), row);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  static Map<String, String> diff(Map<String, String> before, Map<String, String> after) {
    Map<String, String> changed = new LinkedHashMap<>();
    after.forEach((k, v) -> {
      if (!java.util.Objects.equals(before.get(k), v)) {
        changed.put(k, v);
      }
    });
    return changed;
  }

  /** A stand-in execution for calling a delegate directly: it knows its business key only. */
  static DelegateExecution execution(RequestId id) {
    return (DelegateExecution) java.lang.reflect.Proxy.newProxyInstance(
        DelegateExecution.class.getClassLoader(), new Class<?>[] {DelegateExecution.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getProcessBusinessKey")) {
            return id.value();
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  ProcessInstance instance(RequestId id) {
    return instance(id, ProcessKeys.RIGHT_TO_CORRECT);
  }

  String sendLinkAndReadToken(ProcessInstance verify, RequestId id) throws Exception {
    mail.purgeEmailFromAllMailboxes();
    sendMail(verify);
    MimeMessage link = onlyMessage();
    Matcher m = LINK.matcher((String) link.getContent());
    assertThat(m.find()).as("a confirmation link in the mail").isTrue();
    return m.group(2);
  }

  void confirmByEmail(ProcessInstance correct, RequestId id) throws Exception {
    String token = sendLinkAndReadToken(called(correct, ProcessKeys.VERIFY_IDENTITY), id);
    assertThat(verification.confirm(id, token)).isEqualTo(Confirmation.CONFIRMED);
  }

  MimeMessage onlyMessage() {
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(1);
    return received[0];
  }
}
