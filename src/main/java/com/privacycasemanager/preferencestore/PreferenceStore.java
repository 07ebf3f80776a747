package com.privacycasemanager.preferencestore;

import com.privacycasemanager.request.Preference;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.Secrets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records preference changes (append-only) and answers whether sale, sharing, sensitive use and
 * each use of automated decisionmaking technology are allowed for a set of identifiers. Anything
 * not refused is allowed; a refusal on any of the given identifiers wins, so a browser's GPC
 * opt-out and an email's opt-out both count.
 *
 * <p>A refusal is stored under a name: a {@link Preference}'s, {@code ADMT:<use id>} for an opt-out
 * of one ADMT use, or {@link #ADMT_ALL} for the opt-out of every use, present and future (11 CCR
 * §7221(i)).
 */
@Service
public class PreferenceStore {

  /** The stored name of the opt-out of every ADMT use. */
  public static final String ADMT_ALL = "ADMT:*";

  private static final String ADMT_PREFIX = "ADMT:";
  /**
   * The names of a financial incentive program's states: {@code INCENTIVE:<program>} allowed while
   * the consumer is enrolled, refused once withdrawn; {@code INCENTIVE-ASK:<program>} refused when
   * the consumer declined to opt in (the 12-month wait, §1798.125(b)(3)); {@code
   * INCENTIVE-KEPT:<program>} allowed when the consumer, asked about an opt-out preference signal
   * that conflicts with the enrolment, chose to stay (§7025(c)(4)). Unlike refusals, the allowed
   * states of these names are kept in the check's index too.
   */
  static final String INCENTIVE_PREFIX = "INCENTIVE";
  private static final String ENROLLED = INCENTIVE_PREFIX + ":";
  private static final String INVITATION = INCENTIVE_PREFIX + "-ASK:";
  private static final String KEPT = INCENTIVE_PREFIX + "-KEPT:";
  private static final List<Preference> SALE_AND_SHARING = List.of(Preference.SALE, Preference.SHARING);

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final Secrets secrets;
  private final Clock clock;
  private final RefusalIndex index;
  private final SignalLog signals;
  private final Dialect dialect;

  public PreferenceStore(
      JdbcTemplate jdbc,
      Secrets secrets,
      Clock clock,
      SignalLog signals,
      @Value("${privacy.preferences.refresh-interval:PT1S}") Duration refreshInterval) {
    this.jdbc = jdbc;
    this.signals = signals;
    this.dialect = new Dialect(jdbc);
    this.named = new NamedParameterJdbcTemplate(jdbc);
    this.secrets = secrets;
    this.clock = clock;
    this.index = new RefusalIndex(jdbc, refreshInterval);
  }

  /** The keyed hash an identifier is stored under. */
  public String keyOf(Identifier id) {
    return secrets.hmacHex("identifier", id.type() + ":" + id.value());
  }

  /** Refuses the given preferences for every identifier; returns how many changes were recorded. */
  @Transactional
  public int refuse(
      Collection<Identifier> identifiers,
      Collection<Preference> preferences,
      PreferenceSource source,
      RequestId requestId) {
    Instant now = clock.instant();
    return refuseNamed(identifiers, preferences.stream().map(Preference::name).toList(), source, requestId, now);
  }

  /**
   * Refuses automated decisionmaking for every identifier: the uses named (data map use ids), or
   * with none named every use, present and future. Returns how many changes were recorded.
   */
  @Transactional
  public int refuseAdmt(
      Collection<Identifier> identifiers, Collection<String> useIds, PreferenceSource source, RequestId requestId) {
    List<String> names = useIds.isEmpty() ? List.of(ADMT_ALL) : useIds.stream().map(PreferenceStore::admtName).toList();
    return refuseNamed(identifiers, names, source, requestId, clock.instant());
  }

  /** The stored name of the opt-out of one ADMT use. */
  public static String admtName(String useId) {
    return ADMT_PREFIX + useId;
  }

  /** What a consumer decided about a financial incentive program. */
  public enum IncentiveChange {
    /** Opted in: enrolled (and any earlier refusal to opt in no longer counts). */
    OPT_IN,
    /** Refused to opt in: not asked again for 12 months from now, even if refused before. */
    DECLINE,
    /** Withdrew: no longer enrolled, not asked again for 12 months; an earlier choice to stay despite a signal ends. */
    WITHDRAW,
    /** Asked about a conflicting opt-out preference signal, chose to stay in the program (§7025(c)(4)). */
    KEEP_DESPITE_SIGNAL
  }

