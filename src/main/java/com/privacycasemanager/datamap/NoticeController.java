package com.privacycasemanager.datamap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * {@code GET /api/privacy/notice} (JSON) and {@code /privacy} (the page): the privacy policy from
 * the data map; {@code GET /api/privacy/admt} and {@code /privacy/admt}: the Pre-use Notice of its
 * automated decisionmaking uses.
 */
@Controller
class NoticeController {

  private final PrivacyNotice notice;
  private final PreUseNotice preUse;
  private final String businessName;

  public NoticeController(
      ConnectedSystems systems,
      RecipientsRegistry recipients,
      @Value("${privacy.public-base-url}") String publicBaseUrl,
      @Value("${privacy.mail.business-name}") String businessName) {
    this.notice = PrivacyNotice.of(systems.map(), recipients.all(), publicBaseUrl);
    this.preUse = PreUseNotice.of(systems.map(), publicBaseUrl);
    this.businessName = businessName;
  }

  @GetMapping(path = "/api/privacy/notice", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  public PrivacyNotice json() {
    return notice;
  }

  @GetMapping(path = "/api/privacy/admt", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  public PreUseNotice admtJson() {
    return preUse;
  }

  @GetMapping("/privacy/admt")
  public String admtPage(Model model) {
    model.addAttribute("notice", preUse);
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
    return "privacy/admt";
  }

  @GetMapping("/privacy")
  public String page(Model model) {
    model.addAttribute("notice", notice);
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
    return "privacy/notice";
  }
}
