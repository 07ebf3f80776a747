package com.privacycasemanager.deadline;

import static com.privacycasemanager.support.Requests.request;
import static com.privacycasemanager.support.Staff.OFFICER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.support.CaseScenario;
import com.privacycasemanager.support.ProcessTestSupport;
import com.privacycasemanager.support.Requests;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * response-clock, path by path, beside a request that waits for the consumer's confirmation: the
 * reminders on days 30 and 40, the one extension decided (or not, or too late) before day 45 ends,
 * and the escalation once the response is overdue. The request is received in October, under
 * daylight saving time, and its days 30 to 90 fall after it ends: every due date is counted in
 * California days and ends at 23:59:59 there (reminders at 09:00).
 */
class ResponseClockProcessTest extends ProcessTestSupport {

  static final String CLOCK = ProcessKeys.RESPONSE_CLOCK;

  /** Thursday 2026-10-15, 10:00 in California (PDT): day 1. */
  static final Instant RECEIVED = californiaTime("2026-10-15T10:00");
  static final Instant DAY_30 = californiaTime("2026-11-13T09:00");
  static final Instant DAY_40 = californiaTime("2026-11-23T09:00");
  /** The end of day 45, a Saturday (PST). */
  static final Instant DUE = californiaTime("2026-11-28T23:59:59");
  /** The end of day 90, a Tuesday. */
  static final Instant EXTENDED_DUE = californiaTime("2027-01-12T23:59:59");

  /** Someone the demo business holds nothing about: verification just waits for the link. */
  static final String CONSUMER = "clock.consumer@example.org";

  @Autowired CaseRepository cases;
  @Value("${privacy.mail.staff-mailbox}") String teamMailbox;

  @ParameterizedTest
  @EnumSource(names = {"KNOW_CATEGORIES", "DELETE", "CORRECT"})
  void theClockStartsBesideEveryRequestWithItsRemindersAndTheDueDate(RequestType type) {
    CaseScenario request = received(RECEIVED, requestOf(type));

    request.acknowledge();

    request.then(CLOCK).hasPassed("StartEvent_ClockStarted", "Gateway_Clocks").isWaitingAt("Event_Day30", "Event_Day40", "Event_ResponseDue");
    assertThat(request.dueDate(CLOCK, "Event_Day30")).isEqualTo(DAY_30);
    assertThat(request.dueDate(CLOCK, "Event_Day40")).isEqualTo(DAY_40);
    assertThat(request.dueDate(CLOCK, "Event_ResponseDue")).isEqualTo(DUE).isEqualTo(cases.get(request.id()).dueAt());
  }

  @Test
  void onDay30ReviewersAreRemindedAndAnOfficerDecidesOnTheExtensionUntilDay45Ends() throws Exception {
    CaseScenario request = received(RECEIVED, requestOf(RequestType.KNOW_CATEGORIES)).acknowledge();

    request.fireTimer(CLOCK, "Event_Day30").runMailStep(CLOCK);

    MimeMessage reminder = lastMessageTo(teamMailbox);
    assertThat(reminder.getSubject()).isEqualTo("Reminder: " + request.id().value() + " is at day 30 of 45");
    assertThat(reminder.getContent().toString()).doesNotContain(CONSUMER).doesNotContain("Casey Clock");
    assertThat(mail.getReceivedMessagesForDomain(CONSUMER)).as("the consumer has the acknowledgement only").hasSize(1);
    request.then(CLOCK).hasPassed("Task_RemindDay30").isWaitingAt("Task_DecideExtension").task().hasCandidateGroup("privacy-officers");
    assertThat(request.dueDate(CLOCK, "Event_ExtensionWindowClosed")).isEqualTo(DUE);
  }

  @Test
  void anExtensionMovesTheDueDateToTheEndOfDay90AndTellsTheConsumerWhy() throws Exception {
    CaseScenario request = received(RECEIVED, requestOf(RequestType.KNOW_CATEGORIES)).acknowledge();
    request.fireTimer(CLOCK, "Event_Day30").runMailStep(CLOCK);

    request.complete(OFFICER, CLOCK, "Task_DecideExtension", "extend", true, "extensionReason", "Records must come from an archive.");
    request.runMailStep(CLOCK);

    request.then(CLOCK).hasPassed("Gateway_Extend", "Task_ExtendDeadline", "Task_SendExtensionNotice", "Event_Extended")
        .isWaitingAt("Event_Day40", "Event_ResponseDue");
    assertThat(request.dueDate(CLOCK, "Event_ResponseDue")).isEqualTo(EXTENDED_DUE);
    assertThat(cases.extendedDue(request.id())).contains(EXTENDED_DUE);
    MimeMessage notice = lastMessageTo(CONSUMER);
    assertThat(notice.getContent().toString()).contains("Records must come from an archive.").contains("January 12, 2027");
  }

  @Test
  void withoutAnExtensionTheResponseStaysDueAtTheEndOfDay45() {
    CaseScenario request = received(RECEIVED, requestOf(RequestType.KNOW_CATEGORIES)).acknowledge();
    request.fireTimer(CLOCK, "Event_Day30").runMailStep(CLOCK);

    request.complete(OFFICER, CLOCK, "Task_DecideExtension", "extend", false);

    request.then(CLOCK).hasPassed("Gateway_Extend", "Event_NotExtended").hasNotPassed("Task_ExtendDeadline", "Task_SendExtensionNotice");
    assertThat(request.dueDate(CLOCK, "Event_ResponseDue")).isEqualTo(DUE);
    assertThat(cases.extendedDue(request.id())).isEmpty();
    assertThat(mail.getReceivedMessages()).as("the acknowledgement and the reminder, no notice").hasSize(2);
  }