  /**
   * Records a consumer's decision about a financial incentive program for every identifier;
   * returns how many changes were recorded.
   */
  @Transactional
  public int changeIncentive(
      Collection<Identifier> identifiers, String programId, IncentiveChange change, PreferenceSource source, RequestId requestId) {
    Map<String, IdentifierType> keys = new java.util.LinkedHashMap<>();
    for (Identifier identifier : identifiers) {
      keys.put(keyOf(identifier), identifier.type());
    }
    return changeIncentiveByKey(keys, programId, change, source, requestId);
  }

  /** As {@link #changeIncentive}, for identifiers known only by their keyed hashes (key to type). */
  @Transactional
  public int changeIncentiveByKey(
      Map<String, IdentifierType> keys, String programId, IncentiveChange change, PreferenceSource source, RequestId requestId) {
    Instant now = clock.instant();
    int changes = 0;
    for (Map.Entry<String, IdentifierType> identifier : keys.entrySet()) {
      String key = identifier.getKey();
      IdentifierType type = identifier.getValue();
      switch (change) {
        case OPT_IN -> {
          changes += append(type, key, ENROLLED + programId, true, source, requestId, now, false);
          changes += append(type, key, INVITATION + programId, true, source, requestId, now, false);
        }
        // restated even when already refused: the 12 months run from the latest refusal
        case DECLINE -> changes += append(type, key, INVITATION + programId, false, source, requestId, now, true);
        case WITHDRAW -> {
          changes += append(type, key, ENROLLED + programId, false, source, requestId, now, true);
          changes += append(type, key, KEPT + programId, false, source, requestId, now, false);
        }
        case KEEP_DESPITE_SIGNAL -> changes += append(type, key, KEPT + programId, true, source, requestId, now, false);
      }
    }
    return changes;
  }

  private int refuseNamed(
      Collection<Identifier> identifiers, Collection<String> names, PreferenceSource source, RequestId requestId, Instant now) {
    int changes = 0;
    for (Identifier identifier : identifiers) {
      String key = keyOf(identifier);
      for (String name : names) {
        changes += append(identifier.type(), key, name, false, source, requestId, now);
      }
    }
    return changes;
  }

  private int append(
      IdentifierType type,
      String key,
      String preference,
      boolean allowed,
      PreferenceSource source,
      RequestId requestId,
      Instant at) {
    return append(type, key, preference, allowed, source, requestId, at, false);
  }

  /** As above; {@code restate}: record the change even when the state is already {@code allowed}, so its time moves. */
  private int append(
      IdentifierType type,
      String key,
      String preference,
      boolean allowed,
      PreferenceSource source,
      RequestId requestId,
      Instant at,
      boolean restate) {
    List<Boolean> current =
        jdbc.queryForList(
            "select allowed from preference_state where identifier_key = ? and preference = ?",
            Boolean.class,
            key,
            preference);
    if (!current.isEmpty() && current.get(0) == allowed && !restate) {
      // Already in that state: a repeated signal is not a change, and the log stays meaningful.
      return 0;
    }
    MapSqlParameterSource params =
        new MapSqlParameterSource()
            .addValue("type", type.name())
            .addValue("key", key)
            .addValue("preference", preference)
            .addValue("allowed", allowed)
            .addValue("source", source.name())
            .addValue("requestId", requestId == null ? null : requestId.value())
            .addValue("at", Timestamp.from(at));
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    named.update(
        "insert into preference_event (identifier_type, identifier_key, preference, allowed, source, request_id, recorded_at)"
            + " values (:type, :key, :preference, :allowed, :source, :requestId, :at)",
        params,
        keys,
        new String[] {"id"});
    // H2 and PostgreSQL name the key column differently; the only generated column is the id.
    long eventId = ((Number) keys.getKeyList().get(0).values().iterator().next()).longValue();
    params.addValue("eventId", eventId);
    // no state row read above: insert at once; else update it. On PostgreSQL the first insert is
    // an upsert, so the same consumer's first opt-out reaching two nodes at once is two events and
    // one state (the later transaction waits for the earlier one's commit, then updates its row);
    // H2, the embedded single-node default, inserts plainly.
    int updated =
        current.isEmpty()
            ? 0
            : named.update(
                "update preference_state set allowed = :allowed, last_event_id = :eventId, updated_at = :at"
                    + " where identifier_key = :key and preference = :preference",
                params);
    if (updated == 0) {
      named.update(
          "insert into preference_state (identifier_key, preference, allowed, last_event_id, updated_at)"
              + " values (:key, :preference, :allowed, :eventId, :at)"
              + (dialect.postgres()
                  ? " on conflict (identifier_key, preference) do update set allowed = excluded.allowed,"
                      + " last_event_id = excluded.last_event_id, updated_at = excluded.updated_at"
                  : ""),
          params);
    }
    index.applyAfterCommit(key, preference, allowed, at);
    return 1;
  }

