package com.privacycasemanager.records;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/** Case records written straight into {@code privacy_case}, with the dates and outcomes a test needs. */
final class CaseRecordFixture {

  private final JdbcTemplate jdbc;

  CaseRecordFixture(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A case answered {@code toResponse} after receipt; outcome and reason may be null. */
  void insert(String requestId, String type, Instant received, Duration toResponse, String outcome, String denialReason) {
    jdbc.update("delete from privacy_case where request_id = ?", requestId);
    jdbc.update(
        "insert into privacy_case (request_id, request_type, channel, status, received_at, due_at, completed_at,"
            + " outcome, denial_reason, denial_basis) values (?, ?, 'API', ?, ?, ?, ?, ?, ?, ?)",
        requestId, type, outcome == null ? "RECEIVED" : outcome.equals("DENIED") ? "DENIED" : "COMPLETED",
        Timestamp.from(received), Timestamp.from(received.plus(Duration.ofDays(45))),
        toResponse == null ? null : Timestamp.from(received.plus(toResponse)),
        outcome, denialReason, outcome != null && outcome.equals("DENIED") ? "fixture" : null);
  }

  /** A case still open. */
  void open(String requestId, String type, Instant received) {
    insert(requestId, type, received, null, null, null);
  }
}
