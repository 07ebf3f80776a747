package com.privacycasemanager.verification;

import static com.privacycasemanager.request.RequestType.KNOW_CATEGORIES;
import static com.privacycasemanager.request.RequestType.KNOW_SPECIFIC;
import static com.privacycasemanager.support.Requests.request;
import static com.privacycasemanager.support.Staff.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.support.CaseScenario;
import com.privacycasemanager.support.ProcessTestSupport;
import com.privacycasemanager.support.Requests;
import com.privacycasemanager.verification.IdentityVerification.Confirmation;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;

/**
 * verify-identity, path by path, as right-to-know calls it: the consumer verified by two matching
 * data points, or by the emailed link (to a reasonable or a reasonably high degree), or not at all
 * when the window closes; an authorized agent's signed permission on file at once, uploaded later
 * or never, approved or refused. Its two timers fall due at the end of a day counted in California.
 */
class VerifyIdentityProcessTest extends ProcessTestSupport {

  static final String VERIFY = ProcessKeys.VERIFY_IDENTITY;
  static final String KNOW = ProcessKeys.RIGHT_TO_KNOW;

  /** Monday 2026-11-02, 10:00 in California. */
  static final Instant RECEIVED = californiaTime("2026-11-02T10:00");
  /** privacy.verification.window-days (21) after the day of receipt, at its end. */
  static final Instant WINDOW_END = californiaTime("2026-11-23T23:59:59");
  /** privacy.verification.agent-permission-days (7) after the day of receipt, at its end. */
  static final Instant PERMISSION_WAIT_END = californiaTime("2026-11-09T23:59:59");

  /** The demo shop's Alex Rivera, 12 Ocean Avenue, 90401. */
  static final String ALEX = "alex.rivera@example.com";

  @Autowired IdentityVerification verification;
  @Autowired VerificationRepository verifications;
  @Autowired AgentPermissions agentPermissions;
  @Autowired TaskService tasks;

  @Test
  void twoMatchingDataPointsVerifyARequestForCategoriesWithoutALink() {
    CaseScenario request = received(RECEIVED, fromAlex(KNOW_CATEGORIES).dataPoint("postalCode", "90401").dataPoint("street", "12 ocean avenue"));

    request.acknowledge();

    request.then(VERIFY).isEnded()
        .hasPassed("Task_StartVerification", "Gateway_Agent", "Task_TryDataPoints", "Gateway_DataPointsEnough", "Event_VerifiedByDataPoints")
        .hasNotPassed("Task_SendConfirmationLink");
    assertThat(request.variable(KNOW, "verificationLevel")).isEqualTo("REASONABLE");
    assertThat(request.variable(KNOW, "verified")).isEqualTo(true);
    assertThat(mail.getReceivedMessages()).as("the acknowledgement, and no link").hasSize(1);
  }

  @Test
  void withOneMatchingDataPointTheConsumerConfirmsByTheEmailedLinkBeforeTheWindowCloses() {
    CaseScenario request = received(RECEIVED, fromAlex(KNOW_CATEGORIES).dataPoint("postalCode", "90401").dataPoint("phone", "+1 000 000 0000"));

    request.acknowledge();
    request.then(VERIFY).hasPassed("Gateway_DataPointsEnough", "Gateway_SendLink").isWaitingAt("Task_SendConfirmationLink");
    String token = request.sendConfirmationLink();
    request.then(VERIFY).isWaitingAt("Task_AwaitEmailConfirmation");
    assertThat(request.dueDate(VERIFY, "Event_WindowClosed")).isEqualTo(WINDOW_END);
    assertThat(verification.confirm(request.id(), token)).isEqualTo(Confirmation.CONFIRMED);

    request.then(VERIFY).isEnded().hasPassed("Task_MatchDataPoints", "Event_VerificationDecided").hasNotPassed("Task_RecordUnverified");
    assertThat(request.variable(KNOW, "verificationLevel")).isEqualTo("REASONABLE");
    assertThat(verifications.find(request.id()).orElseThrow().dataPointsMatched()).isEqualTo("postalCode");
  }

  @Test
  void aConfirmedEmailThreeMatchingDataPointsAndTheDeclarationReachAReasonablyHighDegree() {
    CaseScenario request = received(RECEIVED, fromAlex(KNOW_SPECIFIC)
        .dataPoint("name", "alex rivera").dataPoint("postalCode", "90401").dataPoint("street", "12 Ocean Avenue").declared());

    request.acknowledge().confirmEmail();

    request.then(VERIFY).isEnded().hasPassed("Task_TryDataPoints", "Task_SendConfirmationLink", "Task_MatchDataPoints", "Event_VerificationDecided");
    assertThat(request.variable(KNOW, "verificationLevel")).isEqualTo("HIGH");
    assertThat(request.variable(KNOW, "verified")).isEqualTo(true);
    assertThat(verifications.dataPoints(request.id())).as("compared, then forgotten").isEmpty();
  }

