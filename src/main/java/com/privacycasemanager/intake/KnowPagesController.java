package com.privacycasemanager.intake;

import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.verification.AgentPermissions;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /privacy/know} and {@code /privacy/delete}: the request forms for the right to know and
 * portability, and the right to delete. Work without JavaScript; errors are listed in a summary
 * that links to each field.
 */
@Controller
public class KnowPagesController {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);
  private static final Map<String, String> KINDS =
      Map.of("categories", "KNOW_CATEGORIES", "specific", "KNOW_SPECIFIC", "portability", "PORTABILITY");

  private final IntakeService intake;
  private final AgentPermissions agentPermissions;
  private final ZoneId zone;
  private final String businessName;

  public KnowPagesController(
      IntakeService intake,
      AgentPermissions agentPermissions,
      @Value("${privacy.time-zone}") ZoneId zone,
      @Value("${privacy.mail.business-name}") String businessName) {
    this.intake = intake;
    this.agentPermissions = agentPermissions;
    this.zone = zone;
    this.businessName = businessName;
  }

  @GetMapping("/privacy/know")
  public String form(Model model) {
    prepare(model, new LinkedHashMap<>(), Map.of(), new LinkedHashMap<>());
    return "privacy/know";
  }

  @PostMapping("/privacy/know")
  public String submit(
      @RequestParam MultiValueMap<String, String> form,
      @RequestParam(name = "permissionFile", required = false) MultipartFile permissionFile,
      Model model,
      HttpServletResponse response) {
    Map<String, String> values = form.toSingleValueMap();
    Map<String, String> errors = new LinkedHashMap<>();
    String type = KINDS.get(values.getOrDefault("kind", ""));
    if (type == null) {
      errors.put("kind", "Choose what you want to know.");
    }
    return handle(values, permissionFile, errors, "privacy/know", model, response, evidence -> new IntakeRequest(type, evidence.email(),
        evidence.name(), null, evidence.dataPointsOrNull(), null, "on".equals(values.get("beyond12Months")), evidence.declaration(),
        evidence.agent(), null));
  }

  @GetMapping("/privacy/delete")
  public String deleteForm(Model model) {
    prepare(model, new LinkedHashMap<>(), Map.of(), new LinkedHashMap<>());
    return "privacy/delete";
  }

  @PostMapping("/privacy/delete")
  public String submitDelete(
      @RequestParam MultiValueMap<String, String> form,
      @RequestParam(name = "permissionFile", required = false) MultipartFile permissionFile,
      Model model,
      HttpServletResponse response) {
    return handle(form.toSingleValueMap(), permissionFile, new LinkedHashMap<>(), "privacy/delete", model, response,
        evidence -> new IntakeRequest("DELETE", evidence.email(), evidence.name(), null, evidence.dataPointsOrNull(), null, null,
            evidence.declaration(), evidence.agent(), null));
  }

  /** Reads the evidence and opens the case, or shows the form again (400) with every error. */
  private String handle(Map<String, String> values, MultipartFile permissionFile, Map<String, String> errors, String formView,
      Model model, HttpServletResponse response, Function<EvidenceForm, IntakeRequest> request) {
    EvidenceForm evidence = EvidenceForm.read(values, permissionFile, intake, agentPermissions, errors);
    if (errors.isEmpty() && submitted(request.apply(evidence), evidence, model, errors)) {
      return "privacy/know-received";
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

  private void prepare(Model model, Map<String, String> errors, Map<String, String> values, Map<String, String> dataPoints) {
    model.addAttribute("errors", errors);
    model.addAttribute("values", values);
    model.addAttribute("dataPointNames", intake.dataPointNames());
    model.addAttribute("dataPoints", dataPoints);
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
  }

}
