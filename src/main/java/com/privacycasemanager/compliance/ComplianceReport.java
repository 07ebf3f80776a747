package com.privacycasemanager.compliance;

import java.time.Instant;
import java.util.List;

/**
 * The self-check's answer.
 *
 * @param score passed / applicable as a whole percentage, rounded down so that 100 means no gap
 */
public record ComplianceReport(Instant checkedAt, int score, int passed, int applicable, List<CheckResult> checks) {

  public static ComplianceReport of(Instant checkedAt, List<CheckResult> checks) {
    int applicable = (int) checks.stream().filter(CheckResult::applicable).count();
    int passed = (int) checks.stream().filter(c -> c.applicable() && c.passed()).count();
    // Rounding down: 199 of 200 must not read as 100 %.
    int score = applicable == 0 ? 100 : passed * 100 / applicable;
    return new ComplianceReport(checkedAt, score, passed, applicable, List.copyOf(checks));
  }
}
