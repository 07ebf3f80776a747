package com.privacycasemanager.correction;

import com.privacycasemanager.intake.EvidenceForm;
import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.verification.AgentPermissions;
import com.privacycasemanager.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /privacy/correct}: the request form for the right to correct. Works without JavaScript
 * ("Add another field" re-renders the form with one more row); errors are listed in a summary
 * that links to each field.
 */
@Controller
class CorrectPagesController {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);
  static final int FIRST_ROWS = 2;
  static final int MAX_ROWS = 10;

  private final IntakeService intake;
  private final AgentPermissions agentPermissions;
  private final CorrectionRepository corrections;
  private final CorrectionFields fields;
  private final CaseRepository cases;
  private final Clock clock;
  private final ZoneId zone;
  private final String businessName;

  public CorrectPagesController(
      IntakeService intake,
      AgentPermissions agentPermissions,
      CorrectionRepository corrections,
      CorrectionFields fields,
      CaseRepository cases,
      Clock clock,
      @Value("${privacy.time-zone}") ZoneId zone,
      @Value("${privacy.mail.business-name}") String businessName) {
    this.intake = intake;
    this.agentPermissions = agentPermissions;
    this.corrections = corrections;
    this.fields = fields;
    this.cases = cases;
    this.clock = clock;
    this.zone = zone;
    this.businessName = businessName;
  }

  @GetMapping("/privacy/correct")
  public String form(Model model) {
    prepare(model, new LinkedHashMap<>(), Map.of(), new LinkedHashMap<>(), FIRST_ROWS);
    return "privacy/correct";
  }

  @PostMapping("/privacy/correct")
  public String submit(
      @RequestParam MultiValueMap<String, String> form,
      @RequestParam(name = "document", required = false) MultipartFile document,
      @RequestParam(name = "permissionFile", required = false) MultipartFile permissionFile,
      Model model,
      HttpServletResponse response) {
    Map<String, String> values = form.toSingleValueMap();
    int rows = rows(values.get("rows"));
    Map<String, String> errors = new LinkedHashMap<>();
    if ("more".equals(values.get("action"))) {
      prepare(model, errors, values, EvidenceForm.read(values, null, intake, agentPermissions, new LinkedHashMap<>()).dataPoints(),
          Math.min(MAX_ROWS, rows + 1));
      return "privacy/correct";
    }
    Map<String, String> asked = new LinkedHashMap<>();
    for (int i = 0; i < rows; i++) {
      String field = EvidenceForm.text(values, "field-" + i, errors);
      String value = EvidenceForm.text(values, "value-" + i, errors);
      if (field == null && value == null || errors.containsKey("field-" + i) || errors.containsKey("value-" + i)) {
        continue;
      }
      if (field == null) {
        errors.put("field-" + i, "Choose the information this new value is for.");
      } else if (value == null) {
        errors.put("value-" + i, "Enter the correct value.");
      } else if (asked.containsKey(field)) {
        errors.put("field-" + i, "You chose this field twice; give one correct value for it.");
      } else {
        asked.put(field, value);
        values.put("row-of-" + field, String.valueOf(i));
      }
    }
    if (asked.isEmpty() && errors.isEmpty()) {
      errors.put("field-0", "Choose at least one piece of information to correct and enter its correct value.");
    }
    EvidenceForm evidence = EvidenceForm.read(values, permissionFile, intake, agentPermissions, errors);
    if (document != null && !document.isEmpty()) {
      String problem = agentPermissions.problemWith(document.getContentType(), document.getSize());
      if (problem != null) {
        errors.put("document", problem);
      }
    }
    if (errors.isEmpty()) {
      try {
        IntakeRequest body = new IntakeRequest("CORRECT", evidence.email(), evidence.name(), null, evidence.dataPointsOrNull(), asked,
            null, evidence.declaration(), evidence.agent(), null);
        CaseRecord record = intake.submit(body, Channel.WEB_FORM, null).record();
        if (evidence.asAgent()) {
          agentPermissions.store(record.requestId(), permissionFile);
        }
        if (document != null && !document.isEmpty()) {
          String fileName = document.getOriginalFilename() == null ? "document" : document.getOriginalFilename().replaceAll("[^A-Za-z0-9._-]", "_");
          corrections.storeDocument(record.requestId(), fileName.length() > 200 ? fileName.substring(0, 200) : fileName,
              document.getContentType().toLowerCase(Locale.ROOT), document.getBytes());
          cases.recordEvent(record.requestId(), "CORRECTION_DOCUMENT_UPLOADED", "bytes=" + document.getSize(), clock.instant());
        }
        model.addAttribute("requestId", record.requestId().value());
        model.addAttribute("dueOn", DATE.format(record.dueAt().atZone(zone)));
        model.addAttribute("asAgent", evidence.asAgent());
        model.addAttribute("businessName", businessName);
        model.addAttribute("optOutHonored", false);
        return "privacy/know-received";
      } catch (InvalidRequestException e) {
        e.fields().forEach((field, message) -> errors.put(fieldId(field, values), EvidenceForm.capitalise(message)));
      } catch (IOException e) {
        errors.put("document", "The file could not be read; try again.");
      }
    }
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    prepare(model, errors, values, evidence.dataPoints(), rows);
    return "privacy/correct";
  }

  private void prepare(Model model, Map<String, String> errors, Map<String, String> values, Map<String, String> dataPoints, int rows) {
    model.addAttribute("errors", errors);
    model.addAttribute("values", values);
    model.addAttribute("rows", java.util.stream.IntStream.range(0, rows).boxed().toList());
    model.addAttribute("rowCount", rows);
    model.addAttribute("canAddRow", rows < MAX_ROWS);
    model.addAttribute("correctableFields", fields.names());
    model.addAttribute("dataPointNames", intake.dataPointNames());
    model.addAttribute("dataPoints", dataPoints);
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
  }

  private static int rows(String text) {
    try {
      return Math.max(1, Math.min(MAX_ROWS, Integer.parseInt(text)));
    } catch (NumberFormatException | NullPointerException e) {
      return FIRST_ROWS;
    }
  }

  /** API field names to page field ids (the error summary links to them); a correction names its row. */
  private static String fieldId(String field, Map<String, String> values) {
    if (field.startsWith("corrections.")) {
      String row = values.get("row-of-" + field.substring("corrections.".length()));
      return row == null ? "field-0" : "value-" + row;
    }
    return field.equals("corrections") ? "field-0" : EvidenceForm.fieldId(field);
  }
}
