package com.privacycasemanager.intake;

import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestKind;
import com.privacycasemanager.request.RequestKinds;
import com.privacycasemanager.request.Secrets;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /privacy/requests/{id}?token=…}: the status page the acknowledgement email links to: the
 * case, its right's own section, and what other rights offer every case ({@link StatusPageOffer}).
 */
@Controller
class StatusPageController {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

  private final CaseRepository cases;
  private final RequestKinds kinds;
  private final Secrets secrets;
  private final ZoneId zone;
  private final String businessName;
  private final ObjectProvider<StatusPageOffer> offers;

  public StatusPageController(
      CaseRepository cases,
      RequestKinds kinds,
      Secrets secrets,
      @Value("${privacy.time-zone}") ZoneId zone,
      @Value("${privacy.mail.business-name}") String businessName,
      ObjectProvider<StatusPageOffer> offers) {
    this.cases = cases;
    this.kinds = kinds;
    this.secrets = secrets;
    this.zone = zone;
    this.businessName = businessName;
    this.offers = offers;
  }

  @GetMapping("/privacy/requests/{id}")
  public String status(
      @PathVariable String id, @RequestParam(required = false) String token, Model model, HttpServletResponse response) {
    // the token is in the address: never cache the page, never send the address on as a referrer
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
    if (!RequestId.isValid(id) || token == null || token.isBlank()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("message", "This link is incomplete. Open the link from your email again.");
      return "privacy/status-missing";
    }
    RequestId requestId = new RequestId(id);
    Optional<CaseRecord> record = cases.find(requestId).filter(r -> secrets.isStatusToken(requestId, token));
    if (record.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("message", "We could not find a request for this link.");
      return "privacy/status-missing";
    }
    CaseRecord r = record.get();
    model.addAttribute("requestId", r.requestId().value());
    model.addAttribute("type", r.type().name());
    model.addAttribute("status", describe(r));
    model.addAttribute("receivedOn", date(r.receivedAt()));
    Optional<Instant> extended = cases.extendedDue(requestId);
    model.addAttribute("dueOn", date(extended.orElse(r.dueAt())));
    model.addAttribute("extensionReason", extended.isPresent() ? cases.extensionReason(requestId) : null);
    RequestKind kind = kinds.of(r);
    model.addAttribute("downloadUrl", kind.answerReady(r) ? kind.answerLinks(requestId).page() + "?token=" + token : null);
    model.addAttribute("completedOn", date(r.completedAt()));
    model.addAttribute("outcome", r.outcome() == null ? null : r.outcome().name());
    model.addAttribute("denialBasis", r.denialBasis());
    model.addAllAttributes(kind.statusPage(r));
    model.addAttribute("sections", kind.statusTemplate() == null ? List.of() : List.of(kind.statusTemplate()));
    List<String> offered = new ArrayList<>();
    offers.orderedStream().forEach(offer -> {
      Map<String, Object> attributes = offer.model(r, token);
      if (!attributes.isEmpty()) {
        model.addAllAttributes(attributes);
        offered.add(offer.template());
      }
    });
    model.addAttribute("offers", offered);
    return "privacy/status";
  }

  private String date(Instant instant) {
    return instant == null ? null : DATE.format(instant.atZone(zone));
  }

  private static String describe(CaseRecord r) {
    return switch (r.status()) {
      case RECEIVED -> "Received";
      case VERIFYING -> "Waiting for you to confirm the request: open the link in the email we sent you";
      case IN_REVIEW -> "Being reviewed by our privacy team";
      case IN_EFFECT -> "In effect for us; we are telling the companies we share personal information with";
      case COMPLETED -> "Completed";
      case DENIED -> "Denied";
    };
  }
}
