package com.privacycasemanager.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The configured amounts by effective year, the applicability boundaries and the exposure arithmetic by hand. */
class AmountsAndApplicabilityTest {

  /** ccpa-rules.md §9, effective 2025-01-01. */
  private static final MoneyAmounts.Figures FIGURES_2025 = new MoneyAmounts.Figures(
      new BigDecimal("26625000"), new BigDecimal("2663"), new BigDecimal("7988"), new BigDecimal("107"), new BigDecimal("799"));

  private final MoneyAmounts amounts = new MoneyAmounts(Map.of(2025, FIGURES_2025));
  private final MoneyAmounts.YearAmounts y2026 = amounts.forYear(2026).orElseThrow();

  @Test
  void amountsAreBoundFromConfigurationByEffectiveYear() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
        "privacy.amounts.2025.revenue-threshold", "26625000",
        "privacy.amounts.2025.per-violation", "2663",
        "privacy.amounts.2025.per-intentional-violation", "7988",
        "privacy.amounts.2025.breach-minimum-per-consumer", "107",
        "privacy.amounts.2025.breach-maximum-per-consumer", "799",
        "privacy.amounts.2027.revenue-threshold", "28000000",
        "privacy.amounts.2027.per-violation", "2800",
        "privacy.amounts.2027.per-intentional-violation", "8400",
        "privacy.amounts.2027.breach-minimum-per-consumer", "112",
        "privacy.amounts.2027.breach-maximum-per-consumer", "840")));
    MoneyAmounts bound = new MoneyAmounts(environment);
    assertThat(bound.forYear(2026).orElseThrow().figures()).isEqualTo(FIGURES_2025);
    assertThat(bound.forYear(2027).orElseThrow().figures().perViolation()).isEqualByComparingTo("2800");
    assertThat(bound.forYear(2027).orElseThrow().fallback()).isFalse();
  }

  @Test
  void aYearWithoutFiguresFallsBackToTheLatestEarlierOneAndSaysSo() {
    MoneyAmounts.YearAmounts same = amounts.forYear(2025).orElseThrow();
    assertThat(same.fallback()).isFalse();
    assertThat(same.effectiveYear()).isEqualTo(2025);

    assertThat(y2026.fallback()).isTrue();
    assertThat(y2026.effectiveYear()).isEqualTo(2025);
    assertThat(y2026.note()).contains("No figures configured for 2026", "effective 2025", "January 2027");

    MoneyAmounts.YearAmounts y2028 = amounts.forYear(2028).orElseThrow();
    assertThat(y2028.effectiveYear()).isEqualTo(2025);
    assertThat(y2028.note()).contains("falling back", "January 2027", "privacy.amounts.2027");

    assertThat(amounts.forYear(2024)).isEmpty();
  }

  @Test
  void figuresMustBeWholeDollarsWithTheBreachRangeInOrder() {
    var fractional = new MoneyAmounts.Figures(new BigDecimal("26625000.50"), BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);
    assertThatThrownBy(() -> new MoneyAmounts(Map.of(2025, fractional))).hasMessageContaining("privacy.amounts.2025.revenue-threshold");
    var reversed = new MoneyAmounts.Figures(BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("800"), new BigDecimal("799"));
    assertThatThrownBy(() -> new MoneyAmounts(Map.of(2025, reversed))).hasMessageContaining("breach-minimum");
  }

  @Test
  void revenueMustBeOverTheThresholdNotAtIt() {
    Applicability.Answer atThreshold = assess("26625000", 0, "0");
    assertThat(atThreshold.applies()).isFalse();
    assertThat(atThreshold.criteria().get(0).found()).contains("$26,625,000 is not over the threshold of $26,625,000");
    Applicability.Answer oneDollarOver = assess("26625001", 0, "0");
    assertThat(oneDollarOver.applies()).isTrue();
    assertThat(oneDollarOver.criteria().get(0).met()).isTrue();
  }

  @Test
  void consumersCountFromOneHundredThousand() {
    assertThat(assess("0", 99_999, "0").applies()).isFalse();
    Applicability.Answer atThreshold = assess("0", 100_000, "0");
    assertThat(atThreshold.applies()).isTrue();
    assertThat(atThreshold.criteria().get(1).met()).isTrue();
    assertThat(atThreshold.criteria().get(1).citation()).contains("1798.140(d)(1)(B)");
  }

  @Test
  void halfOfRevenueFromSellingOrSharingCounts() {
    assertThat(assess("0", 0, "49.9").applies()).isFalse();
    assertThat(assess("0", 0, "49.9999").applies()).isFalse();
    Applicability.Answer half = assess("0", 0, "50");
    assertThat(half.applies()).isTrue();
    assertThat(half.criteria().get(2).met()).isTrue();
    assertThat(assess("0", 0, "50.0").applies()).isTrue();
  }

  @Test
  void exposureIsTheConfiguredAmountsTimesTheCounts() {
    // by hand: 3 × $2,663 = $7,989; 2 × $7,988 = $15,976; penalties $23,965
    // breach: 1,000 × $107 = $107,000 to 1,000 × $799 = $799,000
    Exposure.Estimate estimate = Exposure.estimate(3, 2, 1_000, y2026);
    assertThat(estimate.penalties()).isEqualTo(new BigDecimal("23965"));
    assertThat(estimate.breachMinimum()).isEqualTo(new BigDecimal("107000"));
    assertThat(estimate.breachMaximum()).isEqualTo(new BigDecimal("799000"));
    assertThat(estimate.totalMinimum()).isEqualTo(new BigDecimal("130965"));
    assertThat(estimate.totalMaximum()).isEqualTo(new BigDecimal("822965"));

    Exposure.Estimate nothing = Exposure.estimate(0, 0, 0, y2026);
    assertThat(nothing.totalMaximum()).isEqualTo(BigDecimal.ZERO);

    // far beyond a double's exact integers: 999,999,999,999,999 × $7,988
    Exposure.Estimate huge = Exposure.estimate(0, 999_999_999_999_999L, 0, y2026);
    assertThat(huge.penalties()).isEqualTo(new BigDecimal("7987999999999992012"));
  }

  private Applicability.Answer assess(String revenue, long consumers, String share) {
    return Applicability.assess(new BigDecimal(revenue), consumers, new BigDecimal(share), y2026);
  }
}
