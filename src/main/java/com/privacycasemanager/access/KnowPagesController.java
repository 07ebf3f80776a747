package com.privacycasemanager.access;

import com.privacycasemanager.intake.VerifiableRequestForms;
import com.privacycasemanager.request.IntakeRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /privacy/know}: the request form for the right to know and portability. Works without
 * JavaScript; errors are listed in a summary that links to each field.
 */
@Controller
class KnowPagesController {

  private static final Map<String, String> KINDS =
      Map.of("categories", "KNOW_CATEGORIES", "specific", "KNOW_SPECIFIC", "portability", "PORTABILITY");

  private final VerifiableRequestForms forms;

  public KnowPagesController(VerifiableRequestForms forms) {
    this.forms = forms;
  }

  @GetMapping("/privacy/know")
  public String form(Model model) {
    forms.prepare(model, new LinkedHashMap<>(), Map.of(), new LinkedHashMap<>());
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
    return forms.handle(values, permissionFile, errors, "privacy/know", model, response, evidence -> new IntakeRequest(type,
        evidence.email(), evidence.name(), null, evidence.dataPointsOrNull(), null, "on".equals(values.get("beyond12Months")),
        evidence.declaration(), evidence.agent(), null));
  }
}
