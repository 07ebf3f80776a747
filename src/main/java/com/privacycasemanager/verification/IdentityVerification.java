package com.privacycasemanager.verification;

import com.privacycasemanager.datamap.Collector;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DataMap;
import com.privacycasemanager.notification.ConsumerMail;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestKinds;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.request.VerificationLevel;
import jakarta.mail.MessagingException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code ${identityVerification}}: the steps of the {@code verify-identity} process, and the
 * confirmation and resend actions of the consumer's confirmation page.
 *
 * <p>Levels: two or more matched data points are a reasonable degree of certainty (no email link
 * is then needed for a categories request); so is a confirmed email; a confirmed email, three
 * matched data points and a signed declaration under
 * penalty of perjury are a reasonably high degree (§7062(b)–(c)). An agent's request also needs the
 * reviewer's approval of the signed permission, and the consumer's own confirmation (§7063(a)).
 */
@Component("identityVerification")
public class IdentityVerification {

  /** The message the confirmation page sends to the waiting {@code verify-identity} instance. */
  public static final String EMAIL_CONFIRMED = "IdentityEmailConfirmed";
  /** The message an agent's upload of the signed permission sends to the waiting instance. */
  public static final String AGENT_PERMISSION_UPLOADED = "AgentPermissionUploaded";
  static final String REVIEW_AGENT_PERMISSION = "Task_ReviewAgentPermission";
  static final String PERMISSION_ON_FILE = "agentPermissionOnFile";
  public static final int MAX_LINKS = 5;
  static final Duration LINK_VALIDITY = Duration.ofHours(24);

  private final VerificationRepository verifications;
  private final CaseRepository cases;
  private final Collector collector;
  private final ConnectedSystems systems;
  private final ConsumerMail mail;
  private final RequestKinds kinds;
  private final RuntimeService runtime;
  private final Secrets secrets;
  private final Clock clock;
  private final ZoneId zone;
  private final int windowDays;
  private final int agentPermissionDays;
  private final String publicBaseUrl;
  private final SecureRandom random = new SecureRandom();

  public IdentityVerification(
      VerificationRepository verifications,
      CaseRepository cases,
      Collector collector,
      ConnectedSystems systems,
      ConsumerMail mail,
      RequestKinds kinds,
      @Lazy RuntimeService runtime,
      Secrets secrets,
      Clock clock,
      @Value("${privacy.time-zone}") ZoneId zone,
      @Value("${privacy.verification.window-days:21}") int windowDays,
      @Value("${privacy.verification.agent-permission-days:7}") int agentPermissionDays,
      @Value("${privacy.public-base-url}") String publicBaseUrl) {
    if (windowDays < 1 || windowDays > 40) {
      throw new IllegalStateException("privacy.verification.window-days must be 1–40 so an unverified request closes before day 45");
    }
    if (agentPermissionDays < 1 || agentPermissionDays >= windowDays) {
      throw new IllegalStateException("privacy.verification.agent-permission-days must be at least 1 and less than"
          + " privacy.verification.window-days, so the consumer can still confirm after the agent's permission is reviewed");
    }
    this.agentPermissionDays = agentPermissionDays;
    this.verifications = verifications;
    this.cases = cases;
    this.collector = collector;
    this.systems = systems;
    this.mail = mail;
    this.kinds = kinds;
    this.runtime = runtime;
    this.secrets = secrets;
    this.clock = clock;
    this.zone = zone;
    this.windowDays = windowDays;
    this.publicBaseUrl = publicBaseUrl;
  }

  /** First step: the evidence record, and whether an agent's permission must be reviewed. */
  public void start(DelegateExecution execution) {
    RequestId id = id(execution);
    CaseRecord record = cases.get(id);
    VerificationLevel required = kinds.of(record).requiredLevel(record);
    verifications.open(id, required);
    verifications.require(id, required);
    cases.updateStatus(id, CaseStatus.VERIFYING);
    execution.setVariable("agentRequest", record.channel() == Channel.AGENT);
    cases.recordEvent(id, "VERIFICATION_STARTED", "required=" + required, clock.instant());
  }

  /**
   * Whether the agent has uploaded the signed permission: decides whether the process waits for the
   * upload, and is what the review form shows. Read under the verification row's lock, so an upload
   * at the same moment either is seen here or finds the process waiting (and the task) it correlates
   * with.
   */
  public boolean agentPermissionOnFile(DelegateExecution execution) {
    return verifications.agentPermissionOnFileLocked(id(execution));
  }

  /** How long an agent's request waits for the signed permission: end of day {@code agent-permission-days} after receipt. */
  public Date agentPermissionWaitEnd(DelegateExecution execution) {
    return endOfDay(cases.get(id(execution)).receivedAt(), agentPermissionDays);
  }