  /** Whether each preference is allowed for the consumer known by any of these identifiers. */
  public Map<Preference, Boolean> check(Collection<Identifier> identifiers) {
    return answer(identifiers).allowed();
  }

  /** Everything refused by the consumer known by any of these identifiers, and since when. */
  public Answer answer(Collection<Identifier> identifiers) {
    Map<String, Instant> since = null;
    Map<String, Instant> granted = null;
    for (Identifier identifier : identifiers) {
      String identifierKey = keyOf(identifier);
      Map<String, Instant> refused = index.refusedBy(identifierKey);
      Map<String, Instant> allowedHere = index.grantedBy(identifierKey);
      if (!allowedHere.isEmpty()) {
        if (granted == null) {
          granted = new HashMap<>();
        }
        for (Map.Entry<String, Instant> e : allowedHere.entrySet()) {
          granted.merge(e.getKey(), e.getValue(), (a, b) -> a.isAfter(b) ? a : b);
        }
      }
      if (identifier.type() == IdentifierType.DEVICE) {
        // a browser's opt-out preference signal is a refusal of sale and sharing (§7025)
        Optional<Instant> signalled = signals.since(identifier.value());
        if (signalled.isPresent()) {
          Map<String, Instant> withSignal = new HashMap<>(refused);
          for (Preference p : SALE_AND_SHARING) {
            withSignal.merge(p.name(), signalled.get(), (a, b) -> a.isBefore(b) ? a : b);
          }
          refused = withSignal;
        }
      }
      if (!refused.isEmpty()) {
        if (since == null) {
          since = new HashMap<>();
        }
        // the earliest refusal counts: the 12 months before asking again run from it
        for (Map.Entry<String, Instant> e : refused.entrySet()) {
          since.merge(e.getKey(), e.getValue(), (a, b) -> a.isBefore(b) ? a : b);
        }
      }
    }
    return new Answer(since == null ? Map.of() : since, granted == null ? Map.of() : granted);
  }

  /**
   * A check's answer: the refusals of the consumer by stored name, each with when it was recorded
   * (what the 12-month wait before asking again runs from, §1798.135(c)(4), §7221(k)).
   */
  public record Answer(Map<String, Instant> refusedSince, Map<String, Instant> grantedSince) {

    public Answer(Map<String, Instant> refusedSince) {
      this(refusedSince, Map.of());
    }

    /**
     * The consumer's state in a financial incentive program, with since when: enrolled (an opt-in
     * and no withdrawal on any identifier), withdrawn, declined (refused to opt in), or empty when
     * the consumer never decided. A withdrawal or refusal on any identifier wins, as refusals do.
     */
    public Optional<IncentiveState> incentive(String programId) {
      Instant withdrawn = refusedSince.get(ENROLLED + programId);
      Instant declined = refusedSince.get(INVITATION + programId);
      Instant enrolled = grantedSince.get(ENROLLED + programId);
      if (withdrawn != null && (declined == null || !declined.isAfter(withdrawn))) {
        return Optional.of(new IncentiveState(IncentiveState.Status.WITHDRAWN, withdrawn));
      }
      if (declined != null && (enrolled == null || declined.isAfter(enrolled))) {
        return Optional.of(new IncentiveState(IncentiveState.Status.DECLINED, declined));
      }
      if (enrolled != null) {
        return Optional.of(new IncentiveState(IncentiveState.Status.ENROLLED, enrolled));
      }
      return Optional.empty();
    }

