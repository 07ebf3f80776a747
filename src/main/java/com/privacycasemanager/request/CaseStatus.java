package com.privacycasemanager.request;

/** Where a case stands, as the consumer's status look-up shows it. */
public enum CaseStatus {
  /** Registered; nothing done yet. */
  RECEIVED,
  /** Waiting for the consumer to confirm who they are (know, delete, correct). */
  VERIFYING,
  /** Verified (or not verifiable further); a reviewer is looking at it. */
  IN_REVIEW,
  /** The preference applies to the business's own processing; recipients are being told. */
  IN_EFFECT,
  /** Every step, including propagation to recipients, is done. */
  COMPLETED,
  DENIED;

  /** How staff pages name the status. */
  public String label() {
    return switch (this) {
      case RECEIVED -> "Received";
      case VERIFYING -> "Verifying identity";
      case IN_REVIEW -> "In review";
      case IN_EFFECT -> "In effect";
      case COMPLETED -> "Completed";
      case DENIED -> "Denied";
    };
  }
}