  @Test
  void theDecisionClosesItselfWhenDay45Ends() {
    CaseScenario request = received(RECEIVED, requestOf(RequestType.KNOW_CATEGORIES)).acknowledge();
    request.fireTimer(CLOCK, "Event_Day30").runMailStep(CLOCK);

    request.fireTimer(CLOCK, "Event_ExtensionWindowClosed");

    request.then(CLOCK).hasPassed("Event_ExtensionWindowClosed", "Event_ExtensionNotDecided").hasNotPassed("Gateway_Extend");
    assertThat(processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(request.id().value())
        .taskDefinitionKey("Task_DecideExtension").count()).isZero();
    assertThat(cases.extendedDue(request.id())).isEmpty();
  }

  @Test
  void anExtensionDecidedAfterDay45HasEndedIsRefusedAndTheDecisionStaysOpen() {
    CaseScenario request = received(RECEIVED, requestOf(RequestType.KNOW_CATEGORIES)).acknowledge();
    request.fireTimer(CLOCK, "Event_Day30").runMailStep(CLOCK);
    // the window's timer has not run yet (the job executor is late)
    request.clockAt(DUE.plusSeconds(1));

    assertThatThrownBy(() -> request.complete(OFFICER, CLOCK, "Task_DecideExtension", "extend", true, "extensionReason", "Too late"))
        .hasStackTraceContaining("the 45-day period has ended; it can no longer be extended");

    request.then(CLOCK).isWaitingAt("Task_DecideExtension", "Event_Day40", "Event_ResponseDue").hasNotPassed("Task_ExtendDeadline");
    assertThat(cases.extendedDue(request.id())).isEmpty();
    assertThat(request.dueDate(CLOCK, "Event_ResponseDue")).isEqualTo(DUE);
  }

  @Test
  void onDay40ReviewersAreRemindedAgain() throws Exception {
    CaseScenario request = received(RECEIVED, requestOf(RequestType.KNOW_CATEGORIES)).acknowledge();

    request.fireTimer(CLOCK, "Event_Day40").runMailStep(CLOCK);

    assertThat(lastMessageTo(teamMailbox).getSubject()).isEqualTo("Reminder: " + request.id().value() + " is at day 40 of 45");
    request.then(CLOCK).hasPassed("Event_Day40", "Task_RemindDay40", "Event_Reminded").isWaitingAt("Event_Day30", "Event_ResponseDue");
    assertThat(cases.events(request.id())).filteredOn(e -> e.kind().equals("REMINDER")).extracting(e -> e.detail()).containsExactly("day=40");
  }

  @Test
  void aResponseOpenPastItsDueDateIsRecordedOverdueAndEscalatedToOfficers() {
    CaseScenario request = received(RECEIVED, requestOf(RequestType.KNOW_CATEGORIES)).acknowledge();

    request.fireTimer(CLOCK, "Event_ResponseDue");

    request.then(CLOCK).hasPassed("Event_ResponseDue", "Task_RecordOverdue").isWaitingAt("Task_EscalateOverdue", "Event_Day30", "Event_Day40");
    assertThat(request.task(CLOCK, "Task_EscalateOverdue")).hasCandidateGroup("privacy-officers");
    assertThat(cases.events(request.id())).extracting(e -> e.kind()).contains("OVERDUE");
    request.complete(OFFICER, CLOCK, "Task_EscalateOverdue", "approved", true, "reviewNote", "Answered by phone");
    request.then(CLOCK).hasPassed("Event_Escalated").isWaitingAt("Event_Day30", "Event_Day40");
  }

  @ParameterizedTest
  @EnumSource(names = {"KNOW_CATEGORIES", "DELETE", "CORRECT"})
  void theClockEndsWithItsLastBranchWhileTheRequestGoesOn(RequestType type) {
    CaseScenario request = received(RECEIVED, requestOf(type)).acknowledge();

    request.fireTimer(CLOCK, "Event_Day30").runMailStep(CLOCK).complete(OFFICER, CLOCK, "Task_DecideExtension", "extend", false);
    request.fireTimer(CLOCK, "Event_Day40").runMailStep(CLOCK);
    request.fireTimer(CLOCK, "Event_ResponseDue").complete(OFFICER, CLOCK, "Task_EscalateOverdue", "approved", true, "reviewNote", "");

    request.then(CLOCK).isEnded().hasPassed("Event_NotExtended", "Event_Reminded", "Event_Escalated");
    request.then(type.processKey()).hasPassed("CallActivity_ResponseClock", "Event_ClockEnded").isWaitingAt("CallActivity_VerifyIdentity");
  }

  // ------------------------------------------------------------------ helpers

  static Requests requestOf(RequestType type) {
    Requests request = request(type).from(CONSUMER, "Casey Clock");
    return type == RequestType.CORRECT ? request.correction("city", "Oakland") : request;
  }

  /** The newest email to {@code address} (GreenMail keeps each mailbox in the order received). */
  MimeMessage lastMessageTo(String address) {
    MimeMessage[] received = mail.getReceivedMessagesForDomain(address);
    assertThat(received).as("email to %s", address).isNotEmpty();
    return received[received.length - 1];
  }

}
