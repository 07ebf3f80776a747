package com.privacycasemanager.compliance;

import java.math.BigDecimal;

/**
 * Penalty and breach exposure as plain arithmetic on the configured amounts (ccpa-rules.md §9): an
 * estimate for planning, not a prediction of what a court or the CPPA would impose.
 */
public final class Exposure {

  /**
   * Whole dollars. {@code penalties} counts §1798.155(a) / §1798.199.90(a) amounts per violation;
   * the breach range is §1798.150(a)(1)(A) statutory damages per consumer for one incident (actual
   * damages, when greater, replace them).
   */
  public record Estimate(
      long violations,
      long intentionalOrMinorsViolations,
      long breachConsumers,
      BigDecimal penalties,
      BigDecimal breachMinimum,
      BigDecimal breachMaximum,
      BigDecimal totalMinimum,
      BigDecimal totalMaximum,
      MoneyAmounts.YearAmounts amounts) {}

  private Exposure() {}

  /**
   * @param violations violations at the ordinary amount
   * @param intentionalOrMinors further violations that are intentional or involve consumers under 16
   * @param breachConsumers consumers affected by one breach incident
   */
  public static Estimate estimate(long violations, long intentionalOrMinors, long breachConsumers, MoneyAmounts.YearAmounts amounts) {
    MoneyAmounts.Figures f = amounts.figures();
    BigDecimal penalties = f.perViolation().multiply(BigDecimal.valueOf(violations))
        .add(f.perIntentionalViolation().multiply(BigDecimal.valueOf(intentionalOrMinors)));
    BigDecimal breachMinimum = f.breachMinimumPerConsumer().multiply(BigDecimal.valueOf(breachConsumers));
    BigDecimal breachMaximum = f.breachMaximumPerConsumer().multiply(BigDecimal.valueOf(breachConsumers));
    return new Estimate(violations, intentionalOrMinors, breachConsumers,
        whole(penalties), whole(breachMinimum), whole(breachMaximum),
        whole(penalties.add(breachMinimum)), whole(penalties.add(breachMaximum)), amounts);
  }

  /** Whole dollars in JSON (no "2663.00" from a figure written with decimals). */
  private static BigDecimal whole(BigDecimal amount) {
    return amount.setScale(0, java.math.RoundingMode.UNNECESSARY);
  }
}
