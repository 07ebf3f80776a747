package com.privacycasemanager.notification;

import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestKinds;
import com.privacycasemanager.request.Secrets;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * {@code ${consumerMail.send(execution, 'template')}}: renders {@code templates/mail/<template>.txt}
 * for the case and sends it to the consumer. Every step that sends a mail is a job of its own,
 * asynchronous before and after: a mail outage fails that job, which the engine retries on
 * {@code privacy.mail.retry-cycle}, so nothing is lost; and a failure in the step after it rolls
 * back only to the point after the mail, so its retry never sends the mail again.
 */
@Component("consumerMail")
public class ConsumerMail {

  private static final Map<String, String> SUBJECTS =
      Map.ofEntries(
          Map.entry("acknowledgement", "We received your privacy request %s"),
          Map.entry("acknowledgement-request", "We received your privacy request %s"),
          Map.entry("preference-confirmed", "Your privacy choice is in effect (%s)"),
          Map.entry("confirm-identity", "Please confirm your privacy request %s"),
          Map.entry("unverified", "We could not verify your privacy request %s"),
          Map.entry("extension", "We need more time for your privacy request %s"),
          Map.entry("answer-ready", "Your personal information is ready (%s)"),
          Map.entry("request-denied", "About your privacy request %s"),
          Map.entry("deletion-outcome", "Your request to delete: what we did (%s)"),
          Map.entry("correction-outcome", "The outcome of your request to correct (%s)"),
          Map.entry("acknowledgement-admt-opt-out", "Your opt-out of automated decisionmaking is in effect (%s)"),
          Map.entry("acknowledgement-incentive-withdrawal", "Your withdrawal from our financial incentive program is in effect (%s)"),
          Map.entry("incentive-withdrawal-confirmed", "Your withdrawal from our financial incentive program is complete (%s)"),
          Map.entry("admt-answer-ready", "How we used automated decisionmaking about you: your answer is ready (%s)"));
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

  private final JavaMailSender mail;
  private final CaseRepository cases;
  private final Secrets secrets;
  private final Clock clock;
  private final TemplateEngine templates;
  private final String from;
  private final String businessName;
  private final String publicBaseUrl;
  private final ZoneId zone;
  private final int downloadDays;
  private final RequestKinds kinds;

  public ConsumerMail(
      JavaMailSender mail,
      CaseRepository cases,
      Secrets secrets,
      Clock clock,
      @Value("${privacy.mail.from}") String from,
      @Value("${privacy.mail.business-name}") String businessName,
      @Value("${privacy.public-base-url}") String publicBaseUrl,
      @Value("${privacy.time-zone}") ZoneId zone,
      @Value("${privacy.access.download-days:30}") int downloadDays,
      RequestKinds kinds) {
    this.downloadDays = downloadDays;
    this.kinds = kinds;
    this.mail = mail;
    this.cases = cases;
    this.secrets = secrets;
    this.clock = clock;
    this.from = from;
    this.businessName = businessName;
    this.publicBaseUrl = publicBaseUrl;
    this.zone = zone;
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/mail/");
    resolver.setSuffix(".txt");
    resolver.setTemplateMode(TemplateMode.TEXT);
    resolver.setCharacterEncoding("UTF-8");
    this.templates = new SpringTemplateEngine();
    this.templates.setTemplateResolver(resolver);
  }

  public void send(DelegateExecution execution, String template) throws MessagingException {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    Map<String, Object> extra = new java.util.HashMap<>();
    // non-personal process variables a template may show (a reviewer's reason, the answer given)
    for (String name : new String[] {"reviewNote", "extensionReason", "answer", "answerNote", "verificationLevel"}) {
      if (execution.hasVariable(name)) {
        extra.put(name, execution.getVariable(name));
      }
    }
    send(cases.get(id), template, extra);
  }

  public void send(CaseRecord record, String template) throws MessagingException {
    send(record, template, Map.of());
  }

  public void send(CaseRecord record, String template, Map<String, Object> extra) throws MessagingException {
    RequestId id = record.requestId();
    Instant now = clock.instant();
    if (!record.subject().hasEmail()) {
      cases.recordEvent(id, "EMAIL_SKIPPED", "template=" + template + " reason=no email on case", now);
      return;
    }
    Context context = new Context(Locale.US);
    context.setVariable("requestId", id.value());
    context.setVariable("type", kinds.of(record).mailName(record.type()));
    context.setVariable("name", record.subject().name());
    context.setVariable("businessName", businessName);
    context.setVariable("receivedOn", DATE.format(record.receivedAt().atZone(zone)));
    context.setVariable("dueOn", DATE.format(cases.extendedDue(id).orElse(record.dueAt()).atZone(zone)));
    context.setVariable("downloadDays", downloadDays);
    context.setVariable("privacyPolicyUrl", publicBaseUrl + "/privacy");
    context.setVariable("downloadUrl", publicBaseUrl + kinds.of(record).answerLinks(id).page() + "?token=" + secrets.statusToken(id));
    kinds.of(record).mailDetails(record, template).forEach(context::setVariable);
    extra.forEach(context::setVariable);
    context.setVariable("statusUrl", publicBaseUrl + "/privacy/requests/" + id.value() + "?token=" + secrets.statusToken(id));
    String body = templates.process(template, context);
    MimeMessage message = mail.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
    helper.setFrom(from);
    helper.setTo(record.subject().email());
    helper.setSubject(String.format(SUBJECTS.getOrDefault(template, "About your privacy request %s"), id.value()));
    helper.setText(body, false);
    try {
      mail.send(message);
    } catch (MailException e) {
      // An SMTP server's refusal quotes the address; the job's exception message and stack trace
      // end up in logs, Cockpit and ACT_RU_JOB, so only the kind of failure goes on from here.
      throw new ConsumerMailFailedException(template, id, e);
    }
    if (template.startsWith("acknowledgement")) {
      cases.markAcknowledged(id, now);
    }
    cases.recordEvent(id, "EMAIL_SENT", "template=" + template, now);
  }

  /** Sending failed; says which mail and why in general terms, never to whom. */
  public static class ConsumerMailFailedException extends RuntimeException {
    ConsumerMailFailedException(String template, RequestId id, MailException cause) {
      super("could not send '" + template + "' for " + id + ": " + cause.getClass().getSimpleName()
          + (cause.getCause() == null ? "" : " (" + cause.getCause().getClass().getSimpleName() + ")"));
    }
  }
}
