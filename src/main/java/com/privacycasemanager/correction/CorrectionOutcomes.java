package com.privacycasemanager.correction;

import com.privacycasemanager.correction.CorrectionField.Decision;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.RequestId;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the consumer is told per field (§7023(f): whether the business complied, and the basis of
 * any denial), for the outcome email and the status page. Never the values.
 */
@Component
public class CorrectionOutcomes {

  static final String TEMPLATE = "correction-outcome";
  static final String UNVERIFIED_REASON = "a request to correct needs the emailed link confirmed, three details that match what we"
      + " hold and are not the ones you ask us to correct (11 CCR §7060(h)), and the signed declaration";

  private final CorrectionRepository corrections;
  private final CorrectionFields fields;

  public CorrectionOutcomes(CorrectionRepository corrections, CorrectionFields fields) {
    this.corrections = corrections;
    this.fields = fields;
  }

  /** One line of the answer: the field as the consumer knows it, and what was done. */
  public record FieldOutcome(String field, String label, String outcome) {}

  public List<FieldOutcome> of(RequestId id) {
    return corrections.fields(id).stream().map(f -> new FieldOutcome(f.field(), fields.label(f.field()), describe(f))).toList();
  }

  /** The outcome of the whole request: fulfilled, partly, or denied. */
  public Outcome overall(RequestId id) {
    List<CorrectionField> all = corrections.fields(id);
    long complied = all.stream().filter(CorrectionField::complied).count();
    return complied == all.size() ? Outcome.FULFILLED : complied == 0 ? Outcome.DENIED : Outcome.PARTIAL;
  }

  /** The basis of what was not done, field by field; null when everything was. */
  public String basis(RequestId id) {
    List<String> reasons = corrections.fields(id).stream()
        .filter(f -> !f.complied())
        .map(f -> fields.label(f.field()) + ": " + (f.note() == null ? RecordCorrectionDecision.DEFAULT_BASIS : f.note()))
        .toList();
    return reasons.isEmpty() ? null : String.join(" ", reasons);
  }

  /** What the mail {@code template} of a correction shows: the outcome of each field, or why it was not verified. */
  public Map<String, Object> details(CaseRecord record, String template) {
    if (template.equals("unverified")) {
      return Map.of("reason", UNVERIFIED_REASON);
    }
    if (!TEMPLATE.equals(template)) {
      return Map.of();
    }
    Outcome overall = overall(record.requestId());
    return Map.of(
        "fieldOutcomes", of(record.requestId()),
        "complied", switch (overall) {
          case FULFILLED -> "We have done what you asked.";
          case PARTIAL -> "We have done part of what you asked.";
          case DENIED -> "We have not made the corrections you asked for.";
        });
  }

  static String describe(CorrectionField f) {
    if (f.decision() == Decision.DENIED) {
      return "not corrected. " + (f.note() == null ? RecordCorrectionDecision.DEFAULT_BASIS : f.note());
    }
    if (f.result() == null) {
      return f.decision() == null ? "being reviewed" : "being carried out";
    }
    return switch (f.result()) {
      case CORRECTED -> "corrected to the value you gave us, in every system that holds it";
      case ERASED -> "deleted instead of corrected (11 CCR §7023(e))";
      case KEPT -> "deleted instead of corrected where we could (11 CCR §7023(e)). " + f.note();
      case NOT_HELD -> "we hold no such information about you, so there was nothing to correct";
      case INVALID_VALUE -> "not corrected. " + f.note();
    };
  }
}
