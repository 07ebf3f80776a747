package com.privacycasemanager.intake;

import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.verification.AgentPermissions;
import com.privacycasemanager.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.multipart.MultipartFile;

/**
 * What the pages of every verifiable request (know, delete) share: read the evidence, open the
 * case through the intake, store an agent's permission, and show the receipt page — or the form
 * again (400) with every error in its summary. Each right's own controller says which form and
 * which request body.
 */
@Component
public class VerifiableRequestForms {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

  /** The page that confirms a request was received. */
  public static final String RECEIVED = "privacy/know-received";

  private final IntakeService intake;
  private final AgentPermissions agentPermissions;
  private final ZoneId zone;
  private final String businessName;

  public VerifiableRequestForms(
      IntakeService intake,
      AgentPermissions agentPermissions,
      @Value("${privacy.time-zone}") ZoneId zone,
      @Value("${privacy.mail.business-name}") String businessName) {
    this.intake = intake;
    this.agentPermissions = agentPermissions;
    this.zone = zone;
    this.businessName = businessName;
  }

  /** Reads the evidence and opens the case, or shows the form again (400) with every error. */
  public String handle(Map<String, String> values, MultipartFile permissionFile, Map<String, String> errors, String formView,
      Model model, HttpServletResponse response, Function<EvidenceForm, IntakeRequest> request) {
    EvidenceForm evidence = EvidenceForm.read(values, permissionFile, intake, agentPermissions, errors);
    if (errors.isEmpty() && submitted(request.apply(evidence), evidence, model, errors)) {
      return RECEIVED;
    }
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    prepare(model, errors, values, evidence.dataPoints());
    return formView;
  }

  /** Opens the case; on refusal, its field errors go to the page. */
  private boolean submitted(IntakeRequest body, EvidenceForm evidence, Model model, Map<String, String> errors) {
    try {
      CaseRecord record = intake.submit(body, Channel.WEB_FORM, null).record();
      if (evidence.asAgent()) {
        agentPermissions.store(record.requestId(), evidence.permissionFile());
      }
      model.addAttribute("requestId", record.requestId().value());
      model.addAttribute("dueOn", DATE.format(record.dueAt().atZone(zone)));
      model.addAttribute("asAgent", evidence.asAgent());
      model.addAttribute("businessName", businessName);
      return true;
    } catch (InvalidRequestException e) {
      e.fields().forEach((field, message) -> errors.put(EvidenceForm.fieldId(field), EvidenceForm.capitalise(message)));
    } catch (IOException e) {
      errors.put("permissionFile", "The file could not be read; try again.");
    }
    return false;
  }

  /** The model of an evidence form: its errors, the values to show again, and the data points asked for. */
  public void prepare(Model model, Map<String, String> errors, Map<String, String> values, Map<String, String> dataPoints) {
    model.addAttribute("errors", errors);
    model.addAttribute("values", values);
    model.addAttribute("dataPointNames", intake.dataPointNames());
    model.addAttribute("dataPoints", dataPoints);
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
  }
}
