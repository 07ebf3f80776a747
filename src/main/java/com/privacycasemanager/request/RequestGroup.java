package com.privacycasemanager.request;

/**
 * The groups of requests the §7102 metrics report (11 CCR §7102(a)(1)(A)–(E)); each {@link
 * RequestKind} says which group its requests count in.
 */
public enum RequestGroup {
  KNOW("Requests to know"),
  DELETE("Requests to delete"),
  CORRECT("Requests to correct"),
  OPT_OUT("Requests to opt out of sale or sharing"),
  LIMIT("Requests to limit the use of sensitive personal information");

  private final String label;

  RequestGroup(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