    /** Whether the enrolled consumer chose to stay in the program despite a conflicting opt-out preference signal. */
    public boolean keptDespiteSignal(String programId) {
      return grantedSince.containsKey(KEPT + programId) && !refusedSince.containsKey(KEPT + programId);
    }

    /** Sale, sharing and sensitive use, each allowed unless refused. */
    public Map<Preference, Boolean> allowed() {
      Map<Preference, Boolean> result = new EnumMap<>(Preference.class);
      for (Preference p : Preference.values()) {
        result.put(p, !refusedSince.containsKey(p.name()));
      }
      return result;
    }

    /** Whether the ADMT use may process the consumer's personal information (the never-start rule, §7221(m)). */
    public boolean admtAllowed(String useId) {
      return !refusedSince.containsKey(ADMT_ALL) && !refusedSince.containsKey(admtName(useId));
    }

    /** Since when the consumer has refused the ADMT use (either by name or by the all-uses option), if they have. */
    public Optional<Instant> admtRefusedSince(String useId) {
      Instant all = refusedSince.get(ADMT_ALL);
      Instant one = refusedSince.get(admtName(useId));
      if (all == null || one == null) {
        return Optional.ofNullable(all == null ? one : all);
      }
      return Optional.of(all.isBefore(one) ? all : one);
    }
  }

  /**
   * The check is the ad systems' hot path, so it reads an in-memory index of the identifiers that
   * refuse anything (consumers who refuse nothing are not in it). It is loaded from {@code
   * preference_state} on first use, updated by this node's own changes when they commit, and
   * brought up to date with other nodes' changes by re-reading the identifiers of recent
   * {@code preference_event} rows at most every {@code privacy.preferences.refresh-interval}
   * (default 1 s): another node's opt-out is seen here within about that interval.
   */
  static final class RefusalIndex {
    /** Re-read this many events behind the cursor: ids are assigned at insert, not at commit. */
    private static final int OVERLAP = 1000;

    private final JdbcTemplate jdbc;
    private final long refreshNanos;
    /** Identifier key to its refusals, by stored name, with the time each was recorded. */
    private final Map<String, Map<String, Instant>> refused = new ConcurrentHashMap<>();
    /** Identifier key to its allowed states of financial incentive names (enrolments), with their times. */
    private final Map<String, Map<String, Instant>> granted = new ConcurrentHashMap<>();
    private final java.util.concurrent.locks.ReentrantLock refreshing = new java.util.concurrent.locks.ReentrantLock();
    private volatile boolean loaded;
    private volatile long cursor;
    private volatile long nextRefresh;

    RefusalIndex(JdbcTemplate jdbc, Duration refreshInterval) {
      this.jdbc = jdbc;
      this.refreshNanos = refreshInterval.toNanos();
    }

    Map<String, Instant> refusedBy(String key) {
      if (!loaded || System.nanoTime() > nextRefresh) {
        refresh();
      }
      return refused.getOrDefault(key, Map.of());
    }

    /** The allowed incentive states of the key (read after {@link #refusedBy}, which refreshes). */
    Map<String, Instant> grantedBy(String key) {
      return granted.getOrDefault(key, Map.of());
    }

    private void refresh() {
      if (loaded) {
        if (!refreshing.tryLock()) {
          return; // another thread is refreshing; answer from the index as it is
        }
      } else {
        refreshing.lock();
      }
      try {
        if (!loaded) {
          Long max = jdbc.queryForObject("select coalesce(max(id), 0) from preference_event", Long.class);
          Map<String, Map<String, Instant>> loading = new HashMap<>();
          Map<String, Map<String, Instant>> loadingGranted = new HashMap<>();
          jdbc.query(
              "select identifier_key, preference, allowed, updated_at from preference_state"
                  + " where allowed = false or preference like '" + INCENTIVE_PREFIX + "%'",
              rs -> {
                (rs.getBoolean(3) ? loadingGranted : loading).computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                    .put(rs.getString(2), rs.getTimestamp(4).toInstant());
              });
          loading.forEach((key, names) -> store(refused, key, names));
          loadingGranted.forEach((key, names) -> store(granted, key, names));
          cursor = max;
          loaded = true;
        } else if (System.nanoTime() > nextRefresh) {
          List<Map<String, Object>> changed =
              jdbc.queryForList(
                  "select distinct identifier_key from preference_event where id > ?", Math.max(0, cursor - OVERLAP));
          Long max = jdbc.queryForObject("select coalesce(max(id), 0) from preference_event", Long.class);
          for (Map<String, Object> row : changed) {
            reload((String) row.get("identifier_key"));
          }
          cursor = max;
        }
        nextRefresh = System.nanoTime() + refreshNanos;
      } finally {
        refreshing.unlock();
      }
    }

