package com.privacycasemanager.erasure;

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
 * {@code /privacy/delete}: the request form for the right to delete. Works without JavaScript;
 * errors are listed in a summary that links to each field.
 */
@Controller
class DeletePagesController {

  private final VerifiableRequestForms forms;

  public DeletePagesController(VerifiableRequestForms forms) {
    this.forms = forms;
  }

  @GetMapping("/privacy/delete")
  public String form(Model model) {
    forms.prepare(model, new LinkedHashMap<>(), Map.of(), new LinkedHashMap<>());
    return "privacy/delete";
  }

  @PostMapping("/privacy/delete")
  public String submit(
      @RequestParam MultiValueMap<String, String> form,
      @RequestParam(name = "permissionFile", required = false) MultipartFile permissionFile,
      Model model,
      HttpServletResponse response) {
    return forms.handle(form.toSingleValueMap(), permissionFile, new LinkedHashMap<>(), "privacy/delete", model, response,
        evidence -> new IntakeRequest("DELETE", evidence.email(), evidence.name(), null, evidence.dataPointsOrNull(), null, null,
            evidence.declaration(), evidence.agent(), null));
  }
}
