package com.privacycasemanager.intake;

import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IdentifierFormats;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.verification.AgentPermissions;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
 * {@code /privacy/know}: the request form for the right to know and portability. Works without
 * JavaScript; errors are listed in a summary that links to each field.
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
    String email = clean(values.get("email"));
    if (email == null) {
      errors.put("email", "Enter your email address: we send you a link to confirm the request.");
    } else if (email.length() > 254 || !IdentifierFormats.EMAIL.matcher(email).matches()) {
      errors.put("email", "Enter an email address like name@example.com.");
    }
    Map<String, String> dataPoints = new LinkedHashMap<>();
    for (String name : intake.dataPointNames().keySet()) {
      String value = clean(values.get("dp-" + name));
      if (value != null) {
        dataPoints.put(name, value);
      }
    }
    IntakeRequest.Declaration declaration = null;
    if ("on".equals(values.get("declare"))) {
      declaration = new IntakeRequest.Declaration(clean(values.get("signedName")), true);
    }
    IntakeRequest.Agent agent = null;
    boolean asAgent = "on".equals(values.get("asAgent"));
    if (asAgent) {
      agent = new IntakeRequest.Agent(clean(values.get("agentName")), true);
      if (agent.name() == null) {
        errors.put("agentName", "Enter your name as the consumer's agent.");
      }
      if (permissionFile == null || permissionFile.isEmpty()) {
        errors.put("permissionFile", "Upload the consumer's signed permission (PDF, PNG or JPEG).");
      } else {
        String problem = agentPermissions.problemWith(permissionFile.getContentType(), permissionFile.getSize());
        if (problem != null) {
          errors.put("permissionFile", problem);
        }
      }
    }
    String name = clean(values.get("name"));
    if (name != null && name.length() > 200) {
      errors.put("name", "Enter at most 200 characters.");
    }
    if (errors.isEmpty()) {
      try {
        IntakeRequest body =
            new IntakeRequest(type, email, name, null, dataPoints.isEmpty() ? null : dataPoints, null,
                "on".equals(values.get("beyond12Months")), declaration, agent, null);
        CaseRecord record = intake.submit(body, Channel.WEB_FORM, null).record();
        if (asAgent) {
          agentPermissions.store(record.requestId(), permissionFile);
        }
        model.addAttribute("requestId", record.requestId().value());
        model.addAttribute("dueOn", DATE.format(record.dueAt().atZone(zone)));
        model.addAttribute("asAgent", asAgent);
        model.addAttribute("businessName", businessName);
        return "privacy/know-received";
      } catch (InvalidRequestException e) {
        e.fields().forEach((field, message) -> errors.put(fieldId(field), capitalise(message)));
      } catch (IOException e) {
        errors.put("permissionFile", "The file could not be read; try again.");
      }
    }
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    prepare(model, errors, values, dataPoints);
    return "privacy/know";
  }

  private void prepare(Model model, Map<String, String> errors, Map<String, String> values, Map<String, String> dataPoints) {
    model.addAttribute("errors", errors);
    model.addAttribute("values", values);
    model.addAttribute("dataPointNames", intake.dataPointNames());
    model.addAttribute("dataPoints", dataPoints);
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
  }

  /** API field names to page field ids (the error summary links to them). */
  private static String fieldId(String field) {
    if (field.startsWith("dataPoints.")) {
      return "dp-" + field.substring("dataPoints.".length());
    }
    return switch (field) {
      case "type" -> "kind";
      case "declaration.signedName", "declaration.accepted" -> "signedName";
      case "agent.name" -> "agentName";
      default -> field;
    };
  }

  static String typeLabel(RequestType type) {
    return switch (type) {
      case KNOW_CATEGORIES -> "the categories of personal information we hold about you";
      case KNOW_SPECIFIC -> "the specific pieces of personal information we hold about you";
      case PORTABILITY -> "a copy of your personal information to take elsewhere";
      default -> type.name();
    };
  }

  private static String clean(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String capitalise(String message) {
    return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
  }
}
