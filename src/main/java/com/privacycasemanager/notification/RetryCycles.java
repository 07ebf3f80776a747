package com.privacycasemanager.notification;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code ${retryCycles.mail}}, {@code ${retryCycles.delivery}}, {@code ${retryCycles.erasure}}:
 * failed-job retry cycles from configuration.
 */
@Component("retryCycles")
public class RetryCycles {

  private final String mail;
  private final String delivery;
  private final String erasure;

  public RetryCycles(
      @Value("${privacy.mail.retry-cycle}") String mail,
      @Value("${privacy.recipients.delivery-retry-cycle}") String delivery,
      @Value("${privacy.erasure.retry-cycle:R3/PT5M}") String erasure) {
    this.mail = mail;
    this.delivery = delivery;
    this.erasure = erasure;
  }

  public String getMail() {
    return mail;
  }

  public String getDelivery() {
    return delivery;
  }

  public String getErasure() {
    return erasure;
  }
}