  @Test
  void anUnconfirmedRequestIsNotVerifiedWhenTheWindowClosesCountedInCalifornia() throws Exception {
    // 23:30 in California is already the next day in UTC: the window still counts from November 2
    CaseScenario request = received(californiaTime("2026-11-02T23:30"), fromAlex(KNOW_CATEGORIES));
    request.acknowledge().sendConfirmationLink();
    assertThat(request.dueDate(VERIFY, "Event_WindowClosed")).isEqualTo(WINDOW_END);

    request.fireTimer(VERIFY, "Event_WindowClosed");

    request.then(VERIFY).isEnded().hasPassed("Event_WindowClosed", "Gateway_NotVerified", "Task_RecordUnverified", "Event_NotVerified")
        .hasNotPassed("Task_MatchDataPoints");
    assertThat(request.variable(KNOW, "verificationLevel")).isEqualTo("NONE");
    assertThat(request.variable(KNOW, "verified")).isEqualTo(false);
    assertThat(verification.resend(request.id())).as("no new link once the window has closed").isFalse();
  }

  @Test
  void anAgentsPermissionUploadedBeforeVerificationStartsIsReviewedWithoutWaiting() throws Exception {
    CaseScenario request = received(RECEIVED, fromAlex(KNOW_CATEGORIES).byAgent("Pat Agent"));
    uploadPermission(request);

    request.acknowledge();

    request.then(VERIFY).hasPassed("Gateway_Agent", "Gateway_PermissionOnFile", "Gateway_ReviewPermission")
        .hasNotPassed("Task_AwaitAgentPermission", "Task_TryDataPoints")
        .isWaitingAt("Task_ReviewAgentPermission");
    Task review = request.task(VERIFY, "Task_ReviewAgentPermission");
    assertThat(review).hasCandidateGroup("privacy-reviewers");
    assertThat(tasks.getVariable(review.getId(), "agentPermissionOnFile")).isEqualTo(true);
  }

  @Test
  void anAgentsRequestWaitsForTheUploadAndAnApprovedPermissionStillNeedsTheConsumersConfirmation() throws Exception {
    CaseScenario request = received(RECEIVED, fromAlex(KNOW_CATEGORIES).byAgent("Pat Agent"));
    request.acknowledge();
    request.then(VERIFY).isWaitingAt("Task_AwaitAgentPermission");
    assertThat(request.dueDate(VERIFY, "Event_AgentPermissionWaitOver")).isEqualTo(PERMISSION_WAIT_END);

    uploadPermission(request);
    request.complete(REVIEWER, VERIFY, "Task_ReviewAgentPermission", "approved", true, "reviewNote", "signed by the consumer");
    String token = request.sendConfirmationLink();
    assertThat(lastMessageTo(ALEX).getContent().toString()).as("the consumer confirms an agent's request directly")
        .contains("/privacy/verify/" + request.id().value()).contains("Pat Agent");
    assertThat(verification.confirm(request.id(), token)).isEqualTo(Confirmation.CONFIRMED);

    request.then(VERIFY).isEnded()
        .hasPassed("Task_AwaitAgentPermission", "Task_RecordAgentReview", "Gateway_AgentApproved", "Gateway_SendLink", "Event_VerificationDecided")
        .hasNotPassed("Event_AgentPermissionWaitOver");
    assertThat(verifications.find(request.id()).orElseThrow().agentReview()).isEqualTo("approved by reviewer: signed by the consumer");
    assertThat(request.variable(KNOW, "verificationLevel")).isEqualTo("REASONABLE");
  }

  @Test
  void withoutAnUploadTheReviewOpensWhenTheWaitIsOverAndARefusedPermissionIsNotVerified() {
    CaseScenario request = received(RECEIVED, fromAlex(KNOW_CATEGORIES).byAgent("Pat Agent"));
    request.acknowledge();

    request.fireTimer(VERIFY, "Event_AgentPermissionWaitOver");
    Task review = request.task(VERIFY, "Task_ReviewAgentPermission");
    assertThat(tasks.getVariable(review.getId(), "agentPermissionOnFile")).as("nothing uploaded").isEqualTo(false);
    request.complete(REVIEWER, VERIFY, "Task_ReviewAgentPermission", "approved", false, "reviewNote", "not signed by the consumer");

    request.then(VERIFY).isEnded()
        .hasPassed("Event_AgentPermissionWaitOver", "Gateway_AgentApproved", "Gateway_NotVerified", "Task_RecordUnverified", "Event_NotVerified")
        .hasNotPassed("Task_SendConfirmationLink");
    assertThat(request.variable(KNOW, "verified")).isEqualTo(false);
    assertThat(verifications.find(request.id()).orElseThrow().agentReview()).startsWith("refused by reviewer");
    assertThat(mail.getReceivedMessages()).as("the acknowledgement, and no link").hasSize(1);
  }

  // ------------------------------------------------------------------ helpers

  static Requests fromAlex(RequestType type) {
    return request(type).from(ALEX, "Alex Rivera");
  }

  void uploadPermission(CaseScenario request) throws Exception {
    agentPermissions.store(request.id(), new MockMultipartFile("file", "permission.pdf", "application/pdf", "%PDF-1.4 signed".getBytes()));
  }

  /** The newest email to {@code address} (GreenMail keeps each mailbox in the order received). */
  MimeMessage lastMessageTo(String address) {
    MimeMessage[] received = mail.getReceivedMessagesForDomain(address);
    assertThat(received).as("email to %s", address).isNotEmpty();
    return received[received.length - 1];
  }

}