    private void reload(String key) {
      Map<String, Instant> now = new HashMap<>();
      Map<String, Instant> nowGranted = new HashMap<>();
      jdbc.query(
          "select preference, allowed, updated_at from preference_state where identifier_key = ?",
          rs -> {
            if (!rs.getBoolean(2)) {
              now.put(rs.getString(1), rs.getTimestamp(3).toInstant());
            } else if (rs.getString(1).startsWith(INCENTIVE_PREFIX)) {
              nowGranted.put(rs.getString(1), rs.getTimestamp(3).toInstant());
            }
          },
          key);
      store(refused, key, now);
      store(granted, key, nowGranted);
    }

    void applyAfterCommit(String key, String preference, boolean allowed, Instant at) {
      Runnable apply =
          () -> {
            Map<String, Instant> next = new HashMap<>(refused.getOrDefault(key, Map.of()));
            Map<String, Instant> nextGranted = new HashMap<>(granted.getOrDefault(key, Map.of()));
            if (allowed) {
              next.remove(preference);
              if (preference.startsWith(INCENTIVE_PREFIX)) {
                nextGranted.put(preference, at);
              }
            } else {
              next.put(preference, at);
              nextGranted.remove(preference);
            }
            store(refused, key, next);
            store(granted, key, nextGranted);
          };
      if (TransactionSynchronizationManager.isSynchronizationActive()) {
        TransactionSynchronizationManager.registerSynchronization(
            new TransactionSynchronization() {
              @Override
              public void afterCommit() {
                apply.run();
              }
            });
      } else {
        apply.run();
      }
    }

    private static void store(Map<String, Map<String, Instant>> into, String key, Map<String, Instant> now) {
      if (now.isEmpty()) {
        into.remove(key);
      } else {
        into.put(key, Map.copyOf(now));
      }
    }
  }

  /**
   * Records opt-out preference signals (§7025): each browser's first signal is stored in the
   * {@link SignalLog} (its opt-out of sale and sharing from then on); and every consumer known to
   * use the browser — the account signed in when the signal was seen, the identifiers linked to the
   * browser by an earlier request — refuses sale and sharing at once (source GPC), so their profile
   * and other identifiers follow the signal before any recipient hears of it. A signal with an
   * account links the browser to it.
   */
  @Transactional
  public SignalsRecorded recordSignals(List<SignalLog.Signal> received, SignalLog.Source source) {
    Instant now = clock.instant();
    boolean[] fresh = signals.record(received, source, now);
    int newBrowsers = 0;
    for (boolean f : fresh) {
      newBrowsers += f ? 1 : 0;
    }
    // every consumer known to use one of these browsers, by identifier key
    Map<String, IdentifierType> consumers = new java.util.LinkedHashMap<>();
    List<String> deviceKeys = new java.util.ArrayList<>();
    for (SignalLog.Signal signal : received) {
      String deviceKey = keyOf(Identifier.device(signal.deviceId()));
      deviceKeys.add(deviceKey);
      if (signal.accountId() != null) {
        Identifier account = Identifier.account(signal.accountId());
        consumers.put(keyOf(account), IdentifierType.ACCOUNT);
        linkKeys(deviceKey, keyOf(account), IdentifierType.ACCOUNT, now);
      }
    }
    for (int from = 0; from < deviceKeys.size(); from += 500) {
      List<String> chunk = deviceKeys.subList(from, Math.min(deviceKeys.size(), from + 500));
      named.query(
          "select identifier_key, identifier_type from device_link where device_key in (:keys)",
          new MapSqlParameterSource("keys", chunk),
          rs -> {
            consumers.put(rs.getString(1), IdentifierType.valueOf(rs.getString(2)));
          });
    }
    int reached = 0;
    for (Map.Entry<String, IdentifierType> consumer : consumers.entrySet()) {
      int changes = 0;
      for (Preference p : SALE_AND_SHARING) {
        changes += append(consumer.getValue(), consumer.getKey(), p.name(), false, PreferenceSource.GPC, null, now);
      }
      reached += changes > 0 ? 1 : 0;
    }
    return new SignalsRecorded(received.size(), newBrowsers, reached);
  }

