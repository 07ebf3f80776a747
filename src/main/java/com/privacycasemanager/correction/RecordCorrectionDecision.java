package com.privacycasemanager.correction;

import com.privacycasemanager.correction.CorrectionField.Decision;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.RequestId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * {@code ${recordCorrectionDecision}}: turns the reviewer's answer into a decision per field.
 * {@code approved} false denies every field with {@code reviewNote} as the basis; approved, the
 * fields ticked in {@code approvedFields} (all of them when the variable is absent) are corrected,
 * or deleted instead when {@code deleteInstead} is ticked (§7023(e)), and the others denied.
 * Sets {@code correctionsToApply}.
 */
@Component("recordCorrectionDecision")
public class RecordCorrectionDecision {

  static final String DEFAULT_BASIS =
      "On review, the information we hold is more likely than not accurate (11 CCR §7023(b)).";

  private final CorrectionRepository corrections;
  private final CaseRepository cases;
  private final Clock clock;

  public RecordCorrectionDecision(CorrectionRepository corrections, CaseRepository cases, Clock clock) {
    this.corrections = corrections;
    this.cases = cases;
    this.clock = clock;
  }

  public void execute(DelegateExecution execution) {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    boolean approved = Boolean.TRUE.equals(execution.getVariable("approved"));
    boolean deleteInstead = Boolean.TRUE.equals(execution.getVariable("deleteInstead"));
    Set<String> ticked = fieldNames(execution.getVariable("approvedFields"));
    Object note = execution.getVariable("reviewNote");
    String basis = note == null || note.toString().isBlank() ? DEFAULT_BASIS : note.toString().trim();
    List<String> accepted = new ArrayList<>();
    List<String> denied = new ArrayList<>();
    for (String field : corrections.contestedFields(id)) {
      if (approved && (ticked == null || ticked.contains(field))) {
        corrections.decide(id, field, deleteInstead ? Decision.DELETE_INSTEAD : Decision.APPROVED, null);
        accepted.add(field);
      } else {
        corrections.decide(id, field, Decision.DENIED, basis);
        denied.add(field);
      }
    }
    execution.setVariable("correctionsToApply", !accepted.isEmpty());
    cases.recordEvent(id, "CORRECTION_DECIDED",
        (deleteInstead ? "deleteInstead=" : "approved=") + String.join(",", accepted) + " denied=" + String.join(",", denied),
        clock.instant());
  }

  /** The ticked fields as Tasklist (JSON), the REST API (JSON or text) or Java (a list) send them; null when not sent. */
  static Set<String> fieldNames(Object value) {
    if (value == null) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    if (value instanceof String text) {
      String trimmed = text.trim();
      if (trimmed.startsWith("[")) {
        value = Spin.JSON(trimmed);
      } else {
        for (String part : trimmed.split(",")) {
          if (!part.isBlank()) {
            names.add(part.trim());
          }
        }
        return names;
      }
    }
    if (value instanceof SpinJsonNode json) {
      if (json.isArray()) {
        json.elements().forEach(e -> names.add(e.isString() ? e.stringValue() : e.toString()));
      }
      return names;
    }
    if (value instanceof Collection<?> list) {
      list.forEach(e -> names.add(String.valueOf(e)));
      return names;
    }
    throw new IllegalArgumentException("approvedFields must be a list of field names");
  }
}
