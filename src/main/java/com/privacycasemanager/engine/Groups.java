package com.privacycasemanager.engine;

/** Camunda groups this application relies on. */
public final class Groups {
  public static final String ADMIN = "camunda-admin";
  public static final String REVIEWERS = "privacy-reviewers";
  public static final String OFFICERS = "privacy-officers";
  /** Systems (ad servers, analytics) allowed to call the preference check. */
  public static final String PREFERENCE_API = "preference-api";
  /** The business's web servers, edge or tag manager, allowed to forward opt-out signals. */
  public static final String SIGNAL_API = "signal-api";
  /** The business's sign-up and account systems, allowed to record financial incentive consents. */
  public static final String INCENTIVE_API = "incentive-api";
  /** Monitoring systems (Prometheus) allowed to read the actuator's metrics. */
  public static final String METRICS = "metrics";

  private Groups() {}
}
