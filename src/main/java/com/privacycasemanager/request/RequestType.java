package com.privacycasemanager.request;

import java.util.EnumSet;
import java.util.Set;

/** The request types of the public API, each run by one process model. */
public enum RequestType {
  KNOW_CATEGORIES(ProcessKeys.RIGHT_TO_KNOW),
  KNOW_SPECIFIC(ProcessKeys.RIGHT_TO_KNOW),
  PORTABILITY(ProcessKeys.RIGHT_TO_KNOW),
  DELETE(ProcessKeys.RIGHT_TO_DELETE),
  CORRECT(ProcessKeys.RIGHT_TO_CORRECT),
  OPT_OUT_SALE(ProcessKeys.OPT_OUT),
  OPT_OUT_SHARING(ProcessKeys.OPT_OUT),
  OPT_OUT_ALL(ProcessKeys.OPT_OUT),
  LIMIT_SENSITIVE(ProcessKeys.LIMIT_SENSITIVE),
  ADMT_OPT_OUT(ProcessKeys.ADMT_OPT_OUT),
  ADMT_ACCESS(ProcessKeys.ADMT_ACCESS),
  ADMT_APPEAL(ProcessKeys.ADMT_APPEAL),
  /**
   * A withdrawal from one or more financial incentive programs (Civ. Code §1798.125(b)(3), "at any
   * time"): applied on receipt, the programs' recipients told within 15 business days.
   */
  INCENTIVE_WITHDRAWAL(ProcessKeys.INCENTIVE_WITHDRAWAL),
  /**
   * A batch of browsers' opt-out preference signals (§7025), opened by the batches, never by a
   * consumer: each signal is an opt-out of sale and sharing already applied on receipt; the case
   * tells the recipients.
   */
  OPT_OUT_SIGNALS(ProcessKeys.OPT_OUT_SIGNALS);

  private final String processKey;

  RequestType(String processKey) {
    this.processKey = processKey;
  }

  public String processKey() {
    return processKey;
  }

  /**
   * Opt-outs (of sale and sharing, of ADMT) and limits: the law forbids asking for verification
   * and sets a 15-business-day clock for telling recipients. A withdrawal from a financial
   * incentive program is one too: the statute sets no clock for it, and it works as the opt-out it
   * amounts to (ccpa-rules.md §12), so it takes the opt-out's clock and, like it, no verification.
   */
  public boolean isPreferenceRequest() {
    return processKey.equals(ProcessKeys.OPT_OUT)
        || processKey.equals(ProcessKeys.LIMIT_SENSITIVE)
        || processKey.equals(ProcessKeys.ADMT_OPT_OUT)
        || processKey.equals(ProcessKeys.OPT_OUT_SIGNALS)
        || processKey.equals(ProcessKeys.INCENTIVE_WITHDRAWAL);
  }

  /** The preferences this request turns off. */
  public Set<Preference> preferencesWithdrawn() {
    return switch (this) {
      case OPT_OUT_SALE -> EnumSet.of(Preference.SALE);
      case OPT_OUT_SHARING -> EnumSet.of(Preference.SHARING);
      case OPT_OUT_ALL, OPT_OUT_SIGNALS -> EnumSet.of(Preference.SALE, Preference.SHARING);
      case LIMIT_SENSITIVE -> EnumSet.of(Preference.SENSITIVE_USE);
      default -> EnumSet.noneOf(Preference.class);
    };
  }

  /** The type a process started without one runs as. */
  public static RequestType defaultFor(String processKey) {
    return switch (processKey) {
      case ProcessKeys.OPT_OUT -> OPT_OUT_ALL;
      case ProcessKeys.LIMIT_SENSITIVE -> LIMIT_SENSITIVE;
      case ProcessKeys.RIGHT_TO_KNOW -> KNOW_CATEGORIES;
      case ProcessKeys.RIGHT_TO_DELETE -> DELETE;
      case ProcessKeys.RIGHT_TO_CORRECT -> CORRECT;
      case ProcessKeys.ADMT_OPT_OUT -> ADMT_OPT_OUT;
      case ProcessKeys.ADMT_ACCESS -> ADMT_ACCESS;
      case ProcessKeys.ADMT_APPEAL -> ADMT_APPEAL;
      case ProcessKeys.INCENTIVE_WITHDRAWAL -> INCENTIVE_WITHDRAWAL;
      case ProcessKeys.OPT_OUT_SIGNALS -> OPT_OUT_SIGNALS;
      default -> throw new IllegalArgumentException("no default request type for " + processKey);
    };
  }

  /** How staff pages name the type. */
  public String label() {
    return switch (this) {
      case KNOW_CATEGORIES -> "Right to know (categories)";
      case KNOW_SPECIFIC -> "Right to know (specific pieces)";
      case PORTABILITY -> "Portability";
      case DELETE -> "Right to delete";
      case CORRECT -> "Right to correct";
      case OPT_OUT_SALE -> "Opt-out of sale";
      case OPT_OUT_SHARING -> "Opt-out of sharing";
      case OPT_OUT_ALL -> "Opt-out of sale and sharing";
      case LIMIT_SENSITIVE -> "Limit use of sensitive information";
      case ADMT_OPT_OUT -> "Opt-out of automated decisionmaking";
      case ADMT_ACCESS -> "Access to automated decisionmaking information";
      case ADMT_APPEAL -> "Appeal of an automated decision";
      case INCENTIVE_WITHDRAWAL -> "Withdrawal from a financial incentive program";
      case OPT_OUT_SIGNALS -> "Opt-out preference signals (batch)";
    };
  }
}
