package com.privacycasemanager.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.records.AuditVerifier;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.support.Decisions;
import com.privacycasemanager.support.ProcessTestSupport;
import com.privacycasemanager.support.Zips;
import com.privacycasemanager.verification.AgentPermissions;
import com.privacycasemanager.verification.IdentityVerification;
import com.privacycasemanager.verification.IdentityVerification.Confirmation;
import com.privacycasemanager.verification.VerificationRepository;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockMultipartFile;

/**
 * The right-to-know process with its called verify-identity and response-clock processes: every
 * path, and the due dates of every timer.
 */
class RightToKnowProcessTest extends ProcessTestSupport {

  /** Monday 2026-11-02, 10:00 in California. */
  static final Instant RECEIVED = Instant.parse("2026-11-02T18:00:00Z");
  /** Day 30 (receipt day = day 1): Tuesday 2026-12-01, 09:00 PST. */
  static final Instant DAY_30 = Instant.parse("2026-12-01T17:00:00Z");
  /** Day 40: Friday 2026-12-11, 09:00 PST. */
  static final Instant DAY_40 = Instant.parse("2026-12-11T17:00:00Z");
  /** Day 45: Wednesday 2026-12-16, 23:59:59 PST. */
  static final Instant DUE = Instant.parse("2026-12-17T07:59:59Z");
  /** Day 90: Saturday 2027-01-30, 23:59:59 PST. */
  static final Instant EXTENDED_DUE = Instant.parse("2027-01-31T07:59:59Z");
  /** The default 21-day verification window ends on 2026-11-23, 23:59:59 PST. */
  static final Instant WINDOW_END = Instant.parse("2026-11-24T07:59:59Z");

  static final String ALEX = "alex.rivera@example.com";
  static final Pattern LINK = Pattern.compile("/privacy/verify/(CCPA-[0-9]{8}-[0-9A-F]{8})\\?t=([A-Za-z0-9_-]+)");

  @Autowired IntakeService intake;
  @Autowired CaseRepository cases;
  @Autowired IdentityVerification verification;
  @Autowired VerificationRepository verifications;
  @Autowired AccessPackages packages;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired TestRestTemplate http;
  @Autowired Secrets secrets;
  @Autowired AgentPermissions agentPermissions;
  @Autowired AuditVerifier verifier;

  @Test
  void verifiedRequestForSpecificPiecesIsReviewedReleasedAndDownloadable() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("KNOW_SPECIFIC", ALEX, threeDataPoints(), true, null);
    ProcessInstance know = instance(id);
    assertThat(cases.get(id).dueAt()).isEqualTo(DUE);

    sendMail(know);
    assertThat(onlyMessage().getSubject()).contains("We received your privacy request " + id.value());
    assertThat(cases.get(id).acknowledgedAt()).isNotNull();

    ProcessInstance clock = called(know, ProcessKeys.RESPONSE_CLOCK);
    assertThat(timer(clock, "Event_Day30").getDuedate()).isEqualTo(Date.from(DAY_30));
    assertThat(timer(clock, "Event_Day40").getDuedate()).isEqualTo(Date.from(DAY_40));
    assertThat(timer(clock, "Event_ResponseDue").getDuedate()).isEqualTo(Date.from(DUE));

    ProcessInstance verify = called(know, ProcessKeys.VERIFY_IDENTITY);
    assertThat(verify).isWaitingAt("Task_SendConfirmationLink");
    assertThat(cases.get(id).status()).isEqualTo(CaseStatus.VERIFYING);
    String token = sendLinkAndReadToken(verify, id);
    assertThat(timer(verify, "Event_WindowClosed").getDuedate()).isEqualTo(Date.from(WINDOW_END));

    assertThat(verification.confirm(id, token)).isEqualTo(Confirmation.CONFIRMED);
    assertThat(verification.confirm(id, token)).isEqualTo(Confirmation.ALREADY_CONFIRMED);
    assertThat(verify).isEnded().hasPassed("Task_MatchDataPoints", "Event_VerificationDecided");
    var evidence = verifications.find(id).orElseThrow();
    assertThat(evidence.reached().name()).isEqualTo("HIGH");
    assertThat(evidence.dataPointsMatched()).contains("name", "postalCode", "street");
    assertThat(evidence.declarationSignedName()).isEqualTo("Alex Rivera");
    assertThat(verifications.dataPoints(id)).as("data point values are deleted once compared").isEmpty();

