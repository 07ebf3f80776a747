package com.privacycasemanager.admt;

import com.privacycasemanager.datamap.AdmtUse;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.notification.Delivery;
import com.privacycasemanager.notification.DeliveryRepository;
import com.privacycasemanager.notification.DeliveryStatus;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.CcpaCategory;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.RequestGroup;
import com.privacycasemanager.request.RequestKind;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.VerificationLevel;
import java.time.Instant;
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
 * The request to opt out of automated decisionmaking technology (11 CCR §7221): never verified
 * (f), only what finds the consumer in the decision systems (an email address or an account id);
 * one choice for all uses (i) or per-use choices among the data map's uses that offer the
 * opt-out; applied at once (m); service providers and contractors told to comply within 15
 * business days of receipt (n)(2); the status page confirms it was processed (h); nothing asks the
 * consumer to opt back in for 12 months (k): the check API says from which day the business may.
 */
@Component
class AdmtOptOutKind implements RequestKind {

  /** At most this many uses named in one request. */
  static final int MAX_USES = 50;

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

  private final ConnectedSystems systems;
  private final AdmtOptOutRepository optOuts;
  private final DeliveryRepository deliveries;
  private final ZoneId zone;

  AdmtOptOutKind(
      ConnectedSystems systems,
      AdmtOptOutRepository optOuts,
      DeliveryRepository deliveries,
      @Value("${privacy.time-zone}") ZoneId zone) {
    this.systems = systems;
    this.optOuts = optOuts;
    this.deliveries = deliveries;
    this.zone = zone;
  }

  @Override
  public Set<RequestType> types() {
    return EnumSet.of(RequestType.ADMT_OPT_OUT);
  }

  @Override
  public String mailName(RequestType type) {
    return "opt-out of automated decisionmaking technology";
  }

  @Override
  public VerificationLevel verification(RequestType type) {
    return VerificationLevel.NONE;
  }

  @Override
  public Optional<RequestGroup> metricsGroup(RequestType type) {
    return Optional.of(RequestGroup.ADMT_OPT_OUT);
  }

  /** The data map's uses a consumer may opt out of (no §7221(b) exception relied on), in map order. */
  List<AdmtUse> optOutUses() {
    return systems.map().admt().stream().filter(AdmtUse::optOutOffered).toList();
  }

  @Override
  public void validate(RequestType type, IntakeRequest body, Map<String, String> problems) {
    RequestKind.refuseFieldsOfOtherRights(body, problems, "admtUses");
    if (absent(body.email()) && absent(body.accountId())) {
      problems.putIfAbsent("email",
          "is required (or accountId): our decision systems know you by your email address or account, not by your browser");
    }
    List<AdmtUse> offered = optOutUses();
    if (offered.isEmpty()) {
      problems.put("type", "we use no automated decisionmaking technology you can opt out of");
      return;
    }
    List<String> uses = body.admtUses();
    if (uses == null) {
      return;
    }
    if (uses.size() > MAX_USES) {
      problems.put("admtUses", "at most " + MAX_USES + " uses");
      return;
    }
    List<String> ids = offered.stream().map(AdmtUse::id).toList();
    for (int i = 0; i < uses.size(); i++) {
      String use = uses.get(i);
      if (use == null || !ids.contains(use)) {
        problems.put("admtUses[" + i + "]", "is not a use you can opt out of; use one of " + ids + ", or name none for all");
      }
    }
  }

  @Override
  public void beforeStart(CaseRecord record, IntakeRequest body) {
    optOuts.record(record.requestId(), body.admtUses() == null ? List.of() : body.admtUses());
  }

  /** How the pages name what the opt-out covers: the uses' names, or "every use" for the all-uses option. */
  List<String> coveredNames(CaseRecord record) {
    List<String> uses = optOuts.usesOf(record.requestId());
    if (uses.isEmpty()) {
      return List.of("every automated decisionmaking technology we use, now or later, for a significant decision about you");
    }
    return uses.stream().map(id -> systems.map().admtUse(id).map(AdmtUse::name).orElse(id)).toList();
  }

  @Override
  public String statusTemplate() {
    return "privacy/status-admt-opt-out";
  }

  @Override
  public Map<String, Object> statusPage(CaseRecord record) {
    List<Delivery> told = deliveries.forRequest(record.requestId().value());
    long confirmed = told.stream().filter(d -> d.status() == DeliveryStatus.ACKNOWLEDGED).count();
    return Map.of(
        "admtOptOut",
        new StatusView(
            coveredNames(record),
            record.status() == CaseStatus.RECEIVED ? null : date(record.receivedAt()),
            date(record.dueAt()),
            told.size(),
            (int) confirmed,
            record.completedAt() != null,
            DATE.format(record.receivedAt().atZone(zone).toLocalDate().plusMonths(12))));
  }

  /**
   * What the consumer's status page confirms (§7221(h)).
   *
   * @param inEffectSince the day the opt-out took effect (null while not applied yet)
   * @param recipientsBy the day every service provider and contractor must have complied by
   * @param completed whether every recipient has confirmed (or none had to be told)
   * @param doNotAskBefore the first day the business may ask the consumer to consent again
   */
  record StatusView(
      List<String> covered, String inEffectSince, String recipientsBy, int recipientsTold, int recipientsConfirmed,
      boolean completed, String doNotAskBefore) {}

  @Override
  public Map<String, Object> mailDetails(CaseRecord record, String template) {
    return Map.of(
        "admtCovered", coveredNames(record),
        "doNotAskBefore", DATE.format(record.receivedAt().atZone(zone).toLocalDate().plusMonths(12)));
  }

  @Override
  public String caseFileTemplate() {
    return "staff/case-admt-opt-out";
  }

  @Override
  public Map<String, Object> caseFile(CaseRecord record) {
    List<String> uses = optOuts.usesOf(record.requestId());
    return Map.of("admtOptOutUses", uses.isEmpty() ? List.of("all uses (present and future)") : uses);
  }

  @Override
  public Map<String, Object> export(CaseRecord record) {
    List<String> uses = optOuts.usesOf(record.requestId());
    Map<String, Object> admt = new LinkedHashMap<>();
    admt.put("allUses", uses.isEmpty());
    admt.put("uses", uses);
    return Map.of("admtOptOut", admt);
  }

  /** Service providers and contractors (§7221(n)(2)); third parties receive no personal information for ADMT here. */
  @Override
  public boolean tellsThirdParties(RequestType type) {
    return false;
  }

  @Override
  public List<String> recipientInstructions(CaseRecord record, Set<CcpaCategory> recipientCategories) {
    return List.of("STOP_ADMT_PROCESSING");
  }

  /** The uses the recipient must stop processing the consumer's information with ({@code "all"} for every use). */
  @Override
  public Map<String, Object> recipientDetails(CaseRecord record, Set<CcpaCategory> recipientCategories) {
    List<String> uses = optOuts.usesOf(record.requestId());
    return Map.of("admtUses", uses.isEmpty() ? List.of("all") : uses);
  }

  private String date(Instant at) {
    return at == null ? null : DATE.format(at.atZone(zone));
  }

  private static boolean absent(String s) {
    return s == null || s.isBlank();
  }
}
