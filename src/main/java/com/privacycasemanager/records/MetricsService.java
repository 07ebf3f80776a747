package com.privacycasemanager.records;

import com.privacycasemanager.request.CaselessRequests;
import com.privacycasemanager.request.DenialReason;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.RequestGroup;
import com.privacycasemanager.request.RequestKinds;
import com.privacycasemanager.request.RequestType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Computes the §7102 metrics from the case records. A request counts in the year it was received
 * (in {@code privacy.time-zone}); its outcome is the one recorded whenever it was answered, so
 * a December request answered in January counts once, in December's year. Requests not yet
 * answered are reported as pending, so the figures add up to the number received.
 */
@Service
public class MetricsService {

  private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);

  private final JdbcTemplate jdbc;
  private final ZoneId zone;
  private final RequestKinds kinds;
  private final List<CaselessRequests> caseless;

  public MetricsService(
      JdbcTemplate jdbc, @Value("${privacy.time-zone}") ZoneId zone, RequestKinds kinds, List<CaselessRequests> caseless) {
    this.jdbc = jdbc;
    this.zone = zone;
    this.kinds = kinds;
    this.caseless = List.copyOf(caseless);
  }

  public YearMetrics forYear(int year) {
    LocalDate from = LocalDate.of(year, 1, 1);
    LocalDate next = from.plusYears(1);
    Map<RequestGroup, Tally> tallies = new EnumMap<>(RequestGroup.class);
    for (RequestGroup group : RequestGroup.values()) {
      if (group.reportedFor(year)) {
        tallies.put(group, new Tally());
      }
    }
    jdbc.query(
        "select request_type, outcome, denial_reason, received_at, completed_at from privacy_case"
            + " where received_at >= ? and received_at < ?",
        rs -> {
          RequestType type = RequestType.valueOf(rs.getString(1));
          Tally tally = kinds.of(type).metricsGroup(type).map(tallies::get).orElse(null);
          if (tally == null) {
            return;
          }
          String outcome = rs.getString(2);
          String reason = rs.getString(3);
          Timestamp received = rs.getTimestamp(4);
          Timestamp completed = rs.getTimestamp(5);
          tally.add(outcome == null ? null : Outcome.valueOf(outcome),
              reason == null ? DenialReason.OTHER : DenialReason.valueOf(reason),
              completed == null ? null : Duration.between(received.toInstant(), completed.toInstant()), 1);
        },
        Timestamp.from(from.atStartOfDay(zone).toInstant()),
        Timestamp.from(next.atStartOfDay(zone).toInstant()));
    // requests that are not each a case: a browser's opt-out preference signal
    for (CaselessRequests source : caseless) {
      source.received(from.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant(), (group, outcome, toResponse, count) -> {
        Tally tally = tallies.get(group);
        if (tally != null) {
          tally.add(outcome, DenialReason.OTHER, toResponse, count);
        }
      });
    }
    List<YearMetrics.Row> rows = new ArrayList<>();
    tallies.forEach((group, tally) -> rows.add(tally.row(group)));
    return new YearMetrics(year, zone.getId(), from, next.minusDays(1), List.copyOf(rows));
  }

  /** The figures of one group, gathered row by row. */
  private static final class Tally {
    int received;
    final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    final Map<DenialReason, Integer> denials = new EnumMap<>(DenialReason.class);
    /** Each response time with how many requests took it (a batch of signals answers many at once). */
    final List<Weighted> responseTimes = new ArrayList<>();
    long answeredWithTime;

    record Weighted(BigDecimal days, long count) {}

    void add(Outcome outcome, DenialReason reason, Duration toResponse, long count) {
      received += (int) count;
      if (outcome != null) {
        outcomes.merge(outcome, (int) count, Integer::sum);
        if (outcome == Outcome.DENIED) {
          denials.merge(reason, (int) count, Integer::sum);
        }
      }
      if (outcome != null && toResponse != null) {
        responseTimes.add(new Weighted(days(toResponse), count));
        answeredWithTime += count;
      }
    }

    YearMetrics.Row row(RequestGroup group) {
      int answered = outcomes.values().stream().mapToInt(Integer::intValue).sum();
      return new YearMetrics.Row(group, group.label(), received,
          outcomes.getOrDefault(Outcome.FULFILLED, 0),
          outcomes.getOrDefault(Outcome.PARTIAL, 0),
          outcomes.getOrDefault(Outcome.DENIED, 0),
          denials.getOrDefault(DenialReason.UNVERIFIED, 0),
          denials.getOrDefault(DenialReason.NOT_A_CONSUMER, 0),
          denials.getOrDefault(DenialReason.EXEMPT, 0),
          denials.getOrDefault(DenialReason.OTHER, 0),
          received - answered,
          median(), mean());
    }

    private BigDecimal median() {
      if (answeredWithTime == 0) {
        return null;
      }
      List<Weighted> sorted = responseTimes.stream().sorted(java.util.Comparator.comparing(Weighted::days)).toList();
      long n = answeredWithTime;
      BigDecimal middle = n % 2 == 1
          ? nth(sorted, n / 2)
          : nth(sorted, n / 2 - 1).add(nth(sorted, n / 2)).divide(BigDecimal.valueOf(2));
      return middle.setScale(1, RoundingMode.HALF_UP);
    }

    /** The {@code index}-th smallest time (from 0), counting each entry as often as it weighs. */
    private static BigDecimal nth(List<Weighted> sorted, long index) {
      long seen = 0;
      for (Weighted w : sorted) {
        seen += w.count();
        if (index < seen) {
          return w.days();
        }
      }
      throw new IllegalStateException("index " + index + " past " + seen);
    }

    private BigDecimal mean() {
      if (answeredWithTime == 0) {
        return null;
      }
      BigDecimal total = responseTimes.stream()
          .map(w -> w.days().multiply(BigDecimal.valueOf(w.count())))
          .reduce(BigDecimal.ZERO, BigDecimal::add);
      return total.divide(BigDecimal.valueOf(answeredWithTime), 1, RoundingMode.HALF_UP);
    }

    private static BigDecimal days(Duration duration) {
      return BigDecimal.valueOf(duration.toSeconds()).divide(SECONDS_PER_DAY, 10, RoundingMode.HALF_UP);
    }
  }
}