  /**
   * The agent uploaded the signed permission (in the upload's transaction, after the verification
   * row was updated): a case waiting for it goes on to the review, and an open review task shows it.
   */
  public void agentPermissionUploaded(RequestId id) {
    runtime.createMessageCorrelation(AGENT_PERMISSION_UPLOADED).processInstanceBusinessKey(id.value()).correlateAll();
    for (var review : runtime.createExecutionQuery().processInstanceBusinessKey(id.value()).activityId(REVIEW_AGENT_PERMISSION).list()) {
      runtime.setVariableLocal(review.getId(), PERMISSION_ON_FILE, true);
    }
  }

  /** Sends the consumer a fresh single-use confirmation link (an async step with mail retries). */
  public void sendLink(DelegateExecution execution) throws MessagingException {
    sendLink(id(execution));
  }

  @Transactional
  public void sendLink(RequestId id) throws MessagingException {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant now = clock.instant();
    verifications.storeToken(id, Secrets.sha256Hex(token), now.plus(LINK_VALIDITY));
    CaseRecord record = cases.get(id);
    Map<String, Object> extra = new HashMap<>();
    extra.put("confirmUrl", publicBaseUrl + "/privacy/verify/" + id.value() + "?t=" + token);
    extra.put("agentName", record.subject().agentName());
    mail.send(record, "confirm-identity", extra);
    cases.recordEvent(id, "VERIFICATION_LINK_SENT", null, now);
  }

  /** What a confirmation attempt came to. */
  public enum Confirmation {
    CONFIRMED,
    ALREADY_CONFIRMED,
    EXPIRED,
    INVALID,
    CLOSED
  }

  /**
   * The state a confirmation link is in, for the page that opens it (nothing changes). The token
   * comes first: without the newest link a confirmed or closed request answers as an unknown id
   * does, so ids cannot be probed.
   */
  public Confirmation check(RequestId id, String token) {
    var evidence = verifications.find(id);
    if (evidence.isEmpty() || token == null) {
      return Confirmation.INVALID;
    }
    var e = evidence.get();
    if (e.tokenHash() == null || !java.security.MessageDigest.isEqual(
        e.tokenHash().getBytes(), Secrets.sha256Hex(token).getBytes())) {
      return Confirmation.INVALID;
    }
    if (e.emailConfirmedAt() != null) {
      return Confirmation.ALREADY_CONFIRMED;
    }
    if (e.decidedAt() != null) {
      return Confirmation.CLOSED;
    }
    if (!clock.instant().isBefore(e.tokenExpiresAt())) {
      return Confirmation.EXPIRED;
    }
    return Confirmation.CONFIRMED;
  }

  /** The consumer pressed "Confirm" (a POST: mail scanners prefetch links with GET). */
  @Transactional
  public Confirmation confirm(RequestId id, String token) {
    Confirmation state = check(id, token);
    if (state != Confirmation.CONFIRMED) {
      return state;
    }
    Instant now = clock.instant();
    if (!verifications.confirm(id, Secrets.sha256Hex(token), now)) {
      return Confirmation.ALREADY_CONFIRMED;
    }
    cases.recordEvent(id, "EMAIL_CONFIRMED", null, now);
    runtime.createMessageCorrelation(EMAIL_CONFIRMED).processInstanceBusinessKey(id.value()).correlate();
    return Confirmation.CONFIRMED;
  }

  /**
   * A new link, asked for from the confirmation page: only while the case waits for a
   * confirmation (a first link went out, none was confirmed, the window is open), and at most
   * {@value #MAX_LINKS} links per case.
   */
  @Transactional
  public boolean resend(RequestId id) throws MessagingException {
    var evidence = verifications.find(id);
    if (evidence.isEmpty() || evidence.get().linksSent() == 0 || evidence.get().emailConfirmedAt() != null
        || evidence.get().decidedAt() != null || evidence.get().linksSent() >= MAX_LINKS) {
      return false;
    }
    sendLink(id);
    return true;
  }

  /** When an unconfirmed request stops waiting: end of day {@code window-days} after receipt. */
  public Date windowEnd(DelegateExecution execution) {
    return endOfDay(cases.get(id(execution)).receivedAt(), windowDays);
  }

  private Date endOfDay(Instant received, int daysAfter) {
    LocalDate last = received.atZone(zone).toLocalDate().plusDays(daysAfter);
    return Date.from(last.atTime(LocalTime.of(23, 59, 59)).atZone(zone).toInstant());
  }

  /**
   * The reviewer's decision on an agent's signed permission, kept as evidence with the note (the
   * review task's own entry of the audit chain records the decision and who made it).
   */
  public void recordAgentReview(DelegateExecution execution) {
    RequestId id = id(execution);
    boolean approved = Boolean.TRUE.equals(execution.getVariable("approved"));
    Object note = execution.getVariable("reviewNote");
    verifications.recordAgentReview(id, (approved ? "approved" : "refused") + " by " + currentUser(execution)
        + (note == null || note.toString().isBlank() ? "" : ": " + note));
  }

