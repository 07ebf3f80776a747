package com.privacycasemanager.correction;

import com.privacycasemanager.correction.CorrectionField.Result;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CcpaCategory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The instruction a service provider or contractor gets for a correction (§7023(c)): the fields
 * corrected with their new values, and the fields deleted instead. A recipient registered with
 * categories hears only about fields of those categories (it holds no others).
 */
@Component
public class CorrectionInstructions {

  private final CorrectionRepository corrections;
  private final CorrectionFields fields;

  public CorrectionInstructions(CorrectionRepository corrections, CorrectionFields fields) {
    this.corrections = corrections;
    this.fields = fields;
  }

  public List<String> instructions(CaseRecord record, Set<CcpaCategory> recipientCategories) {
    List<String> instructions = new ArrayList<>();
    List<CorrectionField> relevant = relevant(record, recipientCategories);
    if (relevant.stream().anyMatch(f -> f.result() == Result.CORRECTED)) {
      instructions.add("CORRECT");
    }
    if (relevant.stream().anyMatch(f -> f.result() == Result.ERASED || f.result() == Result.KEPT)) {
      instructions.add("DELETE_FIELDS");
    }
    return instructions;
  }

  public Map<String, Object> details(CaseRecord record, Set<CcpaCategory> recipientCategories) {
    List<Map<String, String>> corrected = new ArrayList<>();
    List<Map<String, String>> deleted = new ArrayList<>();
    for (CorrectionField f : relevant(record, recipientCategories)) {
      Map<String, String> entry = new LinkedHashMap<>();
      entry.put("field", f.field());
      entry.put("label", fields.label(f.field()));
      if (f.result() == Result.CORRECTED) {
        entry.put("value", f.requestedValue());
        corrected.add(entry);
      } else if (f.result() == Result.ERASED || f.result() == Result.KEPT) {
        deleted.add(entry);
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("corrections", corrected);
    details.put("deletions", deleted);
    return details;
  }

  private List<CorrectionField> relevant(CaseRecord record, Set<CcpaCategory> recipientCategories) {
    return corrections.fields(record.requestId()).stream()
        .filter(f -> recipientCategories.isEmpty() || categories(f.field()).stream().anyMatch(recipientCategories::contains))
        .toList();
  }

  private Set<CcpaCategory> categories(String field) {
    return fields.locations(field).stream().map(l -> l.column().category()).collect(Collectors.toSet());
  }
}
