package com.privacycasemanager.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code recipient_delivery} table. */
@Repository
public class DeliveryRepository {

  private static final RowMapper<Delivery> MAPPER =
      (rs, n) ->
          new Delivery(
              rs.getString("request_id"),
              rs.getString("recipient_id"),
              rs.getString("delivery_key"),
              DeliveryStatus.valueOf(rs.getString("status")),
              rs.getInt("attempts"),
              (Integer) rs.getObject("last_response_code"),
              rs.getString("last_error"),
              instant(rs.getTimestamp("delivered_at")),
              instant(rs.getTimestamp("acknowledged_at")),
              rs.getString("acknowledged_by"),
              rs.getString("note"));

  private final JdbcTemplate jdbc;

  public DeliveryRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates the row unless it exists (a retried or re-entered step opens nothing twice). */
  void open(String requestId, String recipientId, DeliveryStatus status) {
    if (find(requestId, recipientId).isEmpty()) {
      jdbc.update(
          "insert into recipient_delivery (request_id, recipient_id, delivery_key, status, attempts) values (?, ?, ?, ?, 0)",
          requestId,
          recipientId,
          deliveryKey(requestId, recipientId),
          status.name());
    }
  }

  public Optional<Delivery> find(String requestId, String recipientId) {
    return jdbc
        .query("select * from recipient_delivery where request_id = ? and recipient_id = ?", MAPPER, requestId, recipientId)
        .stream()
        .findFirst();
  }

  public Optional<Delivery> findByKey(String deliveryKey) {
    return jdbc.query("select * from recipient_delivery where delivery_key = ?", MAPPER, deliveryKey).stream().findFirst();
  }

  public List<Delivery> forRequest(String requestId) {
    return jdbc.query(
        "select * from recipient_delivery where request_id = ? order by recipient_id", MAPPER, requestId);
  }

  void recordAttempt(String key, Instant at, Integer responseCode, String error) {
    jdbc.update(
        "update recipient_delivery set attempts = attempts + 1, last_attempt_at = ?, last_response_code = ?, last_error = ?"
            + " where delivery_key = ?",
        Timestamp.from(at),
        responseCode,
        error,
        key);
  }

  void markDelivered(String key, Instant at) {
    jdbc.update(
        "update recipient_delivery set status = ?, delivered_at = ? where delivery_key = ? and status <> ?",
        DeliveryStatus.DELIVERED.name(),
        Timestamp.from(at),
        key,
        DeliveryStatus.ACKNOWLEDGED.name());
  }

  /** Returns false when it was acknowledged already. */
  boolean markAcknowledged(String key, Instant at, String by, String note) {
    return jdbc.update(
            "update recipient_delivery set status = ?, acknowledged_at = ?, acknowledged_by = ?, note = coalesce(?, note)"
                + " where delivery_key = ? and status <> ?",
            DeliveryStatus.ACKNOWLEDGED.name(),
            Timestamp.from(at),
            by,
            note,
            key,
            DeliveryStatus.ACKNOWLEDGED.name())
        > 0;
  }

  void addNote(String key, String note) {
    jdbc.update("update recipient_delivery set note = ? where delivery_key = ?", note, key);
  }

  static String deliveryKey(String requestId, String recipientId) {
    return requestId + ":" + recipientId;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
