package com.privacycasemanager.admt;

import com.privacycasemanager.datamap.AdmtUse;
import com.privacycasemanager.datamap.PreUseNotice;
import com.privacycasemanager.intake.EvidenceForm;
import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IdentifierFormats;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /privacy/admt/opt-out}: the interactive form the Pre-use Notice's "Opt-out of Automated
 * Decisionmaking Technology" link leads to (§7221(c)(1)). A plain HTML form that works without
 * JavaScript: one option for every use and one per use (§7221(i)), an email address to find the
 * consumer by, and, for an authorized agent, their name and the consumer's signed permission
 * (§7221(j)). The answer page links to the status page that confirms the opt-out (§7221(h)).
 */
@Controller
class AdmtOptOutPagesController {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

  private final IntakeService intake;
  private final AdmtOptOutKind kind;
  private final Secrets secrets;
  private final ZoneId zone;
  private final String businessName;

  AdmtOptOutPagesController(
      IntakeService intake,
      AdmtOptOutKind kind,
      Secrets secrets,
      @Value("${privacy.time-zone}") ZoneId zone,
      @Value("${privacy.mail.business-name}") String businessName) {
    this.intake = intake;
    this.kind = kind;
    this.secrets = secrets;
    this.zone = zone;
    this.businessName = businessName;
  }

  /** {@code ?use=} (the notice's link for one use) preselects that use; otherwise every use is. */
  @GetMapping(PreUseNotice.OPT_OUT_FORM)
  public String form(@RequestParam(required = false) String use, Model model) {
    Form form = new Form();
    if (use != null && kind.optOutUses().stream().anyMatch(u -> u.id().equals(use))) {
      form.scope = "some";
      form.uses = List.of(use);
    }
    prepare(model, form, Map.of());
    return "privacy/admt-opt-out";
  }

  @PostMapping(PreUseNotice.OPT_OUT_FORM)
  public String submit(
      Model model,
      HttpServletResponse response,
      @RequestParam(required = false) String scope,
      @RequestParam(name = "use", required = false) List<String> uses,
      @RequestParam(required = false) String email,
      @RequestParam(required = false) String name,
      @RequestParam(required = false) String agentName,
      @RequestParam(required = false) String agentPermission) {
    Form form = new Form();
    form.scope = scope == null ? "" : scope;
    form.uses = uses == null ? List.of() : uses;
    form.email = email == null ? "" : email;
    form.name = name == null ? "" : name;
    form.agentName = agentName == null ? "" : agentName;
    form.agentPermission = "yes".equals(agentPermission);
    Map<String, String> errors = new LinkedHashMap<>();
    List<String> chosen = null;
    switch (form.scope) {
      case "all" -> chosen = null;
      case "some" -> {
        if (form.uses.isEmpty()) {
          errors.put("uses", "Choose at least one use, or choose every use.");
        }
        chosen = form.uses;
      }
      default -> errors.put("scope", "Choose what to opt out of.");
    }
    if (IdentifierFormats.absent(email)) {
      errors.put("email", "Enter the email address you use with us, so our decision systems can find you.");
    } else if (IdentifierFormats.emailProblem(email) != null) {
      errors.put("email", "Enter an email address like name@example.com.");
    }
    if (IdentifierFormats.hasForbiddenCharacters(name)) {
      errors.put("name", "Remove the control characters or unreadable text from this field.");
    } else if (name != null && name.trim().length() > IdentifierFormats.MAX_TEXT_LENGTH) {
      errors.put("name", "Enter at most 200 characters.");
    }
    boolean agent = !IdentifierFormats.absent(agentName) || form.agentPermission;
    if (agent && IdentifierFormats.absent(agentName)) {
      errors.put("agentName", "Enter your name as the consumer's authorized agent.");
    } else if (agent && IdentifierFormats.textProblem(agentName, IdentifierFormats.MAX_TEXT_LENGTH) != null) {
      errors.put("agentName", "Remove the control characters or unreadable text from this field.");
    }
    if (agent && !form.agentPermission) {
      errors.put("agentPermission", "An agent needs the consumer's signed written permission: confirm you hold it.");
    }
    if (errors.isEmpty()) {
      try {
        IntakeRequest body = new IntakeRequest(
            "ADMT_OPT_OUT", email.trim(), blankToNull(name), null, null, null, null, null,
            agent ? new IntakeRequest.Agent(agentName.trim(), true) : null, null, null, chosen);
        CaseRecord record = intake.submit(body, Channel.WEB_FORM, null).record();
        model.addAttribute("requestId", record.requestId().value());
        model.addAttribute("covered", kind.coveredNames(record));
        model.addAttribute("recipientsBy", DATE.format(record.dueAt().atZone(zone)));
        model.addAttribute("statusUrl",
            "/privacy/requests/" + record.requestId().value() + "?token=" + secrets.statusToken(record.requestId()));
        model.addAttribute("businessName", businessName);
        model.addAttribute("optOutHonored", false);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        return "privacy/admt-opt-out-done";
      } catch (InvalidRequestException e) {
        e.fields().forEach((field, message) -> errors.put(formField(field), EvidenceForm.capitalise(message)));
      }
    }
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    prepare(model, form, errors);
    return "privacy/admt-opt-out";
  }

  private void prepare(Model model, Form form, Map<String, String> errors) {
    List<AdmtUse> offered = kind.optOutUses();
    model.addAttribute("title", PreUseNotice.OPT_OUT_TITLE);
    model.addAttribute("uses", offered);
    model.addAttribute("scope", form.scope);
    model.addAttribute("chosen", form.uses);
    model.addAttribute("email", form.email);
    model.addAttribute("name", form.name);
    model.addAttribute("agentName", form.agentName);
    model.addAttribute("agentPermission", form.agentPermission);
    model.addAttribute("errors", errors);
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
  }

  private static String formField(String apiField) {
    if (apiField.startsWith("admtUses")) {
      return "uses";
    }
    return switch (apiField) {
      case "agent.name" -> "agentName";
      case "agent.permission" -> "agentPermission";
      case "type" -> "scope";
      default -> apiField;
    };
  }

  /** What the form shows again after an error (the template escapes every string). */
  private static final class Form {
    String scope = "all";
    List<String> uses = List.of();
    String email = "";
    String name = "";
    String agentName = "";
    boolean agentPermission;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
