package com.privacycasemanager.incentive;

import com.privacycasemanager.datamap.IncentiveProgram;
import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.request.Subject;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

/**
 * {@code POST /privacy/requests/{id}/incentives/{program}/withdraw}: the withdraw button of a
 * status page ({@link StatusPageWithdrawals}). The case's status token, posted with the form,
 * authenticates it, as it authenticates the page; the withdrawal is opened for the case's own
 * email address and account, so the consumer types nothing, and the browser is sent on (303) to
 * the new case's status page. The same button pressed twice opens one withdrawal: the source case
 * and the program are its idempotency key.
 */
@Controller
class StatusPageWithdrawalController {

  private final CaseRepository cases;
  private final IntakeService intake;
  private final IncentiveWithdrawalKind kind;
  private final Secrets secrets;
  private final String businessName;

  StatusPageWithdrawalController(
      CaseRepository cases,
      IntakeService intake,
      IncentiveWithdrawalKind kind,
      Secrets secrets,
      @Value("${privacy.mail.business-name}") String businessName) {
    this.cases = cases;
    this.intake = intake;
    this.kind = kind;
    this.secrets = secrets;
    this.businessName = businessName;
  }

  @PostMapping("/privacy/requests/{id}/incentives/{program}/withdraw")
  public Object withdraw(
      @PathVariable String id,
      @PathVariable String program,
      @RequestParam(required = false) String token,
      Model model,
      HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    Optional<CaseRecord> source = RequestId.isValid(id) && token != null && !token.isBlank()
        ? cases.find(new RequestId(id)).filter(r -> secrets.isStatusToken(r.requestId(), token))
        : Optional.empty();
    Optional<IncentiveProgram> found = kind.program(program);
    if (source.isEmpty() || found.isEmpty()) {
      // a wrong token, an unknown case and an unknown program get the same answer
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("businessName", businessName);
      model.addAttribute("optOutHonored", false);
      model.addAttribute("message", "We could not find a request for this link.");
      return "privacy/status-missing";
    }
    Subject subject = source.get().subject();
    if (!subject.hasEmail() && !subject.hasAccount()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("businessName", businessName);
      model.addAttribute("optOutHonored", false);
      model.addAttribute("message", "This request names no email address or account to withdraw with.");
      return "privacy/status-missing";
    }
    IntakeRequest body = new IntakeRequest(RequestType.INCENTIVE_WITHDRAWAL.name(), subject.email(), subject.name(), null, null, null,
        null, null, null, null, subject.accountId(), null, null, List.of(found.get().id()));
    CaseRecord opened = intake.submit(body, Channel.WEB_FORM, "status-page:" + id + ":" + found.get().id()).record();
    RedirectView next = new RedirectView(
        "/privacy/requests/" + opened.requestId().value() + "?token=" + secrets.statusToken(opened.requestId()), true, false);
    next.setExposeModelAttributes(false);
    return next;
  }
}
