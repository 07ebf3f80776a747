package com.privacycasemanager.erasure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.privacycasemanager.datamap.DeletionException;
import com.privacycasemanager.erasure.DeletionPlan.Action;
import com.privacycasemanager.erasure.DeletionPlanner.Hold;
import com.privacycasemanager.request.RequestId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code deletion_plan}, {@code deletion_hold}, {@code erasure_receipt} and {@code deletion_suppression} tables. */
@Repository
public class DeletionRepository {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;

  public DeletionRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Replaces the case's plan for one system. */
  public void savePlan(RequestId id, DeletionPlan plan) {
    jdbc.update("delete from deletion_plan where request_id = ? and system_id = ?", id.value(), plan.systemId());
    for (DeletionPlan.Rows rows : plan.rows()) {
      jdbc.update(
          "insert into deletion_plan (request_id, system_id, table_name, action, basis, reason, kept_columns, row_count, row_keys)"
              + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          id.value(), plan.systemId(), rows.table(), rows.action().name(),
          rows.basis() == null ? null : rows.basis().name(), rows.reason(),
          rows.kept().isEmpty() ? null : String.join(",", rows.kept()), rows.keys().size(), json(rows.keys()));
    }
  }

  public DeletionPlan plan(RequestId id, String systemId) {
    List<DeletionPlan.Rows> rows = jdbc.query(
        "select table_name, action, basis, reason, kept_columns, row_keys from deletion_plan"
            + " where request_id = ? and system_id = ? order by id",
        (rs, n) -> new DeletionPlan.Rows(
            rs.getString(1),
            Action.valueOf(rs.getString(2)),
            rs.getString(3) == null ? null : DeletionException.valueOf(rs.getString(3)),
            rs.getString(4),
            rs.getString(5) == null ? List.of() : Arrays.asList(rs.getString(5).split(",")),
            keys(rs.getString(6))),
        id.value(), systemId);
    return new DeletionPlan(systemId, rows);
  }

  public void saveHolds(RequestId id, String systemId, List<Hold> holds, String by, Instant at) {
    for (Hold hold : holds) {
      jdbc.update(
          "insert into deletion_hold (request_id, system_id, table_name, reason, held_by, held_at) values (?, ?, ?, ?, ?, ?)",
          id.value(), systemId, hold.table(), hold.reason(), by, Timestamp.from(at));
    }
  }

  public List<Hold> holds(RequestId id, String systemId) {
    return jdbc.query(
        "select table_name, reason from deletion_hold where request_id = ? and system_id = ? order by table_name",
        (rs, n) -> new Hold(rs.getString(1), rs.getString(2)), id.value(), systemId);
  }

  /** One line of the receipt: what erasure did to one column (or, with {@code *}, to whole rows). */
  public record ReceiptLine(String systemId, String table, String column, String action, int rows, String reason) {}

  /** Replaces the receipt of one system (a retried step records what it verified, once). */
  public void saveReceipt(RequestId id, String systemId, List<ReceiptLine> lines, Instant verifiedAt) {
    jdbc.update("delete from erasure_receipt where request_id = ? and system_id = ?", id.value(), systemId);
    for (ReceiptLine line : lines) {
      jdbc.update(
          "insert into erasure_receipt (request_id, system_id, table_name, column_name, action, row_count, reason, verified_at)"
              + " values (?, ?, ?, ?, ?, ?, ?, ?)",
          id.value(), systemId, line.table(), line.column(), line.action(), line.rows(), line.reason(), Timestamp.from(verifiedAt));
    }
  }

  public List<ReceiptLine> receipt(RequestId id) {
    return jdbc.query(
        "select system_id, table_name, column_name, action, row_count, reason from erasure_receipt where request_id = ? order by id",
        (rs, n) -> new ReceiptLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6)),
        id.value());
  }

  public void suppress(String identifierKey, String identifierType, RequestId id, Instant at) {
    Integer present = jdbc.queryForObject(
        "select count(*) from deletion_suppression where identifier_key = ? and request_id = ?", Integer.class, identifierKey, id.value());
    if (present == null || present == 0) {
      jdbc.update(
          "insert into deletion_suppression (identifier_key, identifier_type, request_id, recorded_at) values (?, ?, ?, ?)",
          identifierKey, identifierType, id.value(), Timestamp.from(at));
    }
  }

  /** When the earliest deletion of a consumer known by this keyed identifier was recorded, if any. */
  public java.util.Optional<Instant> suppressedSince(String identifierKey) {
    Timestamp t = jdbc.queryForObject(
        "select min(recorded_at) from deletion_suppression where identifier_key = ?", Timestamp.class, identifierKey);
    return java.util.Optional.ofNullable(t).map(Timestamp::toInstant);
  }

  private static String json(List<Object> keys) {
    try {
      return JSON.writeValueAsString(keys);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("row keys cannot be written", e);
    }
  }

  private static List<Object> keys(String json) {
    try {
      return new ArrayList<>(Arrays.asList(JSON.readValue(json, Object[].class)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("row keys cannot be read", e);
    }
  }
}
