package com.privacycasemanager.datamap;

import com.privacycasemanager.request.CcpaCategory;
import com.privacycasemanager.request.RequestType;
import java.net.URI;
import java.util.Set;

/**
 * One entry of the recipients registry.
 *
 * @param disclosure sold, shared (cross-context behavioural advertising) or for a business purpose
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
    String contact,
    Disclosure disclosure,
    Set<CcpaCategory> categories) {

  /** Why a recipient receives personal information (the notice lists sold and shared separately). */
  public enum Disclosure {
    SOLD,
    SHARED,
    BUSINESS_PURPOSE
  }

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
