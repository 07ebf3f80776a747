package com.privacycasemanager.records;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The retention purge (11 CCR §7101): removes case records whose response (or, never answered,
 * whose receipt) is older than {@code privacy.records.retention-months}, with every row of the
 * project's own tables that belongs to them.
 *
 * <p>Kept on purpose: {@code deletion_suppression} (keyed hashes that must outlive the case, or a
 * deleted consumer would be imported again) and {@code preference_event}/{@code preference_state}
 * (an opt-out stays in force after its case record is gone). Camunda's history is removed by the
 * engine's own history cleanup ({@link RetentionEnginePlugin}).
 */
@Service
public class RecordsRetention {

  private static final Logger log = LoggerFactory.getLogger(RecordsRetention.class);

  /**
   * Tables holding rows of a case, keyed by {@code request_id}; the case record itself goes last.
   * The audit trail ({@code case_event}) is not among them: it holds request ids and actions, no
   * personal data, and removing entries from the middle of its hash chain would leave the chain
   * unverifiable.
   */
  static final List<String> CASE_TABLES = List.of(
      "verification", "case_data_point", "access_package", "recipient_delivery",
      "deletion_plan", "deletion_hold", "erasure_receipt",
      "correction_field", "correction_target", "correction_document", "incentive_withdrawal");

  private static final String EXPIRED =
      "select request_id from privacy_case where coalesce(completed_at, received_at) < ?";

  private final JdbcTemplate jdbc;
  private final RetentionProperties properties;
  private final Clock clock;
  private final ZoneId zone;

  public RecordsRetention(JdbcTemplate jdbc, RetentionProperties properties, Clock clock,
      @Value("${privacy.time-zone}") ZoneId zone) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
    this.zone = zone;
  }

  /** Records whose response or receipt is before this instant are past retention. */
  public Instant cutoff() {
    return clock.instant().atZone(zone).minusMonths(properties.retentionMonths()).toInstant();
  }

  // transactional here too: the call to purge() below does not pass through the proxy
  @Scheduled(cron = "${privacy.records.purge-cron:0 30 3 * * *}", zone = "${privacy.time-zone}")
  @Transactional
  public void scheduledPurge() {
    purge();
  }

  /** Removes the expired case records and their rows; logs counts only. */
  @Transactional
  public Purged purge() {
    Timestamp cutoff = Timestamp.from(cutoff());
    int rows = 0;
    for (String table : CASE_TABLES) {
      rows += jdbc.update("delete from " + table + " where request_id in (" + EXPIRED + ")", cutoff);
    }
    // financial incentive consent records: a decision older than the cutoff goes once a later
    // decision about the same program by the same consumer replaced it; the decision in force
    // (the opt-in of a member, the withdrawal behind a 12-month wait) stays as long as it is
    rows += jdbc.update("delete from incentive_consent c where c.decided_at < ? and exists (select 1 from"
        + " incentive_consent_identifier i join incentive_consent_identifier j on j.identifier_key = i.identifier_key"
        + " join incentive_consent d on d.id = j.consent_id where i.consent_id = c.id and d.program_id = c.program_id and d.id > c.id)",
        cutoff);
    int records = jdbc.update("delete from privacy_case where coalesce(completed_at, received_at) < ?", cutoff);
    Purged purged = new Purged(records, rows);
    if (records > 0) {
      log.info("Retention purge removed {} case records and {} rows belonging to them ({} months)",
          records, rows, properties.retentionMonths());
    }
    return purged;
  }

  /** What one purge removed: case records, and rows of other tables belonging to them. */
  public record Purged(int caseRecords, int relatedRows) {}
}
