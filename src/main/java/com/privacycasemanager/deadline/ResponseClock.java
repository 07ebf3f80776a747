package com.privacycasemanager.deadline;

import com.privacycasemanager.notification.ConsumerMail;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.RequestId;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * {@code ${responseClock}}: the steps of the {@code response-clock} process that every request to
 * know, delete or correct runs beside its work: reminders to reviewers, the one extension
 * (§1798.130(a)(2)(A)), and the overdue escalation.
 */
@Component("responseClock")
public class ResponseClock {

  /** The timer in {@code response-clock.bpmn} that fires when the response is due. */
  public static final String OVERDUE_TIMER = "Event_ResponseDue";

  private final CaseRepository cases;
  private final Deadlines deadlines;
  private final ConsumerMail consumerMail;
  private final JavaMailSender mail;
  private final ManagementService management;
  private final Clock clock;
  private final ZoneId zone;
  private final String staffMailbox;
  private final String from;
  private final String publicBaseUrl;

  public ResponseClock(
      CaseRepository cases,
      Deadlines deadlines,
      ConsumerMail consumerMail,
      JavaMailSender mail,
      @Lazy ManagementService management,
      Clock clock,
      @Value("${privacy.time-zone}") ZoneId zone,
      @Value("${privacy.mail.staff-mailbox:${privacy.mail.from}}") String staffMailbox,
      @Value("${privacy.mail.from}") String from,
      @Value("${privacy.public-base-url}") String publicBaseUrl) {
    this.cases = cases;
    this.deadlines = deadlines;
    this.consumerMail = consumerMail;
    this.mail = mail;
    this.management = management;
    this.clock = clock;
    this.zone = zone;
    this.staffMailbox = staffMailbox;
    this.from = from;
    this.publicBaseUrl = publicBaseUrl;
  }

  /** Day 30 and day 40: tells the privacy team's mailbox the case is still open (ids only). */
  public void remind(DelegateExecution execution, int day) throws MessagingException {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    CaseRecord record = cases.get(id);
    Instant due = cases.extendedDue(id).orElse(record.dueAt());
    MimeMessage message = mail.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
    helper.setFrom(from);
    helper.setTo(staffMailbox);
    helper.setSubject("Reminder: " + id.value() + " is at day " + day + " of 45");
    helper.setText(
        "Privacy request " + id.value() + " (" + record.type() + ") has reached day " + day + ".\n"
            + "It is due " + due.atZone(zone).toLocalDate() + ". Status: " + record.status() + ".\n\n"
            + "Open tasks: " + publicBaseUrl + "/camunda/app/tasklist/\n"
            + "Case file: " + publicBaseUrl + "/staff/cases/" + id.value() + "\n",
        false);
    mail.send(message);
    cases.recordEvent(id, "REMINDER", "day=" + day, clock.instant());
  }

  /**
   * The officer decided to extend: records the new due date and reason, moves this case's overdue
   * timer to day 90, and tells the consumer why (the process sends that notice next). Refused on
   * or after the original due date, when the law no longer allows the notice.
   */
  public void extend(DelegateExecution execution) {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    CaseRecord record = cases.get(id);
    Instant now = clock.instant();
    if (!now.isBefore(record.dueAt())) {
      throw new IllegalStateException(id + ": the 45-day period has ended; it can no longer be extended");
    }
    if (cases.extendedDue(id).isPresent()) {
      throw new IllegalStateException(id + " was already extended; the law allows one extension");
    }
    Object reason = execution.getVariable("extensionReason");
    if (reason == null || reason.toString().isBlank()) {
      throw new IllegalArgumentException("an extension needs a reason for the consumer");
    }
    Instant extended = deadlines.extendedDueAt(record.receivedAt());
    cases.extend(id, extended, reason.toString().strip());
    Job timer =
        management.createJobQuery()
            .processInstanceId(execution.getProcessInstanceId())
            .activityId(OVERDUE_TIMER)
            .singleResult();
    if (timer != null) {
      management.setJobDuedate(timer.getId(), Date.from(extended));
    }
    cases.recordEvent(id, "EXTENDED", "due=" + extended.atZone(zone).toLocalDate(), now);
  }

  /** The (possibly extended) due date passed with the case still open. */
  public void overdue(DelegateExecution execution) {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    cases.recordEvent(id, "OVERDUE", null, clock.instant());
  }

  /** Sends the consumer the extension notice (an async step). */
  public void notifyExtension(DelegateExecution execution) throws MessagingException {
    consumerMail.send(execution, "extension");
  }
}
