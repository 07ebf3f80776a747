package com.privacycasemanager.incentive;

import com.privacycasemanager.datamap.IncentiveProgram;
import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.IdentifierType;
import com.privacycasemanager.preferencestore.PreferenceSource;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.preferencestore.PreferenceStore.IncentiveChange;
import com.privacycasemanager.request.RequestId;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The consent records of the financial incentive programs (§1798.125(b)(3)): each opt-in with the
 * notice version agreed to, each refusal to opt in (the 12-month wait runs from it), each
 * withdrawal and each answer to an opt-out preference signal that conflicts with an enrolment
 * (§7025(c)(4)); when the consumer decided, when it was recorded and through which channel. The
 * consumer is named by the keyed hashes of the identifiers given, never in the clear. The same
 * transaction puts the decision into the preference store, so the check answers it at once.
 */
@Service
public class IncentiveConsents {

  /** What a consent record says the consumer did. */
  public enum Decision {
    OPT_IN(IncentiveChange.OPT_IN),
    DECLINED(IncentiveChange.DECLINE),
    WITHDRAWN(IncentiveChange.WITHDRAW),
    KEPT_DESPITE_SIGNAL(IncentiveChange.KEEP_DESPITE_SIGNAL);

    private final IncentiveChange change;

    Decision(IncentiveChange change) {
      this.change = change;
    }
  }

  /** Where the consumer decided. */
  public enum ConsentChannel {
    /** The business's website (its sign-up or checkout). */
    WEB,
    /** The business's mobile app. */
    APP,
    /** In a store. */
    IN_STORE,
    /** By phone. */
    PHONE,
    /** On paper or by mail. */
    MAIL,
    /** This application's own join page ({@code /privacy/incentives/{program}/join}). */
    PRIVACY_PAGE,
    /** A request to withdraw (INCENTIVE_WITHDRAWAL), from its page, the intake API or a status page. */
    REQUEST
  }

  /** One consent record as stored (identifiers as keyed hashes). */
  public record ConsentRecord(
      long id, String program, Decision decision, String noticeVersion, ConsentChannel channel, Instant decidedAt,
      Instant recordedAt, String requestId, int identifiers) {}

  /** A consent record's columns, with the count of its identifiers; a {@code where} follows. */
  private static final String SELECT =
      "select c.id, c.program_id, c.decision, c.notice_version, c.channel, c.decided_at, c.recorded_at, c.request_id,"
          + " (select count(*) from incentive_consent_identifier n where n.consent_id = c.id) from incentive_consent c where ";

  private static final RowMapper<ConsentRecord> RECORD = (rs, n) -> new ConsentRecord(rs.getLong(1), rs.getString(2),
      Decision.valueOf(rs.getString(3)), rs.getString(4), ConsentChannel.valueOf(rs.getString(5)), rs.getTimestamp(6).toInstant(),
      rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getInt(9));

  private final JdbcTemplate jdbc;
  private final PreferenceStore preferences;
  private final Clock clock;
  private final MeterRegistry meters;

  IncentiveConsents(JdbcTemplate jdbc, PreferenceStore preferences, Clock clock, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.preferences = preferences;
    this.clock = clock;
    this.meters = meters;
  }

  /**
   * Records a decision for the consumer known by {@code identifiers} and applies it to the
   * preference store. {@code decidedAt} null: now.
   */
  @Transactional
  public ConsentRecord record(
      IncentiveProgram program, Decision decision, List<Identifier> identifiers, String noticeVersion, ConsentChannel channel,
      Instant decidedAt, RequestId requestId) {
    Map<String, IdentifierType> keys = new LinkedHashMap<>();
    for (Identifier identifier : identifiers) {
      keys.put(preferences.keyOf(identifier), identifier.type());
    }
    return recordByKey(program, decision, keys, noticeVersion, channel, decidedAt, requestId);
  }

