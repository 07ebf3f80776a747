package com.privacycasemanager.request;

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
}