  private static String currentUser(DelegateExecution execution) {
    String user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication() == null
        ? null
        : execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId();
    return user == null ? "a reviewer" : user;
  }

  /**
   * Before any email link: a request that needs only a reasonable degree of certainty (categories)
   * is verified when two or more offered data points match what the business holds (§7062(b)).
   * Sets {@code verifiedByDataPoints}; otherwise the consumer confirms by email.
   */
  public void tryDataPoints(DelegateExecution execution) {
    RequestId id = id(execution);
    CaseRecord record = cases.get(id);
    boolean enough = false;
    if (verifications.find(id).orElseThrow().required() == VerificationLevel.REASONABLE && record.channel() != Channel.AGENT) {
      List<String> matched = matchDataPoints(record, verifications.dataPoints(id));
      if (matched.size() >= 2) {
        decide(execution, id, VerificationLevel.REASONABLE, matched);
        enough = true;
      }
    }
    execution.setVariable("verifiedByDataPoints", enough);
  }

  /** After the email is confirmed: compares the data points and decides the level reached. */
  public void evaluate(DelegateExecution execution) {
    RequestId id = id(execution);
    CaseRecord record = cases.get(id);
    var evidence = verifications.find(id).orElseThrow();
    List<String> matched = matchDataPoints(record, verifications.dataPoints(id));
    boolean agentRefused = record.channel() == Channel.AGENT && Boolean.FALSE.equals(execution.getVariable("approved"));
    VerificationLevel level;
    if (agentRefused || evidence.emailConfirmedAt() == null) {
      level = VerificationLevel.NONE;
    } else if (matched.size() >= 3 && evidence.declared()) {
      level = VerificationLevel.HIGH;
    } else {
      level = VerificationLevel.REASONABLE;
    }
    decide(execution, id, level, matched);
  }

  /** The window closed without a confirmed email, or the agent's permission was refused. */
  public void unverified(DelegateExecution execution) {
    decide(execution, id(execution), VerificationLevel.NONE, List.of());
  }

  private void decide(DelegateExecution execution, RequestId id, VerificationLevel level, List<String> matched) {
    Instant now = clock.instant();
    verifications.decide(id, level, matched, now);
    verifications.forgetDataPoints(id);
    VerificationLevel required = verifications.find(id).orElseThrow().required();
    execution.setVariable("verificationLevel", level.name());
    execution.setVariable("verified", level.atLeast(required));
    if (level != VerificationLevel.NONE) {
      cases.markVerified(id, now);
    }
    cases.recordEvent(id, "VERIFICATION_DECIDED", "level=" + level + " required=" + required + " matched=" + matched.size(), now);
  }

  /**
   * The names of the data points whose value equals, after normalising, a value the business holds
   * for this consumer in a column the data map marks as verifying that data point. For a request
   * to correct, a data point held in a column whose field is contested does not count (§7060(h)).
   */
  List<String> matchDataPoints(CaseRecord record, Map<String, String> offered) {
    if (offered.isEmpty() || !record.subject().hasEmail() && !record.subject().hasAccount()) {
      return List.of();
    }
    Map<String, Set<String>> held = new HashMap<>();
    DataMap map = systems.map();
    Set<String> contested = kinds.of(record).contestedFields(record);
    for (Map<String, Object> row : collector.identityRows(record.subject())) {
      row.forEach((qualified, value) -> {
        String[] parts = qualified.split("\\.", 3);
        DataMap.Column column = map.system(parts[0]).flatMap(s -> s.table(parts[1])).map(t -> t.columns().get(parts[2])).orElse(null);
        String verifies = column == null ? null : column.verifies();
        if (verifies != null && value != null && !contested.contains(column.fieldOr(parts[2]))) {
          held.computeIfAbsent(verifies, k -> new HashSet<>()).add(normalise(value.toString()));
        }
      });
    }
    List<String> matched = new ArrayList<>();
    offered.forEach((name, value) -> {
      if (held.getOrDefault(name, Set.of()).contains(normalise(value))) {
        matched.add(name);
      }
    });
    return matched;
  }

  private static final java.util.regex.Pattern US_DATE =
      java.util.regex.Pattern.compile("^\\s*(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})\\s*$");

  /**
   * Case, spacing and punctuation do not count; phone numbers compare by their last ten digits; a
   * US date (MM/DD/YYYY) compares as the ISO date it names.
   */
  static String normalise(String value) {
    java.util.regex.Matcher date = US_DATE.matcher(value);
    if (date.matches()) {
      value = date.group(3) + String.format("%02d%02d", Integer.parseInt(date.group(1)), Integer.parseInt(date.group(2)));
    }
    String plain = value.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    if (plain.length() > 10 && plain.chars().allMatch(Character::isDigit)) {
      return plain.substring(plain.length() - 10);
    }
    return plain;
  }

  private static RequestId id(DelegateExecution execution) {
    return new RequestId(execution.getProcessBusinessKey());
  }
}
