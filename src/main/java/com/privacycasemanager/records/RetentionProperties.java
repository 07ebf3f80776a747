package com.privacycasemanager.records;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code privacy.records}: how long case records are kept and when the purge runs.
 *
 * <p>11 CCR §7101(a) asks for at least 24 months, so a shorter retention is refused at startup
 * rather than quietly purging records the business must still be able to show.
 *
 * @param retentionMonths months a case record is kept after its response (or, never answered,
 *     its receipt); at least 24, default 24
 * @param purgeCron when the purge runs (Spring cron, in {@code privacy.time-zone}); {@code "-"}
 *     switches the schedule off
 */
@ConfigurationProperties("privacy.records")
public record RetentionProperties(Integer retentionMonths, String purgeCron) {

  /** The §7101(a) minimum. */
  public static final int MINIMUM_MONTHS = 24;

  public RetentionProperties {
    retentionMonths = retentionMonths == null ? MINIMUM_MONTHS : retentionMonths;
    purgeCron = purgeCron == null || purgeCron.isBlank() ? "0 30 3 * * *" : purgeCron;
    if (retentionMonths < MINIMUM_MONTHS) {
      throw new IllegalArgumentException(
          "privacy.records.retention-months is " + retentionMonths + ", but 11 CCR §7101(a) requires records of"
              + " consumer requests to be kept at least " + MINIMUM_MONTHS + " months: set it to "
              + MINIMUM_MONTHS + " or more");
    }
  }

  /**
   * The retention in whole days for Camunda's history time to live, which counts days only: the
   * average month length rounded up, so history is never removed before the case record is.
   */
  public int retentionDays() {
    return (int) Math.ceil(retentionMonths * 365.25 / 12);
  }
}
