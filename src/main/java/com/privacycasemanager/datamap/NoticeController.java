package com.privacycasemanager.datamap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** {@code GET /api/privacy/notice} (JSON) and {@code /privacy} (the page): the notice from the data map. */
@Controller
class NoticeController {

  private final PrivacyNotice notice;
  private final String businessName;

  public NoticeController(
      ConnectedSystems systems,
      RecipientsRegistry recipients,
      @Value("${privacy.public-base-url}") String publicBaseUrl,
      @Value("${privacy.mail.business-name}") String businessName) {
    this.notice = PrivacyNotice.of(systems.map(), recipients.all(), publicBaseUrl);
    this.businessName = businessName;
  }

  @GetMapping(path = "/api/privacy/notice", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  public PrivacyNotice json() {
    return notice;
  }

  @GetMapping("/privacy")
  public String page(Model model) {
    model.addAttribute("notice", notice);
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
    return "privacy/notice";
  }
}
