package com.privacycasemanager.request;

/** How a request reached the business (kept for the §7101 records). */
public enum Channel {
  WEB_FORM,
  API,
  ENGINE_REST,
  GPC,
  AGENT;

  /** How staff pages name the channel. */
  public String label() {
    return switch (this) {
      case WEB_FORM -> "Web form";
      case API -> "Intake API";
      case ENGINE_REST -> "Camunda REST API";
      case GPC -> "Global Privacy Control";
      case AGENT -> "Authorized agent";
    };
  }
}
