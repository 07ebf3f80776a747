package com.privacycasemanager.request;

/** Process definition keys of the BPMN models in {@code processes/}. */
public final class ProcessKeys {
  public static final String RIGHT_TO_KNOW = "right-to-know";
  public static final String RIGHT_TO_DELETE = "right-to-delete";
  public static final String RIGHT_TO_CORRECT = "right-to-correct";
  public static final String OPT_OUT = "opt-out";
  public static final String LIMIT_SENSITIVE = "limit-sensitive";
  public static final String ADMT_OPT_OUT = "admt-opt-out";
  public static final String ADMT_ACCESS = "admt-access";
  public static final String ADMT_APPEAL = "admt-appeal";
  /** A withdrawal from financial incentive programs (package {@code incentive}). */
  public static final String INCENTIVE_WITHDRAWAL = "incentive-withdrawal";
  /** A batch of opt-out preference signals told to the recipients (package {@code signal}). */
  public static final String OPT_OUT_SIGNALS = "opt-out-signals";
  public static final String NOTIFY_RECIPIENTS = "notify-recipients";
  public static final String VERIFY_IDENTITY = "verify-identity";
  public static final String RESPONSE_CLOCK = "response-clock";

  private ProcessKeys() {}
}
