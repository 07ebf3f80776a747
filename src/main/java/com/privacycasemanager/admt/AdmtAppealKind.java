package com.privacycasemanager.admt;

import com.privacycasemanager.datamap.AdmtUse;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CcpaCategory;
import com.privacycasemanager.request.IdentifierFormats;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.RequestGroup;
import com.privacycasemanager.request.RequestKind;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.VerificationLevel;
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
 * The request to appeal an ADMT decision (11 CCR §7221(b)(1)), for the data map's uses that rely
 * on the human-appeal exception instead of offering the opt-out: verified (Article 5; a
 * reasonable degree: the appeal discloses nothing and changes only the decision); the consumer
 * names the decision and says why, optionally with a document; a reviewer of the use's group
 * upholds or overturns it with reasons the consumer reads; the 45/90-day clock of §7021(b).
 */
@Component
class AdmtAppealKind implements RequestKind {

  static final int MAX_STATEMENT = 4000;
  static final int MAX_DECISION = 100;
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

  private final ConnectedSystems systems;
  private final AdmtAppealRepository appeals;
  private final AdmtAppeal steps;
  private final ZoneId zone;

  AdmtAppealKind(ConnectedSystems systems, AdmtAppealRepository appeals, AdmtAppeal steps, @Value("${privacy.time-zone}") ZoneId zone) {
    this.systems = systems;
    this.appeals = appeals;
    this.steps = steps;
    this.zone = zone;
  }

  @Override
  public Set<RequestType> types() {
    return EnumSet.of(RequestType.ADMT_APPEAL);
  }

  @Override
  public String mailName(RequestType type) {
    return "appeal of an automated decision";
  }

  @Override
  public VerificationLevel verification(RequestType type) {
    return VerificationLevel.REASONABLE;
  }

  /** §7102 has no row for appeals (ccpa-rules §10.1: none found). */
  @Override
  public Optional<RequestGroup> metricsGroup(RequestType type) {
    return Optional.empty();
  }

  /** The uses a consumer may appeal, in map order. */
  List<AdmtUse> appealUses() {
    return systems.map().admt().stream().filter(AdmtUse::appealOffered).toList();
  }

  @Override
  public void validate(RequestType type, IntakeRequest body, Map<String, String> problems) {
    RequestKind.refuseFieldsOfOtherRights(body, problems, "appeal");
    List<String> ids = appealUses().stream().map(AdmtUse::id).toList();
    if (ids.isEmpty()) {
      problems.put("type", "we rely on no human appeal for an automated decision; see our notice for your other rights");
      return;
    }
    IntakeRequest.Appeal appeal = body.appeal();
    if (appeal == null) {
      problems.put("appeal", "is required: the use, the decision and why you appeal it");
      return;
    }
    if (appeal.use() == null || !ids.contains(appeal.use())) {
      problems.put("appeal.use", "is not a decision you can appeal; use one of " + ids);
    }
    if (!IdentifierFormats.absent(appeal.decision())) {
      String problem = IdentifierFormats.textProblem(appeal.decision(), MAX_DECISION);
      if (problem != null) {
        problems.put("appeal.decision", problem);
      }
    }
    if (IdentifierFormats.absent(appeal.statement())) {
      problems.put("appeal.statement", "is required: say why you think the decision is wrong");
    } else {
      String problem = IdentifierFormats.textProblem(appeal.statement(), MAX_STATEMENT);
      if (problem != null) {
        problems.put("appeal.statement", problem);
      }
    }
  }

  @Override
  public void beforeStart(CaseRecord record, IntakeRequest body) {
    IntakeRequest.Appeal appeal = body.appeal();
    appeals.record(record.requestId(), appeal.use(), IdentifierFormats.absent(appeal.decision()) ? null : appeal.decision().trim(),
        appeal.statement().trim());
  }

  @Override
  public String engineRestRefusal(RequestType type) {
    return "an appeal needs the use, the decision and the consumer's statement: submit it through POST /api/privacy/requests";
  }

  @Override
  public String statusTemplate() {
    return "privacy/status-admt-appeal";
  }

  @Override
  public Map<String, Object> statusPage(CaseRecord record) {
    return appeals.find(record.requestId()).filter(AdmtAppealRepository.Appeal::decided)
        .map(a -> Map.<String, Object>of("admtAppeal", outcomeView(a))).orElse(Map.of());
  }

