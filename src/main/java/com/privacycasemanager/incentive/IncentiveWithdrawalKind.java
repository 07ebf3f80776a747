package com.privacycasemanager.incentive;

import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.IncentiveProgram;
import com.privacycasemanager.incentive.IncentiveConsents.ConsentRecord;
import com.privacycasemanager.notification.Delivery;
import com.privacycasemanager.notification.DeliveryRepository;
import com.privacycasemanager.notification.DeliveryStatus;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CcpaCategory;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.RequestGroup;
import com.privacycasemanager.request.RequestKind;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.VerificationLevel;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The withdrawal from a financial incentive program (Civ. Code §1798.125(b)(3): the consumer "may
 * revoke" the opt-in "at any time"): never verified, only what finds the consumer in the
 * enrolment systems (an email address or an account id); one program, several, or none named
 * for every program the data map declares; applied on receipt to the consent records and the
 * preference store, and dated in each program's enrolment table; the recipients each program
 * names told within 15 business days, the opt-out clock the withdrawal amounts to (ccpa-rules.md
 * §12); not invited to join again for 12 months.
 *
 * <p>Nothing here says whether the consumer was enrolled: a withdrawal of someone who never joined
 * is recorded, starts the same 12 months and gets the same answers, so the request cannot be used
 * to learn who is a member.
 */
@Component
class IncentiveWithdrawalKind implements RequestKind {

  /** At most this many programs named in one request. */
  static final int MAX_PROGRAMS = 50;

  /** The recipients' instruction: stop what the program's consent allowed (its sharing, its sale). */
  static final String STOP_INCENTIVE_PROGRAM = "STOP_INCENTIVE_PROGRAM";

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

  private final ConnectedSystems systems;
  private final IncentiveWithdrawals withdrawals;
  private final IncentiveConsents consents;
  private final DeliveryRepository deliveries;
  private final ZoneId zone;

  IncentiveWithdrawalKind(
      ConnectedSystems systems,
      IncentiveWithdrawals withdrawals,
      IncentiveConsents consents,
      DeliveryRepository deliveries,
      @Value("${privacy.time-zone}") ZoneId zone) {
    this.systems = systems;
    this.withdrawals = withdrawals;
    this.consents = consents;
    this.deliveries = deliveries;
    this.zone = zone;
  }

  @Override
  public Set<RequestType> types() {
    return EnumSet.of(RequestType.INCENTIVE_WITHDRAWAL);
  }

  @Override
  public String mailName(RequestType type) {
    return "withdrawal from a financial incentive program";
  }

  @Override
  public VerificationLevel verification(RequestType type) {
    return VerificationLevel.NONE;
  }

  /** §7102 counts no withdrawals: the metrics leave these cases out. */
  @Override
  public Optional<RequestGroup> metricsGroup(RequestType type) {
    return Optional.empty();
  }

  /** The programs of the data map, in map order. */
  List<IncentiveProgram> programs() {
    return systems.map().incentives();
  }

  Optional<IncentiveProgram> program(String id) {
    return id == null ? Optional.empty() : systems.map().incentive(id);
  }

  @Override
  public void validate(RequestType type, IntakeRequest body, Map<String, String> problems) {
    RequestKind.refuseFieldsOfOtherRights(body, problems, "incentivePrograms");
    if (absent(body.email()) && absent(body.accountId())) {
      problems.putIfAbsent("email",
          "is required (or accountId): our programs know their members by email address or account, not by browser");
    }
    List<String> ids = programs().stream().map(IncentiveProgram::id).toList();
    if (ids.isEmpty()) {
      problems.put("type", "we offer no financial incentive program to withdraw from");
      return;
    }
    List<String> named = body.incentivePrograms();
    if (named == null) {
      return;
    }
    if (named.size() > MAX_PROGRAMS) {
      problems.put("incentivePrograms", "at most " + MAX_PROGRAMS + " programs");
      return;
    }
    for (int i = 0; i < named.size(); i++) {
      if (named.get(i) == null || !ids.contains(named.get(i))) {
        problems.put("incentivePrograms[" + i + "]", "is not a program of ours; use one of " + ids + ", or name none for all");
      }
    }
  }

  /** Stores the programs named, or (none named) every program of the map. */
  @Override
  public void beforeStart(CaseRecord record, IntakeRequest body) {
    List<String> named = body.incentivePrograms();
    withdrawals.record(record.requestId(),
        named == null || named.isEmpty() ? programs().stream().map(IncentiveProgram::id).toList() : named);
  }

  /** The programs the withdrawal names, in map order (an id the map no longer has is kept as it is). */
  List<String> programIds(CaseRecord record) {
    List<String> order = programs().stream().map(IncentiveProgram::id).toList();
    return withdrawals.programsOf(record.requestId()).stream()
        .sorted(java.util.Comparator.comparingInt(id -> order.contains(id) ? order.indexOf(id) : order.size()))
        .toList();
  }

  /** How the pages name the programs withdrawn from. */
  List<String> programNames(CaseRecord record) {
    return programIds(record).stream().map(id -> program(id).map(IncentiveProgram::name).orElse(id)).toList();
  }

  /** When the withdrawal was recorded (null before it is applied). */
  private Instant withdrawnAt(CaseRecord record) {
    return consents.ofRequest(record.requestId()).stream().map(ConsentRecord::decidedAt).min(Instant::compareTo).orElse(null);
  }

  /**
   * The first day the business may invite the consumer to join again: 12 months after the
   * withdrawal, counted in the business's time zone (§1798.125(b)(3); the check API's {@code
   * incentivesDoNotAskBefore} counts the same way).
   */
  LocalDate inviteAgainFrom(Instant withdrawnAt) {
    return withdrawnAt.atZone(zone).toLocalDate().plusMonths(12);
  }

  @Override
  public String statusTemplate() {
    return "privacy/status-incentive-withdrawal";
  }

  @Override
  public Map<String, Object> statusPage(CaseRecord record) {
    List<Delivery> told = deliveries.forRequest(record.requestId().value());
    long confirmed = told.stream().filter(d -> d.status() == DeliveryStatus.ACKNOWLEDGED).count();
    Instant withdrawn = withdrawnAt(record);
    return Map.of(
        "incentiveWithdrawal",
        new StatusView(
            programNames(record),
            withdrawn == null ? null : DATE.format(withdrawn.atZone(zone)),
            DATE.format(record.dueAt().atZone(zone)),
            told.size(),
            (int) confirmed,
            record.completedAt() != null,
            DATE.format(inviteAgainFrom(withdrawn == null ? record.receivedAt() : withdrawn))));
  }

  /**
   * What the consumer's status page confirms.
   *
   * @param programs the programs withdrawn from, by name
   * @param inEffectSince the day the withdrawal took effect (null while not applied yet)
   * @param recipientsBy the day every recipient told must have stopped by
   * @param completed whether every recipient has confirmed (or none had to be told)
   * @param inviteAgainFrom the first day the business may invite the consumer to join again
   */
  record StatusView(
      List<String> programs, String inEffectSince, String recipientsBy, int recipientsTold, int recipientsConfirmed,
      boolean completed, String inviteAgainFrom) {}

  @Override
  public Map<String, Object> mailDetails(CaseRecord record, String template) {
    Instant withdrawn = withdrawnAt(record);
    return Map.of(
        "incentivePrograms", programNames(record),
        "inviteAgainFrom", DATE.format(inviteAgainFrom(withdrawn == null ? record.receivedAt() : withdrawn)));
  }

  @Override
  public String caseFileTemplate() {
    return "staff/case-incentive-withdrawal";
  }

  @Override
  public Map<String, Object> caseFile(CaseRecord record) {
    List<ConsentRecord> recorded = consents.ofRequest(record.requestId());
    List<CaseFileProgram> programs = programIds(record).stream()
        .map(id -> new CaseFileProgram(id, program(id).map(IncentiveProgram::name).orElse(id),
            recorded.stream().filter(c -> c.program().equals(id)).map(ConsentRecord::noticeVersion).findFirst().orElse(null)))
        .toList();
    return Map.of("incentiveWithdrawalPrograms", programs);
  }

  /** A program on the staff case file, with the notice version the withdrawal was recorded under (null before it is applied). */
  record CaseFileProgram(String id, String name, String noticeVersion) {}

  @Override
  public Map<String, Object> export(CaseRecord record) {
    Map<String, Object> withdrawal = new LinkedHashMap<>();
    withdrawal.put("programs", programIds(record));
    withdrawal.put("consentRecords", consents.ofRequest(record.requestId()).stream().map(c -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("program", c.program());
      entry.put("decision", c.decision().name());
      entry.put("noticeVersion", c.noticeVersion());
      entry.put("channel", c.channel().name());
      entry.put("decidedAt", c.decidedAt().toString());
      entry.put("recordedAt", c.recordedAt().toString());
      return entry;
    }).toList());
    return Map.of("incentiveWithdrawal", withdrawal);
  }

  /**
   * Exactly the recipients the programs withdrawn from name ({@code withdrawalRecipients}), each
   * once, whatever the registry registers them for: they are the ones the programs' consent let
   * the business share with or sell to.
   */
  @Override
  public Optional<List<String>> recipientsOf(CaseRecord record) {
    return Optional.of(programIds(record).stream()
        .flatMap(id -> program(id).map(IncentiveProgram::withdrawalRecipients).orElse(List.of()).stream())
        .distinct()
        .toList());
  }

  /** The programs' recipients are third parties as often as not (an advertising network the program shares with). */
  @Override
  public boolean tellsThirdParties(RequestType type) {
    return true;
  }

  @Override
  public List<String> recipientInstructions(CaseRecord record, Set<CcpaCategory> recipientCategories) {
    return List.of(STOP_INCENTIVE_PROGRAM);
  }

  /** The programs withdrawn from that name this recipient: it stops what each one's consent allowed it. */
  @Override
  public Map<String, Object> recipientDetails(CaseRecord record, String recipientId, Set<CcpaCategory> recipientCategories) {
    return Map.of("programs", programIds(record).stream()
        .filter(id -> program(id).map(p -> p.withdrawalRecipients().contains(recipientId)).orElse(false))
        .toList());
  }

  private static boolean absent(String s) {
    return s == null || s.isBlank();
  }
}
