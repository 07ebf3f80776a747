package com.privacycasemanager.notification;

import com.privacycasemanager.request.RequestType;
import java.net.URI;
import java.util.Set;

/**
 * One entry of the recipients registry.
 *
 * @param acknowledgement {@code ON_DELIVERY}: a 2xx answer confirms the request was applied;
 *     {@code CALLBACK}: the recipient confirms later through the signed acknowledgement endpoint
 */
public record Recipient(
    String id,
    String name,
    RecipientKind kind,
    Set<RequestType> requestTypes,
    URI endpoint,
    String secret,
    Acknowledgement acknowledgement,
    String contact) {

  /** How a recipient confirms. */
  public enum Acknowledgement {
    ON_DELIVERY,
    CALLBACK
  }

  public boolean hasEndpoint() {
    return endpoint != null;
  }

  @Override
  public String toString() {
    return "Recipient[" + id + "]";
  }
}
