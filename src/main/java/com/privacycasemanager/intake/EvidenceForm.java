package com.privacycasemanager.intake;

import com.privacycasemanager.request.IdentifierFormats;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.verification.AgentPermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.multipart.MultipartFile;

/**
 * What every verifiable request form asks (know, delete, correct): the email the confirmation link
 * goes to, a name, verification data points, the declaration under penalty of perjury, and an
 * authorized agent's name and signed permission. Read from the posted form, with errors keyed by
 * the page's field ids.
 */
public record EvidenceForm(
    String email,
    String name,
    Map<String, String> dataPoints,
    IntakeRequest.Declaration declaration,
    IntakeRequest.Agent agent,
    MultipartFile permissionFile) {

  /** What a page says about a value with a control character or invalid text. */
  public static final String FORBIDDEN_CHARACTERS = "Remove the control characters or unreadable text from this field.";

  public boolean asAgent() {
    return agent != null;
  }

  public static EvidenceForm read(
      Map<String, String> values, MultipartFile permissionFile, IntakeService intake, AgentPermissions permissions, Map<String, String> errors) {
    String email = clean(values.get("email"));
    if (IdentifierFormats.absent(values.get("email"))) {
      errors.put("email", "Enter your email address: we send you a link to confirm the request.");
    } else if (IdentifierFormats.emailProblem(values.get("email")) != null) {
      errors.put("email", "Enter an email address like name@example.com.");
    }
    Map<String, String> dataPoints = new LinkedHashMap<>();
    for (String name : intake.dataPointNames().keySet()) {
      String value = text(values, "dp-" + name, errors);
      if (value != null) {
        dataPoints.put(name, value);
      }
    }
    IntakeRequest.Declaration declaration = null;
    if ("on".equals(values.get("declare"))) {
      declaration = new IntakeRequest.Declaration(text(values, "signedName", errors), true);
    }
    IntakeRequest.Agent agent = null;
    if ("on".equals(values.get("asAgent"))) {
      agent = new IntakeRequest.Agent(text(values, "agentName", errors), true);
      if (agent.name() == null) {
        errors.put("agentName", "Enter your name as the consumer's agent.");
      }
      if (permissionFile == null || permissionFile.isEmpty()) {
        errors.put("permissionFile", "Upload the consumer's signed permission (PDF, PNG or JPEG).");
      } else {
        String problem = permissions.problemWith(permissionFile.getContentType(), permissionFile.getSize());
        if (problem != null) {
          errors.put("permissionFile", problem);
        }
      }
    }
    String name = text(values, "name", errors);
    if (name != null && name.length() > IdentifierFormats.MAX_TEXT_LENGTH) {
      errors.put("name", "Enter at most 200 characters.");
    }
    return new EvidenceForm(email, name, dataPoints, declaration, agent, permissionFile);
  }

  public Map<String, String> dataPointsOrNull() {
    return dataPoints.isEmpty() ? null : dataPoints;
  }

  /** The API's field names as the page's field ids (the error summary links to them). */
  public static String fieldId(String field) {
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

  /**
   * A field's value, trimmed, or null when empty. The value as posted is checked first: trimming
   * would hide the control characters at its ends that the API refuses.
   */
  public static String text(Map<String, String> values, String field, Map<String, String> errors) {
    if (IdentifierFormats.hasForbiddenCharacters(values.get(field))) {
      errors.put(field, FORBIDDEN_CHARACTERS);
    }
    return clean(values.get(field));
  }

  public static String clean(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  public static String capitalise(String message) {
    return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
  }
}