  /** As {@link #record}, for a consumer known by the keyed hashes of their identifiers (key to type). */
  @Transactional
  public ConsentRecord recordByKey(
      IncentiveProgram program, Decision decision, Map<String, IdentifierType> keys, String noticeVersion, ConsentChannel channel,
      Instant decidedAt, RequestId requestId) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a consent record needs an identifier of the consumer");
    }
    Instant now = clock.instant();
    Instant decided = decidedAt == null ? now : decidedAt;
    GeneratedKeyHolder generated = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement insert = connection.prepareStatement(
          "insert into incentive_consent (program_id, decision, notice_version, channel, decided_at, recorded_at, request_id)"
              + " values (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
      insert.setString(1, program.id());
      insert.setString(2, decision.name());
      insert.setString(3, noticeVersion);
      insert.setString(4, channel.name());
      insert.setTimestamp(5, Timestamp.from(decided));
      insert.setTimestamp(6, Timestamp.from(now));
      insert.setString(7, requestId == null ? null : requestId.value());
      return insert;
    }, generated);
    long id = ((Number) generated.getKeyList().get(0).values().iterator().next()).longValue();
    jdbc.batchUpdate(
        "insert into incentive_consent_identifier (consent_id, identifier_type, identifier_key) values (?, ?, ?)",
        keys.entrySet().stream().map(e -> new Object[] {id, e.getValue().name(), e.getKey()}).toList());
    preferences.changeIncentiveByKey(keys, program.id(), decision.change, source(channel), requestId);
    // counted on this node once committed (pcm_incentive_decisions_total on /actuator/prometheus)
    Runnable count = () -> meters.counter("pcm.incentive.decisions", "program", program.id(), "decision", decision.name(),
        "channel", channel.name()).increment();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          count.run();
        }
      });
    } else {
      count.run();
    }
    return new ConsentRecord(id, program.id(), decision, noticeVersion, channel, decided, now,
        requestId == null ? null : requestId.value(), keys.size());
  }

  private static PreferenceSource source(ConsentChannel channel) {
    return switch (channel) {
      case PRIVACY_PAGE, REQUEST -> PreferenceSource.FORM;
      default -> PreferenceSource.API;
    };
  }

  /** Whether the identifier key's latest opt-in to the program is not followed by a withdrawal. */
  public boolean enrolledByKey(String programId, String identifierKey) {
    List<String> decisions = jdbc.queryForList(
        "select c.decision from incentive_consent c join incentive_consent_identifier i on i.consent_id = c.id"
            + " where i.identifier_key = ? and c.program_id = ? and c.decision in ('OPT_IN', 'WITHDRAWN') order by c.id desc",
        String.class, identifierKey, programId);
    return !decisions.isEmpty() && decisions.get(0).equals(Decision.OPT_IN.name());
  }

  /** The consent records of the consumer known by any of these identifiers, oldest first. */
  public List<ConsentRecord> history(List<Identifier> identifiers) {
    if (identifiers.isEmpty()) {
      return List.of();
    }
    List<String> keys = identifiers.stream().map(preferences::keyOf).toList();
    String marks = String.join(", ", java.util.Collections.nCopies(keys.size(), "?"));
    return jdbc.query(
        SELECT + "c.id in (select consent_id from incentive_consent_identifier where identifier_key in ("
            + marks + ")) order by c.id",
        RECORD,
        keys.toArray());
  }

  /** The consent records of one withdrawal request. */
  public List<ConsentRecord> ofRequest(RequestId id) {
    return jdbc.query(
        SELECT + "c.request_id = ? order by c.id",
        RECORD,
        id.value());
  }

  /** The consent records with {@code from <= decided_at < to} and an id after {@code afterId}, by id, at most {@code limit}. */
  public List<ConsentRecord> between(Instant from, Instant to, long afterId, int limit) {
    return jdbc.query(
        SELECT + "c.decided_at >= ? and c.decided_at < ? and c.id > ? order by c.id fetch first "
            + limit + " rows only",
        RECORD,
        Timestamp.from(from), Timestamp.from(to), afterId);
  }

  /** How many decisions of each kind were recorded for each program with {@code from <= decided_at < to}. */
  public Map<String, Map<Decision, Long>> counts(Instant from, Instant to) {
    Map<String, Map<Decision, Long>> counts = new LinkedHashMap<>();
    jdbc.query(
        "select program_id, decision, count(*) from incentive_consent where decided_at >= ? and decided_at < ?"
            + " group by program_id, decision order by program_id, decision",
        rs -> {
          counts.computeIfAbsent(rs.getString(1), p -> new EnumMap<>(Decision.class))
              .put(Decision.valueOf(rs.getString(2)), rs.getLong(3));
        },
        Timestamp.from(from), Timestamp.from(to));
    return counts;
  }
}
