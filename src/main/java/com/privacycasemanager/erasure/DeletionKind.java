package com.privacycasemanager.erasure;

import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CcpaCategory;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.RequestGroup;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestKind;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.VerificationLevel;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The right to delete (§1798.105): verified as {@link DeletionVerificationPolicy} says; the status
 * page, case file and export show the plan, the reviewer's holds and the erasure receipt; every
 * recipient is told to delete (§7022(b)(2)–(3)).
 */
@Component
class DeletionKind implements RequestKind {

  private final DeletionVerificationPolicy verification;
  private final ConnectedSystems systems;
  private final RightToDelete rightToDelete;
  private final DeletionReview review;
  private final DeletionRepository deletions;

  public DeletionKind(
      DeletionVerificationPolicy verification,
      ConnectedSystems systems,
      RightToDelete rightToDelete,
      DeletionReview review,
      DeletionRepository deletions) {
    this.verification = verification;
    this.systems = systems;
    this.rightToDelete = rightToDelete;
    this.review = review;
    this.deletions = deletions;
  }

  @Override
  public Set<RequestType> types() {
    return EnumSet.of(RequestType.DELETE);
  }

  @Override
  public String mailName(RequestType type) {
    return "request to delete";
  }

  @Override
  public Optional<RequestGroup> metricsGroup(RequestType type) {
    return Optional.of(RequestGroup.DELETE);
  }

  @Override
  public VerificationLevel verification(RequestType type) {
    return VerificationLevel.HIGH;
  }

  @Override
  public VerificationLevel requiredLevel(CaseRecord record) {
    return verification.requiredFor(record);
  }

  @Override
  public String statusTemplate() {
    return "privacy/status-deletion";
  }

  @Override
  public String caseFileTemplate() {
    return "staff/case-deletion";
  }

  @Override
  public Map<String, Object> statusPage(CaseRecord record) {
    if (record.completedAt() == null || record.outcome() == Outcome.DENIED) {
      return Map.of();
    }
    return Map.of("deletion", rightToDelete.answer(record.requestId()));
  }

  @Override
  public Map<String, Object> caseFile(CaseRecord record) {
    RequestId id = record.requestId();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("deletionPlan", review.summary(id));
    model.put("deletionHolds", systems.map().systems().stream()
        .flatMap(s -> deletions.holds(id, s.id()).stream().map(h -> s.id() + "." + h.table() + ": " + h.reason())).toList());
    model.put("erasureReceipt", deletions.receipt(id));
    return model;
  }

  @Override
  public Map<String, Object> export(CaseRecord record) {
    RequestId id = record.requestId();
    Map<String, Object> deletion = new LinkedHashMap<>();
    deletion.put("planSummary", review.summary(id));
    deletion.put("holds", systems.map().systems().stream()
        .flatMap(s -> deletions.holds(id, s.id()).stream().map(h -> Map.of("system", s.id(), "table", h.table(), "reason", h.reason())))
        .toList());
    deletion.put("receipt", deletions.receipt(id));
    return Map.of("deletion", deletion);
  }

  @Override
  public List<String> recipientInstructions(CaseRecord record, Set<CcpaCategory> recipientCategories) {
    return List.of("DELETE");
  }
}
