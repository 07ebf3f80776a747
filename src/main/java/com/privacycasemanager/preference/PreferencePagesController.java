package com.privacycasemanager.preference;

import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IdentifierFormats;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.Preference;
import com.privacycasemanager.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The consumer's pages for §1798.135: "Do Not Sell or Share My Personal Information" and "Limit the
 * Use of My Sensitive Personal Information". Plain HTML forms (no JavaScript needed); no
 * verification is asked; the browser's device cookie is always attached, so the choice covers the
 * browser even without an email address.
 */
@Controller
class PreferencePagesController {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

  private final IntakeService intake;
  private final ZoneId zone;
  private final String businessName;

  public PreferencePagesController(
      IntakeService intake,
      @Value("${privacy.time-zone}") ZoneId zone,
      @Value("${privacy.mail.business-name}") String businessName) {
    this.intake = intake;
    this.zone = zone;
    this.businessName = businessName;
  }

  @GetMapping("/privacy/do-not-sell")
  public String doNotSellForm(HttpServletRequest request, Model model) {
    prepare(request, model, "both", "", "", Map.of());
    return "privacy/do-not-sell";
  }

  @PostMapping("/privacy/do-not-sell")
  public String doNotSell(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String choice,
      @RequestParam(required = false) String email,
      @RequestParam(required = false) String name) {
    String type =
        switch (choice == null ? "" : choice) {
          case "sale" -> "OPT_OUT_SALE";
          case "sharing" -> "OPT_OUT_SHARING";
          case "both" -> "OPT_OUT_ALL";
          default -> null;
        };
    Map<String, String> errors = new LinkedHashMap<>();
    if (type == null) {
      errors.put("choice", "Choose what to opt out of.");
    }
    return submit(request, response, model, "privacy/do-not-sell", type, choice, email, name, errors);
  }

  @GetMapping("/privacy/limit")
  public String limitForm(HttpServletRequest request, Model model) {
    prepare(request, model, null, "", "", Map.of());
    return "privacy/limit";
  }

  @PostMapping("/privacy/limit")
  public String limit(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String email,
      @RequestParam(required = false) String name) {
    return submit(request, response, model, "privacy/limit", "LIMIT_SENSITIVE", null, email, name, new LinkedHashMap<>());
  }

  private String submit(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      String view,
      String type,
      String choice,
      String email,
      String name,
      Map<String, String> errors) {
    String cleanEmail = blankToNull(email);
    String cleanName = blankToNull(name);
    if (!IdentifierFormats.absent(email) && IdentifierFormats.emailProblem(email) != null) {
      errors.put("email", "Enter an email address like name@example.com, or leave it empty.");
    }
    if (IdentifierFormats.hasForbiddenCharacters(name)) {
      errors.put("name", "Remove the control characters or unreadable text from this field.");
    } else if (cleanName != null && cleanName.length() > IdentifierFormats.MAX_TEXT_LENGTH) {
      errors.put("name", "Enter at most 200 characters.");
    }
    String deviceId = (String) request.getAttribute(GlobalPrivacyControl.DEVICE_ATTRIBUTE);
    if (errors.isEmpty()) {
      try {
        CaseRecord record =
            intake
                .submit(
                    new IntakeRequest(type, cleanEmail, cleanName, null, null, null, null, null, null, deviceId),
                    Channel.WEB_FORM,
                    null)
                .record();
        model.addAttribute("requestId", record.requestId().value());
        model.addAttribute("what", whatWasAsked(record));
        model.addAttribute("dueOn", DATE.format(record.dueAt().atZone(zone)));
        model.addAttribute("emailed", cleanEmail != null);
        model.addAttribute("businessName", businessName);
        return "privacy/confirmation";
      } catch (InvalidRequestException e) {
        e.fields().forEach((field, message) -> errors.put(field.equals("type") ? "choice" : field, capitalise(message)));
      }
    }
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    prepare(request, model, choice, email == null ? "" : email, name == null ? "" : name, errors);
    return view;
  }

  private void prepare(
      HttpServletRequest request, Model model, String choice, String email, String name, Map<String, String> errors) {
    @SuppressWarnings("unchecked")
    Map<Preference, Boolean> current = (Map<Preference, Boolean>) request.getAttribute(GlobalPrivacyControl.PREFERENCES_ATTRIBUTE);
    boolean signal = Boolean.TRUE.equals(request.getAttribute(GlobalPrivacyControl.SIGNAL_ATTRIBUTE));
    boolean optedOut = current != null && !current.get(Preference.SALE) && !current.get(Preference.SHARING);
    boolean limited = current != null && !current.get(Preference.SENSITIVE_USE);
    model.addAttribute("gpcSignal", signal);
    model.addAttribute("optOutHonored", signal || optedOut);
    model.addAttribute("limitHonored", limited);
    model.addAttribute("choice", choice);
    model.addAttribute("email", email);
    model.addAttribute("name", name);
    model.addAttribute("errors", errors);
    model.addAttribute("businessName", businessName);
  }

  private static String whatWasAsked(CaseRecord record) {
    return switch (record.type()) {
      case OPT_OUT_SALE -> "We no longer sell your personal information.";
      case OPT_OUT_SHARING -> "We no longer share your personal information for cross-context behavioral advertising.";
      case OPT_OUT_ALL -> "We no longer sell or share your personal information.";
      case LIMIT_SENSITIVE -> "We now use your sensitive personal information only as the law permits without your consent.";
      default -> "We received your request.";
    };
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String capitalise(String message) {
    return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
  }
}
