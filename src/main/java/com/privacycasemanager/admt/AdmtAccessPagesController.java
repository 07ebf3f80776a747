package com.privacycasemanager.admt;

import com.privacycasemanager.datamap.PreUseNotice;
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
 * {@code /privacy/admt/access}: the request to access ADMT (§7222(d): the know form's evidence —
 * the emailed link, matching details, the declaration, an agent's signed permission). Works
 * without JavaScript.
 */
@Controller
class AdmtAccessPagesController {

  private final VerifiableRequestForms forms;

  AdmtAccessPagesController(VerifiableRequestForms forms) {
    this.forms = forms;
  }

  @GetMapping(PreUseNotice.ACCESS_FORM)
  public String form(Model model) {
    forms.prepare(model, new LinkedHashMap<>(), Map.of(), new LinkedHashMap<>());
    return "privacy/admt-access";
  }

  @PostMapping(PreUseNotice.ACCESS_FORM)
  public String submit(
      @RequestParam MultiValueMap<String, String> form,
      @RequestParam(name = "permissionFile", required = false) MultipartFile permissionFile,
      Model model,
      HttpServletResponse response) {
    return forms.handle(form.toSingleValueMap(), permissionFile, new LinkedHashMap<>(), "privacy/admt-access", model, response,
        evidence -> new IntakeRequest("ADMT_ACCESS", evidence.email(), evidence.name(), null, evidence.dataPointsOrNull(), null,
            null, evidence.declaration(), evidence.agent(), null));
  }
}
