package com.privacycasemanager.request;

/** The response type recorded for a closed case (§7101). */
public enum Outcome {
  FULFILLED,
  PARTIAL,
  DENIED;

  /** How staff pages name the outcome. */
  public String label() {
    return switch (this) {
      case FULFILLED -> "Fulfilled";
      case PARTIAL -> "Fulfilled in part";
      case DENIED -> "Denied";
    };
  }
}
