package com.privacycasemanager.verification;

import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.verification.IdentityVerification.Confirmation;
import jakarta.mail.MessagingException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /privacy/verify/{id}?t=…}: the page the confirmation email links to. Opening it changes
 * nothing (mail scanners prefetch links); pressing "Confirm" posts the token.
 */
@Controller
class ConfirmationPageController {

  private final IdentityVerification verification;
  private final String businessName;

  public ConfirmationPageController(IdentityVerification verification, @Value("${privacy.mail.business-name}") String businessName) {
    this.verification = verification;
    this.businessName = businessName;
  }

  @GetMapping("/privacy/verify/{id}")
  public String open(@PathVariable String id, @RequestParam(name = "t", required = false) String token, Model model,
      HttpServletResponse response) {
    noCache(response);
    if (!RequestId.isValid(id)) {
      return page(model, response, id, null, Confirmation.INVALID, false);
    }
    Confirmation state = verification.check(new RequestId(id), token);
    if (state == Confirmation.CONFIRMED) {
      model.addAttribute("title", "Confirm your request");
      model.addAttribute("message", "Press Confirm to tell us that you made request " + id + ".");
      model.addAttribute("canConfirm", true);
      model.addAttribute("token", token);
      return base(model, id);
    }
    return page(model, response, id, token, state, false);
  }

  @PostMapping("/privacy/verify/{id}")
  public String confirm(@PathVariable String id, @RequestParam(name = "t", required = false) String token, Model model,
      HttpServletResponse response) {
    noCache(response);
    if (!RequestId.isValid(id)) {
      return page(model, response, id, null, Confirmation.INVALID, true);
    }
    return page(model, response, id, token, verification.confirm(new RequestId(id), token), true);
  }

  @PostMapping("/privacy/verify/{id}/resend")
  public String resend(@PathVariable String id, Model model, HttpServletResponse response) throws MessagingException {
    noCache(response);
    boolean sent = RequestId.isValid(id) && verification.resend(new RequestId(id));
    model.addAttribute("title", sent ? "We sent you a new link" : "We could not send a new link");
    model.addAttribute("message", sent
        ? "Check your email and open the newest link within 24 hours."
        : "This request is already confirmed or closed, or we have sent the most links we can for it.");
    if (!sent) {
      response.setStatus(HttpServletResponse.SC_CONFLICT);
    }
    return base(model, id);
  }

  private String page(Model model, HttpServletResponse response, String id, String token, Confirmation state, boolean posted) {
    switch (state) {
      case CONFIRMED -> {
        model.addAttribute("title", "Thank you: your request is confirmed");
        model.addAttribute("message", "We now review your request and email you when the answer is ready.");
      }
      case ALREADY_CONFIRMED -> {
        model.addAttribute("title", "Your request is already confirmed");
        model.addAttribute("message", "There is nothing more to do; we email you when the answer is ready.");
      }
      case EXPIRED -> {
        response.setStatus(HttpServletResponse.SC_GONE);
        model.addAttribute("title", "This link has expired");
        model.addAttribute("message", "Links work for 24 hours. Ask for a new one below.");
        model.addAttribute("canResend", true);
      }
      case CLOSED -> {
        response.setStatus(HttpServletResponse.SC_GONE);
        model.addAttribute("title", "This request is closed");
        model.addAttribute("message", "The time to confirm it has passed. You can make a new request.");
      }
      case INVALID -> {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("title", "This link does not work");
        model.addAttribute("message", "Open the newest link we emailed you. If you asked for a new link, the older ones stop working.");
        model.addAttribute("canResend", RequestId.isValid(id));
      }
    }
    return base(model, id);
  }

  private String base(Model model, String id) {
    model.addAttribute("requestId", id);
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
    return "privacy/verify";
  }

  private static void noCache(HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
  }
}
