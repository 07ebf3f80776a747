package com.privacycasemanager.incentive;

import com.privacycasemanager.datamap.IncentiveProgram;
import com.privacycasemanager.intake.EvidenceForm;
import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IdentifierFormats;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /privacy/incentives/{program}/withdraw}: the page the Notice of Financial Incentive's
 * "withdraw" link leads to. A plain HTML form that works without JavaScript and asks only what
 * finds the consumer in the program's system: an email address or an account number. Every
 * submission that is well formed gets the same answer, member or not, so the page cannot tell
 * anyone who is enrolled; its answer links to the status page that confirms the withdrawal.
 */
@Controller
class IncentiveWithdrawalPagesController {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

  private final IntakeService intake;
  private final IncentiveWithdrawalKind kind;
  private final Secrets secrets;
  private final ZoneId zone;
  private final String businessName;

  IncentiveWithdrawalPagesController(
      IntakeService intake,
      IncentiveWithdrawalKind kind,
      Secrets secrets,
      @Value("${privacy.time-zone}") ZoneId zone,
      @Value("${privacy.mail.business-name}") String businessName) {
    this.intake = intake;
    this.kind = kind;
    this.secrets = secrets;
    this.zone = zone;
    this.businessName = businessName;
  }

  @GetMapping(IncentiveNotices.PAGE + "/{program}/withdraw")
  public String form(@PathVariable String program, Model model, HttpServletResponse response) {
    Optional<IncentiveProgram> found = kind.program(program);
    if (found.isEmpty()) {
      return notFound(model, response);
    }
    prepare(model, found.get(), "", "", "", Map.of());
    return "privacy/incentive-withdraw";
  }

  @PostMapping(IncentiveNotices.PAGE + "/{program}/withdraw")
  public String submit(
      @PathVariable String program,
      Model model,
      HttpServletResponse response,
      @RequestParam(required = false) String email,
      @RequestParam(required = false) String accountId,
      @RequestParam(required = false) String name) {
    Optional<IncentiveProgram> found = kind.program(program);
    if (found.isEmpty()) {
      return notFound(model, response);
    }
    Map<String, String> errors = new LinkedHashMap<>();
    boolean noEmail = IdentifierFormats.absent(email);
    boolean noAccount = IdentifierFormats.absent(accountId);
    if (noEmail && noAccount) {
      errors.put("email", "Enter the email address you use with us, or your account number, so we can find your membership.");
    } else if (!noEmail && IdentifierFormats.emailProblem(email) != null) {
      errors.put("email", "Enter an email address like name@example.com.");
    }
    if (!noAccount && IdentifierFormats.accountIdProblem(accountId) != null) {
      errors.put("accountId", "Enter your account number as it appears in your account: letters, digits or . _ : @ -");
    }
    if (IdentifierFormats.hasForbiddenCharacters(name)) {
      errors.put("name", EvidenceForm.FORBIDDEN_CHARACTERS);
    } else if (name != null && name.trim().length() > IdentifierFormats.MAX_TEXT_LENGTH) {
      errors.put("name", "Enter at most 200 characters.");
    }
    if (errors.isEmpty()) {
      try {
        IntakeRequest body = new IntakeRequest(
            RequestType.INCENTIVE_WITHDRAWAL.name(), blankToNull(email), blankToNull(name), null, null, null, null, null, null, null,
            blankToNull(accountId), null, null, List.of(found.get().id()));
        CaseRecord record = intake.submit(body, Channel.WEB_FORM, null).record();
        model.addAttribute("requestId", record.requestId().value());
        model.addAttribute("programs", kind.programNames(record));
        model.addAttribute("recipientsBy", DATE.format(record.dueAt().atZone(zone)));
        model.addAttribute("inviteAgainFrom", DATE.format(kind.inviteAgainFrom(record.receivedAt())));
        model.addAttribute("statusUrl",
            "/privacy/requests/" + record.requestId().value() + "?token=" + secrets.statusToken(record.requestId()));
        model.addAttribute("businessName", businessName);
        model.addAttribute("optOutHonored", false);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        return "privacy/incentive-withdraw-done";
      } catch (InvalidRequestException e) {
        e.fields().forEach((field, message) -> errors.put(field.startsWith("incentivePrograms") || field.equals("type") ? "email" : field,
            EvidenceForm.capitalise(message)));
      }
    }
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    prepare(model, found.get(), orEmpty(email), orEmpty(accountId), orEmpty(name), errors);
    return "privacy/incentive-withdraw";
  }

  private void prepare(Model model, IncentiveProgram program, String email, String accountId, String name, Map<String, String> errors) {
    model.addAttribute("title", "Withdraw from " + program.name());
    model.addAttribute("program", program);
    model.addAttribute("noticeUrl", IncentiveNotices.PAGE);
    model.addAttribute("email", email);
    model.addAttribute("accountId", accountId);
    model.addAttribute("name", name);
    model.addAttribute("errors", errors);
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
  }

  private String notFound(Model model, HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
    model.addAttribute("title", "Program not found");
    model.addAttribute("message", "We offer no financial incentive program at this address. Our notice lists every program we offer.");
    return "privacy/incentive-missing";
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
