package com.privacycasemanager.preferencestore;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The opt-out preference signals of browsers ({@code opt_out_signal}): one row per browser and
 * signed-in account, written once — its first signal — and kept as the browser's opt-out of sale and
 * sharing and as the record of the request. The primary key de-duplicates across nodes; recipients
 * learn of the rows in batches ({@link #seal}).
 *
 * <p>Device and account ids are the business's own pseudonymous identifiers, stored as received
 * because the recipients need them to find the browser; they are never logged.
 */
@Repository
public class SignalLog {

  /** Where a signal was seen. */
  public enum Source {
    /** On this application's own {@code /privacy} pages or privacy API. */
    PAGE,
    /** On the business's pages, forwarded by its web servers, edge or tag manager ({@code POST /api/signals}). */
    EDGE
  }

  /**
   * One browser's signal: its first-party device id, when signed in the account id (or null), and
   * when the business's page saw it (null: when it arrives here).
   */
  public record Signal(String deviceId, String accountId, Instant seenAt) {
    public Signal(String deviceId, String accountId) {
      this(deviceId, accountId, null);
    }

    public Signal {
      if (deviceId == null || deviceId.isBlank()) {
        throw new IllegalArgumentException("a signal needs a device id");
      }
      accountId = accountId == null || accountId.isBlank() ? null : accountId;
    }

    @Override
    public String toString() {
      return "Signal[redacted]";
    }
  }

  /** A stored signal, as a batch lists it. */
  public record Received(String deviceId, String accountId, Instant receivedAt, Source source) {
    @Override
    public String toString() {
      return "Received[redacted]";
    }
  }

  private final JdbcTemplate jdbc;
  private final Dialect dialect;
  private volatile String insertSql;

  public SignalLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.dialect = new Dialect(jdbc);
  }

  /**
   * Stores the signals not stored yet, each received when its page saw it or else at {@code at};
   * returns, per signal, whether it was new.
   */
  public boolean[] record(List<Signal> signals, Source source, Instant at) {
    Timestamp now = Timestamp.from(at);
    int[] counts =
        jdbc.batchUpdate(
            insertSql(),
            signals.stream()
                .map(s -> new Object[] {
                    s.deviceId(),
                    s.accountId() == null ? "" : s.accountId(),
                    s.seenAt() == null ? now : Timestamp.from(s.seenAt()),
                    source.name()})
                .toList());
    boolean[] fresh = new boolean[counts.length];
    for (int i = 0; i < counts.length; i++) {
      fresh[i] = counts[i] > 0;
    }
    return fresh;
  }

  /**
   * PostgreSQL's upsert writes one row even when two nodes insert the same browser at once; H2 (the
   * embedded single-node default) has no such clause and merges instead.
   */
  private String insertSql() {
    String sql = insertSql;
    if (sql == null) {
      sql =
          dialect.postgres()
              ? "insert into opt_out_signal (device_id, account_id, received_at, source) values (?, ?, ?, ?)"
                  + " on conflict do nothing"
              : "merge into opt_out_signal t using (values (cast(? as varchar(64)), cast(? as varchar(64)),"
                  + " cast(? as timestamp with time zone), cast(? as varchar(8)))) s (device_id, account_id, received_at, source)"
                  + " on t.device_id = s.device_id and t.account_id = s.account_id"
                  + " when not matched then insert (device_id, account_id, received_at, source)"
                  + " values (s.device_id, s.account_id, s.received_at, s.source)";
      insertSql = sql;
    }
    return sql;
  }

  /** Since when the browser has signalled an opt-out, if it has. */
  public Optional<Instant> since(String deviceId) {
    List<Timestamp> first =
        jdbc.queryForList("select min(received_at) from opt_out_signal where device_id = ?", Timestamp.class, deviceId);
    return first.isEmpty() || first.get(0) == null ? Optional.empty() : Optional.of(first.get(0).toInstant());
  }

  /** How many signals no batch has taken yet, and the oldest one's time. */
  public Pending pending() {
    return jdbc.queryForObject(
        "select count(*), min(received_at) from opt_out_signal where batch_id is null",
        (rs, n) -> new Pending(rs.getLong(1), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()));
  }

  /** Signals waiting for a batch: how many, and when the oldest arrived (null when none). */
  public record Pending(long signals, Instant oldest) {}

  /** Gives the oldest {@code max} unbatched signals to a batch; returns how many it took. */
  public int seal(long batchId, int max) {
    return jdbc.update(
        "update opt_out_signal set batch_id = ? where batch_id is null and (device_id, account_id) in"
            + " (select device_id, account_id from opt_out_signal where batch_id is null"
            + " order by received_at, device_id, account_id fetch first " + max + " rows only)",
        batchId);
  }

  /** What a batch holds: how many signals and the first and last time one of them arrived. */
  public Optional<Span> span(long batchId) {
    return jdbc.queryForObject(
        "select count(*), min(received_at), max(received_at) from opt_out_signal where batch_id = ?",
        (rs, n) ->
            rs.getLong(1) == 0
                ? Optional.<Span>empty()
                : Optional.of(new Span(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant())),
        batchId);
  }

  /** A batch's size and the time its first and last signal arrived. */
  public record Span(int signals, Instant first, Instant last) {}

  /** A batch's signals in the order they arrived, at most {@code limit} of them (or all for a negative limit). */
  public List<Received> signalsOf(long batchId, int limit) {
    List<Received> result = new ArrayList<>();
    forEachOf(batchId, limit, result::add);
    return result;
  }

  /** Streams a batch's signals in the order they arrived. */
  public void forEachOf(long batchId, int limit, Consumer<Received> each) {
    jdbc.query(
        "select device_id, account_id, received_at, source from opt_out_signal where batch_id = ?"
            + " order by received_at, device_id, account_id" + (limit < 0 ? "" : " fetch first " + limit + " rows only"),
        rs -> {
          String account = rs.getString(2);
          each.accept(
              new Received(
                  rs.getString(1),
                  account.isEmpty() ? null : account,
                  rs.getTimestamp(3).toInstant(),
                  Source.valueOf(rs.getString(4))));
        },
        batchId);
  }

  /**
   * Signals received in {@code [from, to)}, counted per batch (null: not batched yet) and hour of
   * receipt (the start of the hour: a response time measured from it is at most an hour long, far
   * below the tenth of a day the metrics report), so a year of millions of signals is a few rows per
   * batch.
   */
  public void countReceived(Instant from, Instant to, ReceivedCount each) {
    jdbc.query(
        "select batch_id, date_trunc('hour', received_at), count(*) from opt_out_signal"
            + " where received_at >= ? and received_at < ? group by batch_id, date_trunc('hour', received_at)",
        rs -> {
          long batch = rs.getLong(1);
          boolean unbatched = rs.wasNull();
          each.accept(unbatched ? null : batch, rs.getTimestamp(2).toInstant(), rs.getLong(3));
        },
        Timestamp.from(from),
        Timestamp.from(to));
  }

  /** One group of {@link #countReceived}. */
  @FunctionalInterface
  public interface ReceivedCount {
    void accept(Long batchId, Instant receivedAt, long signals);
  }
}
