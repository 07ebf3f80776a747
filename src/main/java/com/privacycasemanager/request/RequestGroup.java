package com.privacycasemanager.request;

/**
 * The groups of requests the §7102 metrics report (11 CCR §7102(a)(1)(A)–(E), and the ADMT rows the 2025 amendments add); each {@link
 * RequestKind} says which group its requests count in.
 */
public enum RequestGroup {
  KNOW("Requests to know"),
  DELETE("Requests to delete"),
  CORRECT("Requests to correct"),
  OPT_OUT("Requests to opt out of sale or sharing"),
  LIMIT("Requests to limit the use of sensitive personal information"),
  /** §7102(a)(1) as amended in 2025: requests to opt out of automated decisionmaking technology. */
  ADMT_OPT_OUT("Requests to opt out of automated decisionmaking technology", 2027),
  /** §7102(a)(1) as amended in 2025: requests to access automated decisionmaking technology. */
  ADMT_ACCESS("Requests to access automated decisionmaking technology", 2027);

  private final String label;
  private final int firstYear;

  RequestGroup(String label) {
    this(label, 0);
  }

  RequestGroup(String label, int firstYear) {
    this.label = label;
    this.firstYear = firstYear;
  }

  /** Whether the metrics of calendar year {@code year} have this row: the ADMT rows from 2027, when the requests exist. */
  public boolean reportedFor(int year) {
    return year >= firstYear;
  }

  public String label() {
    return label;
  }
}
