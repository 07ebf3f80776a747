package com.privacycasemanager.incentive;

import com.privacycasemanager.datamap.IncentiveProgram;
import com.privacycasemanager.incentive.IncentiveConsents.ConsentChannel;
import com.privacycasemanager.incentive.IncentiveConsents.Decision;
import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.IdentifierType;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.request.IdentifierFormats;
import com.privacycasemanager.request.Secrets;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The consumer's pages of the financial incentive programs, plain HTML that works without
 * JavaScript: {@code /privacy/incentives} (every program's Notice of Financial Incentive, linked
 * from the privacy policy), {@code /privacy/incentives/{program}} (one notice), and {@code
 * /privacy/incentives/{program}/join}, where a consumer opts in after reading the notice.
 *
 * <p>The join page cannot know who types an email address, so it records nothing at once: it mails
 * a link to that address, and the opt-in is recorded (channel {@code PRIVACY_PAGE}, the notice
 * version shown on the page) only when the consumer opens the link and confirms within 7 days. The
 * link carries the program, the notice version and the keyed hash of the address, signed; never
 * the address itself.
 */
@Controller
class IncentivePagesController {

  /** How long a join link can be confirmed. */
  static final Duration LINK_VALIDITY = Duration.ofDays(7);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);
  private static final String PURPOSE = "incentive-join";

  private final IncentiveNotices notices;
  private final IncentiveConsents consents;
  private final PreferenceStore preferences;
  private final Secrets secrets;
  private final JavaMailSender mail;
  private final Clock clock;
  private final ZoneId zone;
  private final String businessName;
  private final String from;
  private final String publicBaseUrl;

  IncentivePagesController(
      IncentiveNotices notices,
      IncentiveConsents consents,
      PreferenceStore preferences,
      Secrets secrets,
      JavaMailSender mail,
      Clock clock,
      @Value("${privacy.time-zone}") ZoneId zone,
      @Value("${privacy.mail.business-name}") String businessName,
      @Value("${privacy.mail.from}") String from,
      @Value("${privacy.public-base-url}") String publicBaseUrl) {
    this.notices = notices;
    this.consents = consents;
    this.preferences = preferences;
    this.secrets = secrets;
    this.mail = mail;
    this.clock = clock;
    this.zone = zone;
    this.businessName = businessName;
    this.from = from;
    this.publicBaseUrl = publicBaseUrl;
  }

  @GetMapping(IncentiveNotices.PAGE)
  public String all(Model model) {
    model.addAttribute("notices", notices.all());
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
    return "privacy/incentives";
  }

  @GetMapping(IncentiveNotices.PAGE + "/{program}")
  public String notice(@PathVariable String program, Model model) {
    model.addAttribute("n", find(program).map(notices::notice).orElseThrow(ProgramNotFound::new));
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
    return "privacy/incentive";
  }

  @GetMapping(IncentiveNotices.PAGE + "/{program}/join")
  public String joinForm(@PathVariable String program, Model model) {
    IncentiveProgram p = find(program).orElseThrow(ProgramNotFound::new);
    prepare(model, p, "", Map.of());
    return "privacy/incentive-join";
  }

  @PostMapping(IncentiveNotices.PAGE + "/{program}/join")
  public String join(
      @PathVariable String program,
      @RequestParam(required = false) String email,
      @RequestParam(required = false) String agree,
      @RequestParam(required = false) String noticeVersion,
      Model model,
      HttpServletResponse response) {
    IncentiveProgram p = find(program).orElseThrow(ProgramNotFound::new);
    Map<String, String> problems = new LinkedHashMap<>();
    String current = notices.publish(p);
    String emailProblem = email == null || email.isBlank() ? "Enter your email address." : IdentifierFormats.emailProblem(email);
    if (emailProblem != null) {
      problems.put("email", emailProblem.endsWith(".") ? emailProblem : "Your email address " + emailProblem + ".");
    }
    if (!"yes".equals(agree)) {
      problems.put("agree", "Tick the box to agree to the terms: we enrol nobody without it.");
    }
    if (!current.equals(noticeVersion)) {
      problems.put("noticeVersion", "The terms changed while you were reading them. Please read the notice below again.");
    }
    if (!p.offerable()) {
      problems.put("program", p.name() + " cannot be joined at the moment.");
    }
    if (!problems.isEmpty()) {
      response.setStatus(400);
      prepare(model, p, email == null ? "" : email, problems);
      return "privacy/incentive-join";
    }
    Identifier identifier = Identifier.email(email);
    String link = publicBaseUrl + IncentiveNotices.PAGE + "/" + p.id() + "/join/confirm?t="
        + token(p.id(), current, preferences.keyOf(identifier), clock.instant());
    try {
      send(identifier.value(), p, link);
    } catch (MessagingException | MailException e) {
      // the address is not logged: only that the mail could not go
      response.setStatus(503);
      prepare(model, p, email, Map.of("email", "We could not send the email just now. Please try again in a few minutes."));
      return "privacy/incentive-join";
    }
    model.addAttribute("program", p);
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
    model.addAttribute("validUntil", DATE.format(clock.instant().plus(LINK_VALIDITY).atZone(zone)));
    return "privacy/incentive-join-sent";
  }

  @GetMapping(IncentiveNotices.PAGE + "/{program}/join/confirm")
  public String confirmForm(@PathVariable String program, @RequestParam(required = false) String t, Model model, HttpServletResponse response) {
    IncentiveProgram p = find(program).orElseThrow(ProgramNotFound::new);
    Optional<JoinToken> token = confirmable(p, t, model, response);
    if (token.isEmpty()) {
      return "privacy/incentive-join-confirm";
    }
    model.addAttribute("noticeVersion", token.get().version());
    return "privacy/incentive-join-confirm";
  }

  @PostMapping(IncentiveNotices.PAGE + "/{program}/join/confirm")
  public String confirm(@PathVariable String program, @RequestParam(required = false) String t, Model model, HttpServletResponse response) {
    IncentiveProgram p = find(program).orElseThrow(ProgramNotFound::new);
    Optional<JoinToken> token = confirmable(p, t, model, response);
    if (token.isEmpty()) {
      return "privacy/incentive-join-confirm";
    }
    String current = notices.publish(p);
    if (!current.equals(token.get().version()) || !p.offerable()) {
      response.setStatus(409);
      model.addAttribute("problem", "The terms of " + p.name() + " changed after we sent you this link. Please read the new notice and join again.");
      return "privacy/incentive-join-confirm";
    }
    Map<String, IdentifierType> keys = Map.of(token.get().identifierKey(), IdentifierType.EMAIL);
    boolean already = consents.enrolledByKey(p.id(), token.get().identifierKey());
    if (!already) {
      consents.recordByKey(p, Decision.OPT_IN, keys, current, ConsentChannel.PRIVACY_PAGE, null, null);
    }
    model.addAttribute("joined", true);
    model.addAttribute("already", already);
    return "privacy/incentive-join-confirm";
  }

  /** No program at the address: the same page the withdrawal's pages answer, with 404. */
  static final class ProgramNotFound extends RuntimeException {
    ProgramNotFound() {
      super("no such financial incentive program", null, false, false);
    }
  }

  @ExceptionHandler(ProgramNotFound.class)
  ModelAndView notFound() {
    ModelAndView page = new ModelAndView("privacy/incentive-missing", HttpStatus.NOT_FOUND);
    page.addObject("businessName", businessName);
    page.addObject("optOutHonored", false);
    page.addObject("title", "Program not found");
    page.addObject("message", "We offer no financial incentive program at this address. Our notice lists every program we offer.");
    return page;
  }

  /**
   * The confirmation page's model for a link, and the link's content when it is valid for the
   * program; otherwise the page's problem and status 410.
   */
  private Optional<JoinToken> confirmable(IncentiveProgram program, String t, Model model, HttpServletResponse response) {
    Optional<JoinToken> token = JoinToken.parse(t).filter(this::valid).filter(j -> j.program().equals(program.id()));
    model.addAttribute("program", program);
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
    model.addAttribute("token", t);
    if (token.isEmpty()) {
      response.setStatus(410);
      model.addAttribute("problem", "This link is not valid any more. Links work for 7 days; you can ask for a new one on the join page.");
    }
    return token;
  }

  private Optional<IncentiveProgram> find(String id) {
    return notices.program(id);
  }

  private void prepare(Model model, IncentiveProgram program, String email, Map<String, String> problems) {
    model.addAttribute("n", notices.notice(program));
    model.addAttribute("email", email);
    model.addAttribute("errors", problems);
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
  }

  private void send(String to, IncentiveProgram program, String link) throws MessagingException {
    MimeMessage message = mail.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
    helper.setFrom(from);
    helper.setTo(to);
    helper.setSubject("Confirm that you want to join " + program.name());
    helper.setText("Hello,\n\nSomeone, we hope you, asked to join " + program.name() + " at " + businessName
        + " with this email address.\n\nTo join, open this link within 7 days and confirm:\n" + link
        + "\n\nThe terms you agree to are in the Notice of Financial Incentive:\n" + publicBaseUrl + IncentiveNotices.PAGE + "/"
        + program.id() + "\n\nIf you did not ask to join, ignore this email: nothing changes.\n\n" + businessName + "\n", false);
    mail.send(message);
  }

  /** A join link's content: program, notice version, the address's keyed hash, when issued. */
  record JoinToken(String program, String version, String identifierKey, Instant issued, String signature) {

    static Optional<JoinToken> parse(String token) {
      if (token == null || token.length() > 400) {
        return Optional.empty();
      }
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
        if (parts.length != 5) {
          return Optional.empty();
        }
        return Optional.of(new JoinToken(parts[0], parts[1], parts[2], Instant.ofEpochSecond(Long.parseLong(parts[3])), parts[4]));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }

    String payload() {
      return program + "|" + version + "|" + identifierKey + "|" + issued.getEpochSecond();
    }
  }

  private String token(String program, String version, String identifierKey, Instant issued) {
    String payload = program + "|" + version + "|" + identifierKey + "|" + issued.getEpochSecond();
    String signed = payload + "|" + secrets.hmacHex(PURPOSE, payload);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(signed.getBytes(StandardCharsets.UTF_8));
  }

  private boolean valid(JoinToken token) {
    Instant now = clock.instant();
    boolean fresh = !token.issued().isAfter(now.plusSeconds(300)) && token.issued().plus(LINK_VALIDITY).isAfter(now);
    return fresh && MessageDigest.isEqual(
        secrets.hmacHex(PURPOSE, token.payload()).getBytes(StandardCharsets.US_ASCII), token.signature().getBytes(StandardCharsets.US_ASCII));
  }
}
