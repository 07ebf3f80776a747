package com.privacycasemanager.records;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/** Case records written straight into {@code privacy_case}, with the dates and outcomes a test needs. */
public final class CaseRecordFixture {

  private final JdbcTemplate jdbc;

  /**
   * The 2023 fixture of {@code MetricsTest} (whose hand-computed figures it matches; idempotent:
   * each id is replaced). 2023 is a year no other test writes cases in.
   */
  public static void load2023(JdbcTemplate jdbc) {
    CaseRecordFixture cases = new CaseRecordFixture(jdbc);
    // Requests to know: 6 received in 2023 (Los Angeles time)
    cases.insert("CCPA-20230301-000000A1", "KNOW_SPECIFIC", at("2023-03-01T18:00:00Z"), days(10, 0), "FULFILLED", null);
    cases.insert("CCPA-20230401-000000A2", "KNOW_CATEGORIES", at("2023-04-01T18:00:00Z"), days(20, 12), "PARTIAL", null);
    cases.insert("CCPA-20230501-000000A3", "PORTABILITY", at("2023-05-01T18:00:00Z"), days(21, 0), "DENIED", "UNVERIFIED");
    cases.insert("CCPA-20230601-000000A4", "KNOW_SPECIFIC", at("2023-06-01T18:00:00Z"), days(45, 0), "DENIED", "OTHER");
    cases.open("CCPA-20230701-000000A5", "KNOW_SPECIFIC", at("2023-07-01T18:00:00Z"));
    // 21:00 on 31 December in Los Angeles: still 2023 there
    cases.insert("CCPA-20231231-000000A6", "KNOW_CATEGORIES", at("2024-01-01T05:00:00Z"), days(3, 0), "FULFILLED", null);
    // 23:30 on 31 December 2022 in Los Angeles: not 2023
    cases.insert("CCPA-20221231-000000A7", "KNOW_SPECIFIC", at("2023-01-01T07:30:00Z"), days(1, 0), "FULFILLED", null);
    // Requests to delete: 4
    cases.insert("CCPA-20230210-000000B1", "DELETE", at("2023-02-10T18:00:00Z"), days(30, 6), "FULFILLED", null);
    cases.insert("CCPA-20230211-000000B2", "DELETE", at("2023-02-11T18:00:00Z"), days(15, 0), "PARTIAL", null);
    cases.insert("CCPA-20230212-000000B3", "DELETE", at("2023-02-12T18:00:00Z"), days(5, 0), "DENIED", "EXEMPT");
    cases.insert("CCPA-20230213-000000B4", "DELETE", at("2023-02-13T18:00:00Z"), days(2, 0), "DENIED", "NOT_A_CONSUMER");
    // Requests to correct: 1, denied before denial_reason existed (no code: counts as other)
    cases.insert("CCPA-20230805-000000C1", "CORRECT", at("2023-08-05T18:00:00Z"), days(7, 0), "DENIED", null);
    // Opt-outs: 3 of the three types
    cases.insert("CCPA-20230901-000000D1", "OPT_OUT_SALE", at("2023-09-01T18:00:00Z"), Duration.ofHours(1), "FULFILLED", null);
    cases.insert("CCPA-20230902-000000D2", "OPT_OUT_ALL", at("2023-09-02T18:00:00Z"), days(1, 12), "FULFILLED", null);
    cases.insert("CCPA-20230903-000000D3", "OPT_OUT_SHARING", at("2023-09-03T18:00:00Z"), days(2, 0), "FULFILLED", null);
  }

  static Instant at(String instant) {
    return Instant.parse(instant);
  }

  static Duration days(int days, int hours) {
    return Duration.ofDays(days).plusHours(hours);
  }

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
