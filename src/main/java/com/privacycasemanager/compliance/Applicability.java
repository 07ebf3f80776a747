package com.privacycasemanager.compliance;

import java.math.BigDecimal;
import java.util.List;

/** Whether the CCPA applies to a business: any one of §1798.140(d)(1)(A)–(C) (ccpa-rules.md §9). */
public final class Applicability {

  /** §1798.140(d)(1)(B): consumers or households bought, sold or shared a year. */
  static final long CONSUMERS_THRESHOLD = 100_000L;
  /** §1798.140(d)(1)(C): percent of annual revenue from selling or sharing. */
  static final BigDecimal SELLING_SHARE_THRESHOLD = BigDecimal.valueOf(50);

  /** One of the three tests. */
  public record Criterion(String id, boolean met, String found, String citation) {}

  /** The answer, with the figures used. */
  public record Answer(boolean applies, List<Criterion> criteria, MoneyAmounts.YearAmounts amounts) {}

  private Applicability() {}

  /**
   * @param revenue annual gross revenue of the preceding calendar year, whole dollars
   * @param consumers consumers or households whose personal information is bought, sold or shared a year
   * @param revenueSharePercent percent of annual revenue from selling or sharing personal information
   */
  public static Answer assess(BigDecimal revenue, long consumers, BigDecimal revenueSharePercent, MoneyAmounts.YearAmounts amounts) {
    BigDecimal threshold = amounts.figures().revenueThreshold();
    // "over" the threshold: exactly at it does not count
    boolean overRevenue = revenue.compareTo(threshold) > 0;
    boolean enoughConsumers = consumers >= CONSUMERS_THRESHOLD;
    boolean fromSelling = revenueSharePercent.compareTo(SELLING_SHARE_THRESHOLD) >= 0;
    List<Criterion> criteria = List.of(
        new Criterion("revenue", overRevenue,
            "Annual gross revenue $" + dollars(revenue) + (overRevenue ? " is over" : " is not over")
                + " the threshold of $" + dollars(threshold) + " (effective " + amounts.effectiveYear() + ").",
            "Civ. Code §1798.140(d)(1)(A)"),
        new Criterion("consumers", enoughConsumers,
            String.format("%,d consumers or households bought, sold or shared a year; the threshold is 100,000 or more.", consumers),
            "Civ. Code §1798.140(d)(1)(B)"),
        new Criterion("revenue-from-selling", fromSelling,
            revenueSharePercent.stripTrailingZeros().toPlainString() + "% of annual revenue from selling or sharing; the threshold is 50% or more.",
            "Civ. Code §1798.140(d)(1)(C)"));
    return new Answer(overRevenue || enoughConsumers || fromSelling, criteria, amounts);
  }

  static String dollars(BigDecimal amount) {
    return String.format("%,d", amount.toBigIntegerExact());
  }
}
