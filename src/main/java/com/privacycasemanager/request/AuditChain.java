package com.privacycasemanager.request;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends to the case trail ({@code case_event}) as a hash chain: each entry carries a global
 * sequence number and an HMAC over the previous entry's hash and its own canonical content, so
 * that {@code records.AuditVerifier} can name the first entry edited, removed or reordered.
 *
 * <p>The entry row is inserted at once (the transaction reads its own trail), but it is chained
 * just before its transaction commits, under the lock of the single {@code audit_chain_head} row:
 * appends from concurrent job threads or nodes are serialised and the sequence follows commit
 * order, while the lock is held only for the last moment of a transaction, after it has taken
 * every other lock it needs, so it cannot take part in a deadlock. A rolled-back transaction
 * leaves no entry and no gap.
 */
@Component
public class AuditChain {

  private static final String PURPOSE = "audit-chain";

  private final JdbcTemplate jdbc;
  private final Secrets secrets;
  private final IdentityService identity;
  private final TransactionTemplate transactions;

  public AuditChain(JdbcTemplate jdbc, Secrets secrets, @Lazy IdentityService identity, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.identity = identity;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /** One entry's content as it is hashed. */
  public record Entry(long sequence, String requestId, Instant at, String kind, String detail, String actor) {

    /**
     * Every field length-prefixed, so no detail text can make two different entries hash alike;
     * {@code at} in milliseconds, the precision every supported database keeps.
     */
    public String canonical() {
      return "v1\nsequence=" + sequence + "\n" + field("request", requestId) + field("at", at.truncatedTo(ChronoUnit.MILLIS).toString())
          + field("kind", kind) + field("detail", detail) + field("actor", actor);
    }

    private static String field(String name, String value) {
      return name + (value == null ? "=null\n" : "=" + value.length() + ":" + value + "\n");
    }
  }

  /** The hash an entry must carry after {@code previousHash}. */
  public String hash(String previousHash, Entry entry) {
    return secrets.hmacHex(PURPOSE, previousHash + "\n" + entry.canonical());
  }

  /** Records one case action, with the Camunda user acting on this thread if there is one. */
  void append(RequestId id, String kind, String detail, Instant at) {
    append(id, kind, detail, at, currentActor());
  }

  /** Records one case action by {@code actor} (null: no one in particular). */
  void append(RequestId id, String kind, String detail, Instant at, String actor) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      pendingInThisTransaction().add(insert(id, kind, detail, at, actor));
    } else {
      transactions.executeWithoutResult(status -> chainPending(List.of(insert(id, kind, detail, at, actor))));
    }
  }

  /** The engine's authenticated user: the reviewer completing a task, the officer deciding. */
  private String currentActor() {
    var auth = identity.getCurrentAuthentication();
    return auth == null ? null : auth.getUserId();
  }

  /** An inserted row still to chain, with its content as stored (null: to be read back). */
  private record Pending(long rowId, Entry stored) {}

  private Pending insert(RequestId id, String kind, String detail, Instant at, String actor) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement insert = connection.prepareStatement(
          "insert into case_event (request_id, at, kind, detail, actor) values (?, ?, ?, ?, ?)", new String[] {"id", "at"});
      insert.setString(1, id.value());
      insert.setTimestamp(2, Timestamp.from(at.truncatedTo(ChronoUnit.MILLIS)));
      insert.setString(3, kind);
      insert.setString(4, detail);
      insert.setString(5, actor);
      return insert;
    }, keys);
    // The row's id and its time as the database stored it, returned by the insert itself: the
    // hash covers the stored time, and reading the row back under the head's lock cost a round trip.
    Long rowId = null;
    Instant storedAt = null;
    for (Map.Entry<String, Object> key : keys.getKeyList().get(0).entrySet()) {
      if (key.getKey().equalsIgnoreCase("id") && key.getValue() instanceof Number n) {
        rowId = n.longValue();
      } else if (key.getKey().equalsIgnoreCase("at")) {
        if (key.getValue() instanceof Timestamp t) {
          storedAt = t.toInstant();
        } else if (key.getValue() instanceof OffsetDateTime t) {
          storedAt = t.toInstant();
        }
      }
    }
    if (rowId == null) {
      rowId = keys.getKey().longValue();
    }
    return new Pending(rowId, storedAt == null ? null : new Entry(0, id.value(), storedAt, kind, detail, actor));
  }

  /**
   * This transaction's entries still to chain. Found among the transaction's synchronizations
   * rather than bound as a resource, because a REQUIRES_NEW transaction suspends the outer one's
   * synchronizations but not its resources: its entries must be chained when it commits.
   */
  private List<Pending> pendingInThisTransaction() {
    for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
      if (synchronization instanceof PendingEntries pending) {
        return pending.rows;
      }
    }
    PendingEntries pending = new PendingEntries();
    TransactionSynchronizationManager.registerSynchronization(pending);
    return pending.rows;
  }

  private final class PendingEntries implements TransactionSynchronization {
    private final List<Pending> rows = new ArrayList<>();

    @Override
    public void beforeCommit(boolean readOnly) {
      chainPending(rows);
    }
  }

  /** Gives the rows their sequence and hashes, in the order given, under the head's lock. */
  private void chain(List<Long> rowIds) {
    chainPending(rowIds.stream().map(id -> new Pending(id, null)).toList());
  }

  /**
   * As {@link #chain(List)}: under the head's lock only the head is read, and the rows and the
   * head are written in two round trips (the rows' updates as one batch).
   */
  private void chainPending(List<Pending> rows) {
    if (rows.isEmpty()) {
      return;
    }
    var head = jdbc.queryForMap("select last_sequence, last_hash from audit_chain_head where id = 1 for update");
    long sequence = ((Number) head.get("last_sequence")).longValue();
    String previous = (String) head.get("last_hash");
    List<Object[]> updates = new ArrayList<>(rows.size());
    for (Pending row : rows) {
      Entry unchained = row.stored() != null ? row.stored() : jdbc.queryForObject(
          "select request_id, at, kind, detail, actor from case_event where id = ?",
          (rs, n) -> new Entry(0, rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5)),
          row.rowId());
      sequence++;
      Entry entry = new Entry(sequence, unchained.requestId(), unchained.at(), unchained.kind(), unchained.detail(), unchained.actor());
      String hash = hash(previous, entry);
      updates.add(new Object[] {sequence, previous, hash, row.rowId()});
      previous = hash;
    }
    jdbc.batchUpdate("update case_event set sequence_no = ?, prev_hash = ?, entry_hash = ? where id = ?", updates);
    jdbc.update("update audit_chain_head set last_sequence = ?, last_hash = ? where id = 1", sequence, previous);
  }

  /**
   * Entries written before the chain existed (V7) join it, in the order they were written, while
   * the chain is still empty. Only then: an entry slipped into the table later must stay outside
   * the chain, where the verification reports it.
   */
  @EventListener(ApplicationReadyEvent.class)
  public void chainEarlierEntries() {
    transactions.executeWithoutResult(status -> {
      Long last = jdbc.queryForObject("select last_sequence from audit_chain_head where id = 1 for update", Long.class);
      if (last != null && last == 0) {
        chain(jdbc.queryForList("select id from case_event where sequence_no is null order by id", Long.class));
      }
    });
  }
}
