package com.privacycasemanager.correction;

import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CcpaCategory;
import com.privacycasemanager.request.IdentifierFormats;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.RequestGroup;
import com.privacycasemanager.request.RequestKind;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.VerificationLevel;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The right to correct (§1798.106, 11 CCR §7023): verified to a reasonably high degree, where the
 * fields the consumer contests cannot verify (§7060(h)); the request names the fields and their
 * correct values; the status page, mail, case file and export show the decision per field;
 * service providers and contractors get the corrected values, third parties nothing (§7023(c)).
 */
@Component
class CorrectionKind implements RequestKind {

  /** At most this many fields per request. */
  static final int MAX_CORRECTIONS = 10;

  private final CorrectionRepository corrections;
  private final CorrectionFields fields;
  private final CorrectionOutcomes outcomes;
  private final CorrectionCaseFile caseFile;
  private final CorrectionInstructions instructions;

  public CorrectionKind(
      CorrectionRepository corrections,
      CorrectionFields fields,
      CorrectionOutcomes outcomes,
      CorrectionCaseFile caseFile,
      CorrectionInstructions instructions) {
    this.corrections = corrections;
    this.fields = fields;
    this.outcomes = outcomes;
    this.caseFile = caseFile;
    this.instructions = instructions;
  }

  @Override
  public Set<RequestType> types() {
    return EnumSet.of(RequestType.CORRECT);
  }

  @Override
  public String mailName(RequestType type) {
    return "request to correct";
  }

  @Override
  public Optional<RequestGroup> metricsGroup(RequestType type) {
    return Optional.of(RequestGroup.CORRECT);
  }

  @Override
  public VerificationLevel verification(RequestType type) {
    return VerificationLevel.HIGH;
  }

  @Override
  public Set<String> contestedFields(CaseRecord record) {
    return corrections.contestedFields(record.requestId());
  }

  /** Each named field must be correctable in the data map, each new value present and short. */
  @Override
  public void validate(RequestType type, IntakeRequest body, Map<String, String> problems) {
    Map<String, String> requested = body.corrections();
    Set<String> known = fields.names().keySet();
    if (requested == null || requested.isEmpty()) {
      problems.put("corrections", "is required: name at least one field and its correct value; fields are " + known);
    } else {
      if (requested.size() > MAX_CORRECTIONS) {
        problems.put("corrections", "at most " + MAX_CORRECTIONS + " fields per request");
      }
      requested.forEach((name, value) -> {
        if (!known.contains(name)) {
          problems.put("corrections." + name, "is not a field we can correct; use one of " + known);
        } else if (IdentifierFormats.absent(value)) {
          problems.put("corrections." + name, "is empty: give the correct value");
        } else {
          String problem = IdentifierFormats.textProblem(value, IdentifierFormats.MAX_TEXT_LENGTH);
          if (problem != null) {
            problems.put("corrections." + name, problem);
          }
        }
      });
    }
    RequestKind.refuseFieldsOfOtherRights(body, problems, "corrections");
  }

  @Override
  public void beforeStart(CaseRecord record, IntakeRequest body) {
    Map<String, String> trimmed = new java.util.LinkedHashMap<>();
    body.corrections().forEach((k, v) -> trimmed.put(k, v.trim()));
    corrections.recordRequested(record.requestId(), trimmed);
  }

  @Override
  public String engineRestRefusal(RequestType type) {
    // the fields and new values are personal data and would arrive as engine variables
    return "a CORRECT case is started through POST /api/privacy/requests with its corrections";
  }

  @Override
  public String statusTemplate() {
    return "privacy/status-correction";
  }

  @Override
  public String caseFileTemplate() {
    return "staff/case-correction";
  }

  @Override
  public Map<String, Object> statusPage(CaseRecord record) {
    return Map.of("corrections", outcomes.of(record.requestId()));
  }

  @Override
  public Map<String, Object> mailDetails(CaseRecord record, String template) {
    return outcomes.details(record, template);
  }

  @Override
  public Map<String, Object> caseFile(CaseRecord record) {
    return caseFile.of(record).<Map<String, Object>>map(view -> Map.of("correction", view)).orElse(Map.of());
  }

  @Override
  public Optional<CaseDocument> document(CaseRecord record, String name) {
    if (!"correction-document".equals(name)) {
      return Optional.empty();
    }
    return corrections.document(record.requestId()).map(d -> new CaseDocument(d.fileName(), d.contentType(), d.content()));
  }

  /** The decision per field, never the values the consumer asked for or the systems hold. */
  @Override
  public Map<String, Object> export(CaseRecord record) {
    return Map.of("corrections", corrections.fields(record.requestId()).stream().map(f -> {
      Map<String, Object> field = new java.util.LinkedHashMap<>();
      field.put("field", f.field());
      field.put("decision", f.decision());
      field.put("result", f.result());
      field.put("note", f.note());
      return field;
    }).toList());
  }

  @Override
  public boolean tellsThirdParties(RequestType type) {
    return false;
  }

  @Override
  public List<String> recipientInstructions(CaseRecord record, Set<CcpaCategory> recipientCategories) {
    return instructions.instructions(record, recipientCategories);
  }

  @Override
  public Map<String, Object> recipientDetails(CaseRecord record, Set<CcpaCategory> recipientCategories) {
    return instructions.details(record, recipientCategories);
  }
}
