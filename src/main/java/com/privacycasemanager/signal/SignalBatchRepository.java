package com.privacycasemanager.signal;

import com.privacycasemanager.preferencestore.SignalLog;
import com.privacycasemanager.request.RequestId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** {@code signal_batch}: which case tells the recipients about which signals. */
@Repository
public class SignalBatchRepository {

  private final JdbcTemplate jdbc;

  SignalBatchRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A sealed batch: its case, size, and the first and last time one of its signals arrived. */
  public record Batch(long id, RequestId requestId, Instant sealedAt, int signals, Instant firstReceivedAt, Instant lastReceivedAt) {}

  /** A new, still empty batch for a case; returns its id. */
  long insert(RequestId requestId, Instant sealedAt, Instant first) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(
        c -> {
          var ps = c.prepareStatement(
              "insert into signal_batch (request_id, sealed_at, signals, first_received_at, last_received_at) values (?, ?, 0, ?, ?)",
              new String[] {"id"});
          ps.setString(1, requestId.value());
          ps.setTimestamp(2, Timestamp.from(sealedAt));
          ps.setTimestamp(3, Timestamp.from(first));
          ps.setTimestamp(4, Timestamp.from(first));
          return ps;
        },
        keys);
    // H2 and PostgreSQL name the key column differently; the only generated column is the id.
    return ((Number) keys.getKeyList().get(0).values().iterator().next()).longValue();
  }

  /** Records what the batch took. */
  void complete(long id, SignalLog.Span span) {
    jdbc.update(
        "update signal_batch set signals = ?, first_received_at = ?, last_received_at = ? where id = ?",
        span.signals(), Timestamp.from(span.first()), Timestamp.from(span.last()), id);
  }

  /** The batch a case tells the recipients about. */
  public Optional<Batch> batchOf(RequestId requestId) {
    return jdbc.query(
            "select id, request_id, sealed_at, signals, first_received_at, last_received_at from signal_batch where request_id = ?",
            (rs, n) ->
                new Batch(
                    rs.getLong(1),
                    new RequestId(rs.getString(2)),
                    rs.getTimestamp(3).toInstant(),
                    rs.getInt(4),
                    rs.getTimestamp(5).toInstant(),
                    rs.getTimestamp(6).toInstant()),
            requestId.value())
        .stream()
        .findFirst();
  }

  /** The outcome of each batch's case and when it was answered, by batch id (for the metrics). */
  void forEachOutcome(OutcomeRow each) {
    jdbc.query(
        "select b.id, c.outcome, c.completed_at from signal_batch b join privacy_case c on c.request_id = b.request_id",
        rs -> {
          Timestamp completed = rs.getTimestamp(3);
          each.accept(rs.getLong(1), rs.getString(2), completed == null ? null : completed.toInstant());
        });
  }

  @FunctionalInterface
  interface OutcomeRow {
    void accept(long batchId, String outcome, Instant completedAt);
  }
}
