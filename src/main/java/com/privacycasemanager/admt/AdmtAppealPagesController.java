package com.privacycasemanager.admt;

import com.privacycasemanager.datamap.PreUseNotice;
import com.privacycasemanager.intake.VerifiableRequestForms;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.verification.AgentPermissions;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
 * {@code /privacy/admt/appeal}: the request to appeal an ADMT decision (§7221(b)(1)(B): clear
 * instructions, a way to send supporting information, few steps) — the use, the decision, why, an
 * optional document, and the evidence of the know form. Works without JavaScript.
 */
@Controller
class AdmtAppealPagesController {

  static final String FORM = PreUseNotice.APPEAL_FORM;

  private final VerifiableRequestForms forms;
  private final AdmtAppealKind kind;
  private final AdmtAppealRepository appeals;
  private final AgentPermissions files;

  AdmtAppealPagesController(VerifiableRequestForms forms, AdmtAppealKind kind, AdmtAppealRepository appeals, AgentPermissions files) {
    this.forms = forms;
    this.kind = kind;
    this.appeals = appeals;
    this.files = files;
  }

  /** {@code ?use=} (the notice's link for one use) preselects that use. */
  @GetMapping(FORM)
  public String form(@RequestParam(required = false) String use, Model model) {
    Map<String, String> values = new LinkedHashMap<>();
    if (use != null && kind.appealUses().stream().anyMatch(u -> u.id().equals(use))) {
      values.put("appealUse", use);
    }
    model.addAttribute("uses", kind.appealUses());
    forms.prepare(model, new LinkedHashMap<>(), values, new LinkedHashMap<>());
    return "privacy/admt-appeal";
  }

  @PostMapping(FORM)
  public String submit(
      @RequestParam MultiValueMap<String, String> form,
      @RequestParam(name = "permissionFile", required = false) MultipartFile permissionFile,
      @RequestParam(name = "appealDocument", required = false) MultipartFile document,
      Model model,
      HttpServletResponse response) throws IOException {
    Map<String, String> values = form.toSingleValueMap();
    Map<String, String> errors = new LinkedHashMap<>();
    boolean withDocument = document != null && !document.isEmpty();
    if (withDocument) {
      String problem = files.problemWith(document.getContentType(), document.getSize());
      if (problem != null) {
        errors.put("appealDocument", problem);
      }
    }
    model.addAttribute("uses", kind.appealUses());
    String view = forms.handle(values, permissionFile, errors, "privacy/admt-appeal", model, response,
        evidence -> new IntakeRequest("ADMT_APPEAL", evidence.email(), evidence.name(), null, evidence.dataPointsOrNull(), null,
            null, evidence.declaration(), evidence.agent(), null, null, null,
            new IntakeRequest.Appeal(values.get("appealUse"), values.get("appealDecision"), values.get("appealStatement"))));
    if (view.equals(VerifiableRequestForms.RECEIVED) && withDocument) {
      appeals.storeDocument(new RequestId((String) model.getAttribute("requestId")), fileName(document.getOriginalFilename()),
          document.getContentType().toLowerCase(java.util.Locale.ROOT), document.getBytes());
    }
    // the API's field names, as the form names them
    for (String field : new String[] {"use", "decision", "statement"}) {
      String message = errors.remove("appeal." + field);
      if (message != null) {
        errors.put("appeal" + Character.toUpperCase(field.charAt(0)) + field.substring(1), message);
      }
    }
    if (errors.remove("appeal") != null) {
      errors.put("appealUse", "Choose the decision you appeal.");
    }
    return view;
  }

  private static String fileName(String original) {
    String name = original == null ? "" : original.replaceAll(".*[/\\\\]", "").replaceAll("[^A-Za-z0-9._ -]", "_");
    return name.isBlank() ? "appeal-document" : name.length() > 200 ? name.substring(0, 200) : name;
  }
}