  @Override
  public Map<String, Object> mailDetails(CaseRecord record, String template) {
    return appeals.find(record.requestId()).filter(AdmtAppealRepository.Appeal::decided)
        .map(a -> Map.<String, Object>of("appealOutcome", outcomeView(a))).orElse(Map.of());
  }

  /** What the consumer reads of the outcome. */
  record OutcomeView(String use, boolean overturned, String reasons, String decidedOn) {}

  private OutcomeView outcomeView(AdmtAppealRepository.Appeal a) {
    String use = systems.map().admtUse(a.useId()).map(AdmtUse::name).orElse(a.useId());
    return new OutcomeView(use, AdmtAppeal.OVERTURNED.equals(a.outcome()), a.reasons(),
        a.decidedAt() == null ? null : DATE.format(a.decidedAt().atZone(zone)));
  }

  @Override
  public String caseFileTemplate() {
    return "staff/case-admt-appeal";
  }

  /** The reviewers of the appealed use read the case file their task links to. */
  @Override
  public Set<String> caseFileGroups(CaseRecord record) {
    return appeals.find(record.requestId())
        .flatMap(a -> systems.map().admtUse(a.useId()))
        .filter(AdmtUse::appealOffered)
        .map(u -> Set.of(u.exception().reviewerGroup()))
        .orElse(Set.of());
  }

  /** The appeal as the reviewer reads it: the use, the decision found (its output), the statement, the document. */
  @Override
  public Map<String, Object> caseFile(CaseRecord record) {
    Optional<AdmtAppealRepository.Appeal> appeal = appeals.find(record.requestId());
    if (appeal.isEmpty()) {
      return Map.of();
    }
    AdmtAppealRepository.Appeal a = appeal.get();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("admtAppeal", a);
    model.put("admtAppealUse", systems.map().admtUse(a.useId()).map(AdmtUse::name).orElse(a.useId()));
    model.put("admtAppealDecision", systems.map().admtUse(a.useId()).filter(AdmtUse::appealOffered)
        .flatMap(use -> steps.find(record, use, a.decisionKey() != null ? a.decisionKey() : a.decisionNamed()))
        .map(f -> f.output()).orElse(null));
    return model;
  }

  @Override
  public Optional<CaseDocument> document(CaseRecord record, String name) {
    if (!"appeal-document".equals(name)) {
      return Optional.empty();
    }
    Optional<AdmtAppealRepository.Appeal> appeal = appeals.find(record.requestId()).filter(a -> a.documentName() != null);
    return appeal.flatMap(a -> appeals.document(record.requestId())
        .map(bytes -> new CaseDocument(a.documentName(), a.documentType(), bytes)));
  }

  @Override
  public Map<String, Object> export(CaseRecord record) {
    return appeals.find(record.requestId()).map(a -> {
      Map<String, Object> appeal = new LinkedHashMap<>();
      appeal.put("use", a.useId());
      appeal.put("decisionNamed", a.decisionNamed());
      appeal.put("decisionFound", a.decisionKey());
      appeal.put("documentAttached", a.documentName() != null);
      appeal.put("outcome", a.outcome());
      appeal.put("reasons", a.reasons());
      appeal.put("decidedBy", a.decidedBy());
      appeal.put("decidedAt", a.decidedAt());
      appeal.put("writtenBack", a.writtenBack());
      return Map.<String, Object>of("admtAppeal", appeal);
    }).orElse(Map.of());
  }

  /** Only the business's own systems that hold the decision hear of the outcome, never third parties. */
  @Override
  public boolean tellsThirdParties(RequestType type) {
    return false;
  }

  @Override
  public List<String> recipientInstructions(CaseRecord record, Set<CcpaCategory> recipientCategories) {
    return List.of("APPLY_APPEAL_OUTCOME");
  }

  /** The decision and its outcome, for a system of the business that applies it (the webhook hand-off). */
  @Override
  public Map<String, Object> recipientDetails(CaseRecord record, Set<CcpaCategory> recipientCategories) {
    return appeals.find(record.requestId()).map(a -> {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("admtUse", a.useId());
      details.put("decision", a.decisionKey());
      details.put("outcome", a.outcome());
      return details;
    }).orElse(Map.of());
  }
}
