package com.privacycasemanager.notification;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** {@code ${retryCycles.mail}}, {@code ${retryCycles.delivery}}: failed-job retry cycles from configuration. */
@Component("retryCycles")
public class RetryCycles {

  private final String mail;
  private final String delivery;

  public RetryCycles(
      @Value("${privacy.mail.retry-cycle}") String mail,
      @Value("${privacy.recipients.delivery-retry-cycle}") String delivery) {
    this.mail = mail;
    this.delivery = delivery;
  }

  public String getMail() {
    return mail;
  }

  public String getDelivery() {
    return delivery;
  }
}
