package com.privacycasemanager.verification;

import com.privacycasemanager.request.RequestType;

/** The degree of certainty a verification reached (§7062). */
public enum VerificationLevel {
  NONE,
  /** A reasonable degree: a confirmed email, or two data points matched. */
  REASONABLE,
  /** A reasonably high degree: a confirmed email, three data points and a signed declaration. */
  HIGH;

  public boolean atLeast(VerificationLevel other) {
    return compareTo(other) >= 0;
  }

  /** What a request type needs (PRODUCT.md: categories reasonable; specific, delete, correct high). */
  public static VerificationLevel requiredFor(RequestType type) {
    return type == RequestType.KNOW_CATEGORIES ? REASONABLE : HIGH;
  }
}
