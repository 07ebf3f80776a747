package com.privacycasemanager.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.privacycasemanager.request.AuditChain;
import com.privacycasemanager.request.AuditChain.Entry;
import com.privacycasemanager.request.RequestId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Walks the case trail in sequence order and recomputes every link of the hash chain
 * ({@link AuditChain}), stopping at the first entry that was edited, removed, reordered or slipped
 * in outside the chain.
 */
@Component
public class AuditVerifier {

  private static final String COLUMNS = "sequence_no, request_id, at, kind, detail, actor, prev_hash, entry_hash";

  private final JdbcTemplate jdbc;
  private final AuditChain chain;

  public AuditVerifier(JdbcTemplate jdbc, AuditChain chain) {
    this.jdbc = jdbc;
    this.chain = chain;
  }

  /** What is wrong with an entry. */
  public enum Problem { EDITED, REMOVED, REORDERED, NOT_CHAINED }

  /** The first entry found wrong: its sequence, its case (when known) and what is wrong. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Finding(Long sequence, String requestId, Problem problem, String detail) {}

  /** {@code {"valid":true,"entries":N}}, or the entries checked before the first finding and the finding. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Result(boolean valid, long entries, Finding firstProblem) {}

  /** An entry as stored, with its hashes. */
  public record StoredEntry(Entry entry, String previousHash, String hash) {}

  public Result verify() {
    Map<String, Object> head = jdbc.queryForMap(
        "select last_sequence, last_hash, anchor_sequence, anchor_hash from audit_chain_head where id = 1");
    long expected = ((Number) head.get("anchor_sequence")).longValue() + 1;
    String previous = (String) head.get("anchor_hash");
    Walk walk = new Walk(expected, previous);
    jdbc.query("select " + COLUMNS + " from case_event where sequence_no >= ? order by sequence_no",
        rs -> { if (walk.finding == null) walk.check(stored(rs)); }, expected);
    if (walk.finding != null) {
      return new Result(false, walk.checked, walk.finding);
    }
    long lastSequence = ((Number) head.get("last_sequence")).longValue();
    if (lastSequence >= walk.expected) {
      return new Result(false, walk.checked, new Finding(walk.expected, null, Problem.REMOVED,
          "the chain's head says " + lastSequence + " entries were appended; entries from " + walk.expected + " on are missing"));
    }
    if (!head.get("last_hash").equals(walk.previous)) {
      return new Result(false, walk.checked, new Finding(walk.expected - 1, walk.lastRequestId, Problem.EDITED,
          "the last entry's hash is not the one the chain's head recorded"));
    }
    List<Map<String, Object>> outside = jdbc.queryForList(
        "select id, request_id from case_event where sequence_no is null order by id fetch first 1 rows only");
    if (!outside.isEmpty()) {
      return new Result(false, walk.checked, new Finding(null, (String) outside.get(0).get("request_id"), Problem.NOT_CHAINED,
          "an entry (row id " + outside.get(0).get("id") + ") was added to the table outside the chain"));
    }
    return new Result(true, walk.checked, null);
  }

  /** One case's entries, in sequence order, with their hashes (for the case file export). */
  public List<StoredEntry> entries(RequestId id) {
    return jdbc.query("select " + COLUMNS + " from case_event where request_id = ? order by sequence_no, id",
        (rs, n) -> stored(rs), id.value());
  }

  private static StoredEntry stored(ResultSet rs) throws SQLException {
    long sequence = rs.getLong(1);
    return new StoredEntry(
        new Entry(rs.wasNull() ? 0 : sequence, rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5), rs.getString(6)),
        rs.getString(7), rs.getString(8));
  }

  /** The walk's state from one entry to the next. */
  private final class Walk {
    long expected;
    String previous;
    long checked;
    String lastRequestId;
    Finding finding;

    Walk(long expected, String previous) {
      this.expected = expected;
      this.previous = previous;
    }

    void check(StoredEntry stored) {
      Entry entry = stored.entry();
      if (entry.sequence() != expected) {
        finding = new Finding(expected, null, Problem.REMOVED,
            "entry " + expected + " is missing; the next one present is " + entry.sequence() + " (request " + entry.requestId() + ")");
      } else if (!previous.equals(stored.previousHash())) {
        finding = new Finding(entry.sequence(), entry.requestId(), Problem.REORDERED,
            "it was not appended after entry " + (expected - 1) + appendedAfter(stored.previousHash()));
      } else if (!chain.hash(previous, entry).equals(stored.hash())) {
        finding = new Finding(entry.sequence(), entry.requestId(), Problem.EDITED,
            "its content (sequence, request, time, kind, detail or actor) no longer matches its hash");
      } else {
        previous = stored.hash();
        lastRequestId = entry.requestId();
        expected++;
        checked++;
      }
    }

    /** Where the entry really belongs, when the entry it was appended after is still there. */
    private String appendedAfter(String previousHash) {
      List<Long> owner = jdbc.queryForList("select sequence_no from case_event where entry_hash = ?", Long.class, previousHash);
      return owner.isEmpty() ? "" : " but after the entry now numbered " + owner.get(0);
    }
  }
}
