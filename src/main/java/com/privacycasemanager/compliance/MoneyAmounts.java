package com.privacycasemanager.compliance;

import java.math.BigDecimal;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The CCPA's CPI-adjusted money amounts, from {@code privacy.amounts.<effective year>.*}. The
 * statute adjusts them in January of odd-numbered years (§1798.185(a)(5), ccpa-rules.md §9), so
 * a year uses the figures of the latest effective year at or before it; when that is not simply
 * the previous (even) year's adjustment the answer says the figures may be stale.
 */
@Component
public class MoneyAmounts {

  /** One effective year's amounts, whole US dollars. */
  public record Figures(
      BigDecimal revenueThreshold,
      BigDecimal perViolation,
      BigDecimal perIntentionalViolation,
      BigDecimal breachMinimumPerConsumer,
      BigDecimal breachMaximumPerConsumer) {}

  /**
   * The figures that apply to {@code year}.
   *
   * @param fallback true when no figures are configured for {@code year} itself
   */
  public record YearAmounts(int year, int effectiveYear, boolean fallback, String note, Figures figures) {}

  private final NavigableMap<Integer, Figures> byEffectiveYear;

  @Autowired
  public MoneyAmounts(Environment environment) {
    this(Binder.get(environment)
        .bind("privacy.amounts", Bindable.mapOf(Integer.class, Figures.class))
        .orElse(Map.of()));
  }

  MoneyAmounts(Map<Integer, Figures> byEffectiveYear) {
    byEffectiveYear.forEach(MoneyAmounts::check);
    this.byEffectiveYear = new TreeMap<>(byEffectiveYear);
  }

  /** Empty for a year before the first configured one. */
  public Optional<YearAmounts> forYear(int year) {
    Map.Entry<Integer, Figures> entry = byEffectiveYear.floorEntry(year);
    if (entry == null) {
      return Optional.empty();
    }
    int effective = entry.getKey();
    String note;
    if (effective == year) {
      note = "Figures effective " + year + " (CPI-adjusted, Civ. Code §1798.185(a)(5)).";
    } else if (year == effective + 1 && effective % 2 == 1) {
      note = "No figures configured for " + year + "; using those effective " + effective
          + ", which apply until the next CPI adjustment in January " + (year + 1) + " (§1798.185(a)(5)).";
    } else {
      int dueAdjustment = effective % 2 == 1 ? effective + 2 : effective + 1;
      note = "No figures configured for " + year + "; falling back to those effective " + effective
          + ". A CPI adjustment was due in January " + dueAdjustment + ": add privacy.amounts." + dueAdjustment + ".";
    }
    return Optional.of(new YearAmounts(year, effective, effective != year, note, entry.getValue()));
  }

  public Optional<Integer> firstYear() {
    return byEffectiveYear.isEmpty() ? Optional.empty() : Optional.of(byEffectiveYear.firstKey());
  }

  private static void check(Integer year, Figures f) {
    String where = "privacy.amounts." + year;
    requireWholeDollars(where + ".revenue-threshold", f.revenueThreshold());
    requireWholeDollars(where + ".per-violation", f.perViolation());
    requireWholeDollars(where + ".per-intentional-violation", f.perIntentionalViolation());
    requireWholeDollars(where + ".breach-minimum-per-consumer", f.breachMinimumPerConsumer());
    requireWholeDollars(where + ".breach-maximum-per-consumer", f.breachMaximumPerConsumer());
    if (f.breachMinimumPerConsumer().compareTo(f.breachMaximumPerConsumer()) > 0) {
      throw new IllegalStateException(where + ": breach-minimum-per-consumer is above breach-maximum-per-consumer");
    }
  }

  private static void requireWholeDollars(String key, BigDecimal value) {
    if (value == null) {
      throw new IllegalStateException(key + " is required");
    }
    if (value.signum() < 0 || value.stripTrailingZeros().scale() > 0) {
      throw new IllegalStateException(key + " must be a whole number of dollars, not negative");
    }
  }
}