  /**
   * What {@link #recordSignals} did: the signals given, the browsers among them that had not
   * signalled before, and the consumer identifiers whose preferences changed.
   */
  public record SignalsRecorded(int signals, int newBrowsers, int consumersReached) {}

  /** The change log for one identifier, oldest first (for the case file and tests). */
  public List<PreferenceEvent> history(Identifier identifier) {
    return jdbc.query(
        "select preference, allowed, source, request_id, recorded_at from preference_event"
            + " where identifier_key = ? order by id",
        (rs, n) ->
            new PreferenceEvent(
                rs.getString(1),
                rs.getBoolean(2),
                PreferenceSource.valueOf(rs.getString(3)),
                rs.getString(4),
                rs.getTimestamp(5).toInstant()),
        keyOf(identifier));
  }

  /**
   * Links a browser to a consumer identifier it submitted a request for. When the browser has
   * signalled an opt-out (§7025), the consumer now known to use it refuses sale and sharing too.
   */
  @Transactional
  public void link(Identifier device, Identifier consumer) {
    Instant now = clock.instant();
    String consumerKey = keyOf(consumer);
    linkKeys(keyOf(device), consumerKey, consumer.type(), now);
    if (signals.since(device.value()).isPresent()) {
      for (Preference p : SALE_AND_SHARING) {
        append(consumer.type(), consumerKey, p.name(), false, PreferenceSource.GPC, null, now);
      }
    }
  }

  private void linkKeys(String deviceKey, String consumerKey, IdentifierType type, Instant now) {
    Integer existing =
        jdbc.queryForObject(
            "select count(*) from device_link where device_key = ? and identifier_key = ?",
            Integer.class,
            deviceKey,
            consumerKey);
    if (existing == 0) {
      // on PostgreSQL, a link made by another node at the same moment is no error
      jdbc.update(
          "insert into device_link (device_key, identifier_key, identifier_type, linked_at) values (?, ?, ?, ?)"
              + (dialect.postgres() ? " on conflict do nothing" : ""),
          deviceKey,
          consumerKey,
          type.name(),
          Timestamp.from(now));
    }
  }

  /**
   * Refuses preferences for a browser and for every consumer identifier linked to it (the GPC
   * rule: the signal applies to the browser and to the known consumer).
   */
  @Transactional
  public int refuseForDevice(
      Identifier device, Collection<Preference> preferences, PreferenceSource source, RequestId requestId) {
    String deviceKey = keyOf(device);
    Instant now = clock.instant();
    int changes = 0;
    for (Preference p : preferences) {
      changes += append(IdentifierType.DEVICE, deviceKey, p.name(), false, source, requestId, now);
    }
    List<Map<String, Object>> linked =
        jdbc.queryForList(
            "select identifier_key, identifier_type from device_link where device_key = ?", deviceKey);
    for (Map<String, Object> row : linked) {
      for (Preference p : preferences) {
        changes +=
            append(
                IdentifierType.valueOf((String) row.get("identifier_type")),
                (String) row.get("identifier_key"),
                p.name(),
                false,
                source,
                requestId,
                now);
      }
    }
    return changes;
  }

  /** One recorded change; {@code preference} is the stored name (a {@link Preference}'s, or an ADMT opt-out's). */
  /** A consumer's state in a financial incentive program and since when (what the 12-month wait runs from). */
  public record IncentiveState(Status status, Instant since) {

    public enum Status { ENROLLED, WITHDRAWN, DECLINED }
  }

  public record PreferenceEvent(
      String preference, boolean allowed, PreferenceSource source, String requestId, Instant recordedAt) {}
}
