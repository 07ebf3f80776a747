package com.privacycasemanager.admt;

import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.web.InvalidRequestException;
import com.privacycasemanager.web.RequestNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The released answer to a request to access ADMT: {@code /privacy/requests/{id}/admt-answer?token=…}
 * (the page the email and the status page link to) and {@code GET
 * /api/privacy/requests/{id}/admt-answer?token=…} (the same as JSON), with the case's status token.
 */
@Controller
@Tag(name = "Requests")
class AdmtAnswerController {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

  private final AdmtAnswerRepository answers;
  private final Secrets secrets;
  private final ZoneId zone;
  private final String businessName;

  AdmtAnswerController(
      AdmtAnswerRepository answers,
      Secrets secrets,
      @Value("${privacy.time-zone}") ZoneId zone,
      @Value("${privacy.mail.business-name}") String businessName) {
    this.answers = answers;
    this.secrets = secrets;
    this.zone = zone;
    this.businessName = businessName;
  }

  @Operation(summary = "The answer to a request to access automated decisionmaking information, once released")
  @GetMapping(path = "/api/privacy/requests/{id}/admt-answer", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  @ResponseBody
  public ResponseEntity<AdmtAnswer> json(@PathVariable String id, @RequestParam(required = false) String token) {
    if (!RequestId.isValid(id)) {
      throw new InvalidRequestException(HttpStatus.BAD_REQUEST, "invalid-request", "The request id is malformed.",
          Map.of("id", "must look like CCPA-YYYYMMDD-XXXXXXXX"));
    }
    RequestId requestId = new RequestId(id);
    if (!secrets.isStatusToken(requestId, token)) {
      throw new RequestNotFoundException();
    }
    AdmtAnswer answer = answers.find(requestId).orElseThrow(RequestNotFoundException::new);
    return ResponseEntity.ok().header("Cache-Control", "no-store").body(answer);
  }

  @GetMapping("/privacy/requests/{id}/admt-answer")
  public String page(@PathVariable String id, @RequestParam(required = false) String token, Model model,
      HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
    Optional<AdmtAnswer> answer = RequestId.isValid(id) && token != null && secrets.isStatusToken(new RequestId(id), token)
        ? answers.find(new RequestId(id)) : Optional.empty();
    if (answer.isEmpty()) {
      response.setStatus(RequestId.isValid(id) ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("message", "There is no answer for this link (yet). Open the link from our latest email.");
      return "privacy/status-missing";
    }
    model.addAttribute("answer", answer.get());
    model.addAttribute("receivedOn", date(answer.get().receivedAt()));
    model.addAttribute("dates", new Dates(zone));
    return "privacy/admt-answer";
  }

  private String date(Instant at) {
    return at == null ? "" : DATE.format(at.atZone(zone));
  }

  /** Formats the answer's instants as the business's calendar days, for the template. */
  public record Dates(ZoneId zone) {
    public String day(Instant at) {
      return at == null ? "" : DATE.format(at.atZone(zone));
    }

    public String time(Instant at) {
      return at == null ? "" : DateTimeFormatter.ofPattern("MMMM d, yyyy, h:mm a", Locale.US).format(at.atZone(zone));
    }
  }
}