    assertThat(know).isWaitingAt("Task_SummarizeFindings");
    execute(job(know));
    assertThat(know).isWaitingAt("Task_ReviewDisclosure").task().hasCandidateGroup("privacy-reviewers");
    Map<String, Object> vars = runtime.getVariables(know.getId());
    assertThat(vars.get("answer")).isEqualTo("SPECIFIC");
    assertThat((String) vars.get("reviewSummary")).contains("Online shop / customers: 1 row").contains("Email marketing / subscribers: 1 row");
    assertThat(vars.toString()).doesNotContain(ALEX).doesNotContain("Rivera").doesNotContain("90401");
    assertThat(cases.get(id).status()).isEqualTo(CaseStatus.IN_REVIEW);

    complete(task(know), withVariables("approved", true, "reviewNote", "checked"));
    assertThat(know).isWaitingAt("Task_BuildAnswer");
    execute(job(know));
    mail.purgeEmailFromAllMailboxes();
    sendMail(know);
    MimeMessage ready = onlyMessage();
    assertThat((String) ready.getContent()).contains("/privacy/requests/" + id.value() + "/download?token=");
    assertThat(know).isEnded().hasPassed("Event_Answered");
    assertThat(clock).isEnded();

    CaseRecord closed = cases.get(id);
    assertThat(closed.outcome()).isEqualTo(Outcome.FULFILLED);
    assertThat(closed.status()).isEqualTo(CaseStatus.COMPLETED);
    Map<String, String> zip = Zips.unzip(packages.open(id).orElseThrow());
    assertThat(zip).containsKeys("personal-information.json", "index.html", "csv/shop-customers.csv", "csv/marketing-subscribers.csv");
    assertThat(zip.get("personal-information.json")).contains(ALEX).contains("SPECIFIC_PIECES").contains("collected; value withheld");
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(zip.get("personal-information.json"));
    assertThat(json.path("systems").get(0).path("system").asText()).isEqualTo("Online shop");
    var customer = json.path("systems").get(0).path("tables").get(0).path("rows").get(0);
    assertThat(customer.path("email address").asText()).isEqualTo(ALEX);
    assertThat(customer.path("social security number").asText()).isEqualTo("collected; value withheld");
    assertThat(json.path("categories").path("categories").size()).isPositive();
    assertThat(zip.get("csv/shop-customers.csv")).startsWith("customer number,email address,name,");
    assertThat(zip.get("index.html")).contains("Alex Rivera").contains("Identifiers");
  }

  @Test
  void tooFewDataPointsForSpecificPiecesFallsBackToCategories() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    Map<String, String> two = new LinkedHashMap<>(threeDataPoints());
    two.remove("street");
    RequestId id = submit("KNOW_SPECIFIC", ALEX, two, true, null);
    ProcessInstance know = instance(id);
    sendMail(know);
    confirmByEmail(know, id);

    assertThat(verifications.find(id).orElseThrow().reached().name()).isEqualTo("REASONABLE");
    execute(job(know));
    assertThat(runtime.getVariable(know.getId(), "answer")).isEqualTo("CATEGORIES");
    assertThat((String) runtime.getVariable(know.getId(), "answerNote")).contains("§7024(a)");
    complete(task(know), withVariables("approved", true, "reviewNote", "ok"));
    execute(job(know));
    mail.purgeEmailFromAllMailboxes();
    sendMail(know);
    assertThat((String) onlyMessage().getContent()).contains("reasonably high degree");
    assertThat(know).isEnded();
    assertThat(cases.get(id).outcome()).isEqualTo(Outcome.PARTIAL);
    Map<String, String> zip = Zips.unzip(packages.open(id).orElseThrow());
    assertThat(zip).containsKeys("categories.json", "index.html").doesNotContainKey("personal-information.json");
    assertThat(zip.get("categories.json")).contains("Identifiers").doesNotContain(ALEX).doesNotContain("Ocean");
  }

  @Test
  void twoMatchingDataPointsVerifyACategoriesRequestWithoutAnEmailLink() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("KNOW_CATEGORIES", ALEX, Map.of("postalCode", "90401", "street", "12 ocean avenue"), false, null);
    ProcessInstance know = instance(id);
    sendMail(know);
    ProcessInstance verify = called(know, ProcessKeys.VERIFY_IDENTITY);
    assertThat(verify).isNull();
    assertThat(mail.getReceivedMessages()).as("the acknowledgement only, no link").hasSize(1);
    var evidence = verifications.find(id).orElseThrow();
    assertThat(evidence.reached().name()).isEqualTo("REASONABLE");
    assertThat(evidence.emailConfirmedAt()).isNull();
    assertThat(evidence.dataPointsMatched()).contains("postalCode").contains("street");
    assertThat(know).isWaitingAt("Task_SummarizeFindings");
    assertThat(runtime.getVariable(know.getId(), "answer")).isEqualTo("CATEGORIES");
  }

  @Test
  void oneWrongDataPointOfTwoMeansConfirmingByEmail() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("KNOW_CATEGORIES", ALEX, Map.of("postalCode", "90401", "phone", "+1 000 000 0000"), false, null);
    ProcessInstance know = instance(id);
    sendMail(know);
    ProcessInstance verify = called(know, ProcessKeys.VERIFY_IDENTITY);
    assertThat(verify).hasPassed("Task_TryDataPoints").isWaitingAt("Task_SendConfirmationLink");
    confirmByEmail(know, id);
    assertThat(verifications.find(id).orElseThrow().dataPointsMatched()).isEqualTo("postalCode");
  }

  @Test
  void twoMatchingDataPointsAreNotEnoughForSpecificPieces() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("KNOW_SPECIFIC", ALEX, Map.of("postalCode", "90401", "street", "12 Ocean Avenue"), true, null);
    ProcessInstance know = instance(id);
    sendMail(know);
    assertThat(called(know, ProcessKeys.VERIFY_IDENTITY)).isWaitingAt("Task_SendConfirmationLink");
  }

  @Test
  void anExpiredLinkIsRefusedAndANewOneWorks() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("KNOW_CATEGORIES", ALEX, null, false, null);
    ProcessInstance know = instance(id);
    sendMail(know);
    ProcessInstance verify = called(know, ProcessKeys.VERIFY_IDENTITY);
    String first = sendLinkAndReadToken(verify, id);

    ClockUtil.setCurrentTime(Date.from(RECEIVED.plus(Duration.ofHours(25))));
    assertThat(verification.check(id, first)).isEqualTo(Confirmation.EXPIRED);
    assertThat(verification.confirm(id, first)).isEqualTo(Confirmation.EXPIRED);
    assertThat(verify).isWaitingAt("Task_AwaitEmailConfirmation");

    mail.purgeEmailFromAllMailboxes();
    assertThat(verification.resend(id)).isTrue();
    String second = token(onlyMessage());
    assertThat(second).isNotEqualTo(first);
    assertThat(verification.confirm(id, first)).isEqualTo(Confirmation.INVALID);
    assertThat(verification.confirm(id, second)).isEqualTo(Confirmation.CONFIRMED);
    assertThat(verification.resend(id)).as("nothing to resend once confirmed").isFalse();
    assertThat(verify).isEnded();
    assertThat(verifications.find(id).orElseThrow().linksSent()).isEqualTo(2);
    assertThat(know).isWaitingAt("Task_SummarizeFindings");
    assertThat(runtime.getVariable(know.getId(), "answer")).isEqualTo("CATEGORIES");
  }

  @Test
  void anUnconfirmedRequestIsDeniedAfterTheWindowWithoutReviewWork() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("KNOW_SPECIFIC", ALEX, threeDataPoints(), true, null);
    ProcessInstance know = instance(id);
    sendMail(know);
    ProcessInstance verify = called(know, ProcessKeys.VERIFY_IDENTITY);
    sendLinkAndReadToken(verify, id);

    ClockUtil.setCurrentTime(Date.from(WINDOW_END.plusSeconds(1)));
    execute(timer(verify, "Event_WindowClosed"));
    assertThat(verify).isEnded().hasPassed("Task_RecordUnverified", "Event_NotVerified");
    assertThat(know).isWaitingAt("Task_SendUnverified");
    mail.purgeEmailFromAllMailboxes();
    sendMail(know);
    MimeMessage denied = onlyMessage();
    assertThat(denied.getSubject()).contains("could not verify");
    assertThat((String) denied.getContent()).contains("/privacy");
    assertThat(know).isEnded().hasPassed("Event_DeniedUnverified").hasNotPassed("Task_ReviewDisclosure");
    assertThat(called(know, ProcessKeys.RESPONSE_CLOCK)).isNull();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(id.value()).count()).isZero();
    CaseRecord closed = cases.get(id);
    assertThat(closed.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(closed.denialBasis()).contains("could not be verified");
    assertThat(verifications.dataPoints(id)).isEmpty();
  }

  @Test
  void anAgentsPermissionIsReviewedAndTheConsumerConfirms() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("KNOW_CATEGORIES", ALEX, null, false, "Pat Agent");
    assertThat(cases.get(id).channel()).isEqualTo(Channel.AGENT);
    ProcessInstance know = instance(id);
    sendMail(know);
    ProcessInstance verify = called(know, ProcessKeys.VERIFY_IDENTITY);
    assertThat(verify).as("the review waits for the upload").isWaitingAt("Task_AwaitAgentPermission");
    agentPermissions.store(id, new MockMultipartFile("file", "permission.pdf", "application/pdf", "%PDF-1.4 signed".getBytes()));
    assertThat(verify).isWaitingAt("Task_ReviewAgentPermission").task().hasCandidateGroup("privacy-reviewers");
    assertThat(verification.resend(id)).as("no link before the permission is approved").isFalse();
    assertThat(tasks.getVariable(task(verify).getId(), "agentPermissionOnFile")).isEqualTo(true);
    assertThat((String) tasks.getVariable(task(verify).getId(), "caseFileUrl")).endsWith("/staff/cases/" + id.value());
    complete(task(verify), withVariables("approved", true, "reviewNote", "signed by the consumer"));
    assertThat(verifications.find(id).orElseThrow().agentReview()).startsWith("approved").contains("signed by the consumer");
    String token = sendLinkAndReadToken(verify, id);
    assertThat((String) onlyMessageOr().getContent()).contains("Pat Agent");
    verification.confirm(id, token);
    assertThat(verify).isEnded();
    assertThat(verifications.find(id).orElseThrow().reached().name()).isEqualTo("REASONABLE");
  }

  @Test
  void anAgentWithoutValidPermissionGetsTheRequestDenied() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("KNOW_CATEGORIES", ALEX, null, false, "Pat Agent");
    ProcessInstance know = instance(id);
    sendMail(know);
    ProcessInstance verify = called(know, ProcessKeys.VERIFY_IDENTITY);
    execute(timer(verify, "Event_AgentPermissionWaitOver"));
    assertThat(tasks.getVariable(task(verify).getId(), "agentPermissionOnFile")).as("nothing uploaded").isEqualTo(false);
    complete(task(verify), withVariables("approved", false, "reviewNote", "permission not signed"));
    assertThat(verify).isEnded().hasPassed("Task_RecordUnverified").hasNotPassed("Task_SendConfirmationLink");
    assertThat(know).isWaitingAt("Task_SendUnverified");
  }

  @Test
  void anOfficerExtendsBeforeDay45AndTheDeadlineTimerMovesToDay90() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("KNOW_CATEGORIES", ALEX, null, false, null);
    ProcessInstance know = instance(id);
    sendMail(know);
    ProcessInstance clock = called(know, ProcessKeys.RESPONSE_CLOCK);

    ClockUtil.setCurrentTime(Date.from(DAY_30));
    execute(timer(clock, "Event_Day30"));
    mail.purgeEmailFromAllMailboxes();
    sendMail(clock);
    MimeMessage reminder = onlyMessage();
    assertThat(reminder.getSubject()).contains(id.value()).contains("day 30");
    assertThat((String) reminder.getContent()).doesNotContain(ALEX);
    assertThat(clock).isWaitingAt("Task_DecideExtension").task().hasCandidateGroup("privacy-officers");
    assertThat(timer(clock, "Event_ExtensionWindowClosed").getDuedate()).isEqualTo(Date.from(DUE));

    complete(task(clock), withVariables("extend", true, "extensionReason", "Records must be retrieved from an archive."));
    assertThat(timer(clock, "Event_ResponseDue").getDuedate()).isEqualTo(Date.from(EXTENDED_DUE));
    assertThat(cases.extendedDue(id)).contains(EXTENDED_DUE);
    mail.purgeEmailFromAllMailboxes();
    sendMail(clock);
    MimeMessage notice = onlyMessage();
    assertThat(notice.getAllRecipients()[0].toString()).isEqualTo(ALEX);
    assertThat((String) notice.getContent()).contains("Records must be retrieved from an archive.").contains("January 30, 2027");
    assertThat(clock).hasPassed("Event_Extended");
    String status = http.getForObject("/privacy/requests/" + id.value() + "?token=" + secrets.statusToken(id), String.class);
    assertThat(status).contains("January 30, 2027").contains("Records must be retrieved from an archive.");

    ClockUtil.setCurrentTime(Date.from(DAY_40));
    execute(timer(clock, "Event_Day40"));
    mail.purgeEmailFromAllMailboxes();
    sendMail(clock);
    assertThat(onlyMessage().getSubject()).contains(id.value()).contains("day 40");
    assertThat(cases.events(id)).filteredOn(e -> e.kind().equals("REMINDER")).extracting(e -> e.detail())
        .containsExactly("day=30", "day=40");
  }

  @Test
  void theExtensionCanNoLongerBeDecidedOnceDay45HasEnded() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("KNOW_CATEGORIES", ALEX, null, false, null);
    ProcessInstance know = instance(id);
    sendMail(know);
    ProcessInstance clock = called(know, ProcessKeys.RESPONSE_CLOCK);
    execute(timer(clock, "Event_Day30"));
    sendMail(clock);
    ClockUtil.setCurrentTime(Date.from(DUE.plusSeconds(1)));
    execute(timer(clock, "Event_ExtensionWindowClosed"));
    assertThat(clock).hasPassed("Event_ExtensionNotDecided").hasNotPassed("Task_ExtendDeadline");
    assertThat(cases.extendedDue(id)).isEmpty();
  }

  @Test
  void anOverdueResponseIsEscalatedToOfficers() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("KNOW_CATEGORIES", ALEX, null, false, null);
    ProcessInstance know = instance(id);
    sendMail(know);
    ProcessInstance clock = called(know, ProcessKeys.RESPONSE_CLOCK);
    ClockUtil.setCurrentTime(Date.from(DUE.plusSeconds(1)));
    execute(timer(clock, "Event_ResponseDue"));
    Task escalation = tasks.createTaskQuery().processInstanceId(clock.getId()).taskDefinitionKey("Task_EscalateOverdue").singleResult();
    assertThat(escalation).isNotNull();
    assertThat(tasks.getIdentityLinksForTask(escalation.getId())).anyMatch(l -> "privacy-officers".equals(l.getGroupId()));
    assertThat(cases.events(id)).anyMatch(e -> e.kind().equals("OVERDUE"));
    assertThat(know).isActive();
  }

  @Test
  void aReviewerDenialClosesTheCaseWithTheReason() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("KNOW_CATEGORIES", ALEX, null, false, null);
    ProcessInstance know = instance(id);
    sendMail(know);
    confirmByEmail(know, id);
    execute(job(know));
    complete(task(know), withVariables("approved", false, "reviewNote", "Third request within 12 months."));
    mail.purgeEmailFromAllMailboxes();
    sendMail(know);
    assertThat((String) onlyMessage().getContent()).contains("Third request within 12 months.");
    assertThat(know).isEnded().hasPassed("Event_Denied");
    assertThat(cases.get(id).denialBasis()).contains("Third request within 12 months.");
    assertThat(packages.find(id)).isEmpty();
  }

  @Test
  void aConsumerWeHoldNothingAboutIsToldSo() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("KNOW_CATEGORIES", "stranger@example.org", null, false, null);
    ProcessInstance know = instance(id);
    sendMail(know);
    confirmByEmail(know, id);
    execute(job(know));
    assertThat((String) runtime.getVariable(know.getId(), "reviewSummary")).contains("Nothing found");
    complete(task(know), withVariables("approved", true, "reviewNote", "nothing held"));
    execute(job(know));
    assertThat(Zips.unzip(packages.open(id).orElseThrow()).get("index.html")).contains("We found no personal information about you.");
  }

  @Test
  void aReleaseThroughTheRestApiIsAnEntryOfTheChainNamingTheReviewer() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("KNOW_CATEGORIES", ALEX, Map.of("postalCode", "90401", "street", "12 ocean avenue"), false, null);
    caseJobs.runAsyncSteps(id);
    ProcessInstance know = instance(id);
    assertThat(know).isWaitingAt("Task_ReviewDisclosure");

    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> completed = http.withBasicAuth("reviewer", "reviewer").postForEntity(
        "/engine-rest/task/" + task(know).getId() + "/complete",
        new HttpEntity<>("{\"variables\":{\"approved\":{\"value\":true},\"reviewNote\":{\"value\":\"Alex Rivera phoned\"}}}", json),
        String.class);
    assertThat(completed.getStatusCode()).as("%s", completed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);

    var entry = Decisions.recorded(verifier, id, "Task_ReviewDisclosure");
    assertThat(entry.actor()).isEqualTo("reviewer");
    assertThat(entry.detail()).isEqualTo("task=Task_ReviewDisclosure approved=true reviewNote=given");
  }

  @Test
  void aDenialIsAnEntryOfTheChainNamingTheReviewer() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("KNOW_CATEGORIES", ALEX, Map.of("postalCode", "90401", "street", "12 ocean avenue"), false, null);
    caseJobs.runAsyncSteps(id);
    completeAs("reviewer", "privacy-reviewers", task(instance(id)), "approved", false, "reviewNote", "Third request within 12 months.");

    var entry = Decisions.recorded(verifier, id, "Task_ReviewDisclosure");
    assertThat(entry.actor()).isEqualTo("reviewer");
    assertThat(entry.detail()).isEqualTo("task=Task_ReviewDisclosure approved=false reviewNote=given");
  }

  @Test
  void anAgentPermissionReviewIsAnEntryOfTheChainNamingTheReviewer() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("KNOW_CATEGORIES", ALEX, null, false, "Pat Agent");
    caseJobs.runAsyncSteps(id);
    ProcessInstance verify = called(instance(id), ProcessKeys.VERIFY_IDENTITY);
    agentPermissions.store(id, new MockMultipartFile("file", "permission.pdf", "application/pdf", "%PDF-1.4 signed".getBytes()));
    assertThat(verify).isWaitingAt("Task_ReviewAgentPermission");
    completeAs("reviewer", "privacy-reviewers", task(verify), "approved", true, "reviewNote", "signed by Alex Rivera");

    var entry = Decisions.recorded(verifier, id, "Task_ReviewAgentPermission");
    assertThat(entry.actor()).isEqualTo("reviewer");
    assertThat(entry.detail()).isEqualTo("task=Task_ReviewAgentPermission approved=true reviewNote=given");
    assertThat(cases.events(id)).extracting(e -> e.kind()).doesNotContain("AGENT_PERMISSION_APPROVED");
  }

  @Test
  void anExtensionDecisionIsAnEntryOfTheChainNamingTheOfficerWithoutTheReason() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("KNOW_CATEGORIES", ALEX, null, false, null);
    caseJobs.runAsyncSteps(id);
    ProcessInstance clock = called(instance(id), ProcessKeys.RESPONSE_CLOCK);
    ClockUtil.setCurrentTime(Date.from(DAY_30));
    execute(timer(clock, "Event_Day30"));
    caseJobs.runAsyncSteps(id);
    assertThat(clock).isWaitingAt("Task_DecideExtension");

    completeAs("officer", "privacy-officers", task(clock), "extend", true, "extensionReason", "Alex Rivera's archive records");

    var entry = Decisions.recorded(verifier, id, "Task_DecideExtension");
    assertThat(entry.actor()).isEqualTo("officer");
    assertThat(entry.detail()).isEqualTo("task=Task_DecideExtension extend=true extensionReason=given");
    assertThat(cases.extendedDue(id)).contains(EXTENDED_DUE);
  }

  @Test
  void resolvingAnOverdueResponseIsAnEntryOfTheChainNamingTheOfficer() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    RequestId id = submit("KNOW_CATEGORIES", ALEX, null, false, null);
    caseJobs.runAsyncSteps(id);
    ProcessInstance clock = called(instance(id), ProcessKeys.RESPONSE_CLOCK);
    ClockUtil.setCurrentTime(Date.from(DUE.plusSeconds(1)));
    execute(timer(clock, "Event_ResponseDue"));
    Task escalation = tasks.createTaskQuery().processInstanceId(clock.getId()).taskDefinitionKey("Task_EscalateOverdue").singleResult();
    tasks.setAssignee(escalation.getId(), "officer");

    // no authentication on this thread: the assignee is the one who acted
    complete(escalation, withVariables("approved", true, "reviewNote", ""));

    var entry = Decisions.recorded(verifier, id, "Task_EscalateOverdue");
    assertThat(entry.actor()).isEqualTo("officer");
    assertThat(entry.detail()).isEqualTo("task=Task_EscalateOverdue approved=true");
  }

  // ------------------------------------------------------------------ helpers

  static Map<String, String> threeDataPoints() {
    Map<String, String> points = new LinkedHashMap<>();
    points.put("name", "alex rivera");
    points.put("postalCode", "90401");
    points.put("street", "12 Ocean Avenue");
    return points;
  }

  RequestId submit(String type, String email, Map<String, String> dataPoints, boolean declare, String agent) {
    IntakeRequest body =
        new IntakeRequest(
            type,
            email,
            "Alex Rivera",
            null,
            dataPoints,
            null,
            type.startsWith("KNOW") || type.equals("PORTABILITY") ? Boolean.FALSE : null,
            declare ? new IntakeRequest.Declaration("Alex Rivera", true) : null,
            agent == null ? null : new IntakeRequest.Agent(agent, true),
            null);
    return intake.submit(body, Channel.API, null).record().requestId();
  }

  ProcessInstance instance(RequestId id) {
    return instance(id, ProcessKeys.RIGHT_TO_KNOW);
  }

  String sendLinkAndReadToken(ProcessInstance verify, RequestId id) throws Exception {
    mail.purgeEmailFromAllMailboxes();
    sendMail(verify);
    MimeMessage link = onlyMessage();
    assertThat(link.getAllRecipients()[0].toString()).isEqualTo(cases.get(id).subject().email());
    return token(link);
  }

  void confirmByEmail(ProcessInstance know, RequestId id) throws Exception {
    String token = sendLinkAndReadToken(called(know, ProcessKeys.VERIFY_IDENTITY), id);
    assertThat(verification.confirm(id, token)).isEqualTo(Confirmation.CONFIRMED);
  }

  static String token(MimeMessage message) throws Exception {
    Matcher m = LINK.matcher((String) message.getContent());
    assertThat(m.find()).as("a confirmation link in the mail").isTrue();
    return m.group(2);
  }

  MimeMessage onlyMessage() {
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(1);
    return received[0];
  }

  MimeMessage onlyMessageOr() {
    MimeMessage[] received = mail.getReceivedMessages();
    return received[received.length - 1];
  }
}
