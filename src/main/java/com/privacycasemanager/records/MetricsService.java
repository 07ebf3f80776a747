package com.privacycasemanager.records;

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

  public MetricsService(JdbcTemplate jdbc, @Value("${privacy.time-zone}") ZoneId zone, RequestKinds kinds) {
    this.jdbc = jdbc;
    this.zone = zone;
    this.kinds = kinds;
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
              completed == null ? null : Duration.between(received.toInstant(), completed.toInstant()));
        },
        Timestamp.from(from.atStartOfDay(zone).toInstant()),
        Timestamp.from(next.atStartOfDay(zone).toInstant()));
    List<YearMetrics.Row> rows = new ArrayList<>();
    tallies.forEach((group, tally) -> rows.add(tally.row(group)));
    return new YearMetrics(year, zone.getId(), from, next.minusDays(1), List.copyOf(rows));
  }

  /** The figures of one group, gathered row by row. */
  private static final class Tally {
    int received;
    final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    final Map<DenialReason, Integer> denials = new EnumMap<>(DenialReason.class);
    final List<Duration> responseTimes = new ArrayList<>();

    void add(Outcome outcome, DenialReason reason, Duration toResponse) {
      received++;
      if (outcome != null) {
        outcomes.merge(outcome, 1, Integer::sum);
        if (outcome == Outcome.DENIED) {
          denials.merge(reason, 1, Integer::sum);
        }
      }
      if (outcome != null && toResponse != null) {
        responseTimes.add(toResponse);
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
      if (responseTimes.isEmpty()) {
        return null;
      }
      List<BigDecimal> days = responseTimes.stream().map(Tally::days).sorted().toList();
      int n = days.size();
      BigDecimal middle = n % 2 == 1
          ? days.get(n / 2)
          : days.get(n / 2 - 1).add(days.get(n / 2)).divide(BigDecimal.valueOf(2));
      return middle.setScale(1, RoundingMode.HALF_UP);
    }

    private BigDecimal mean() {
      if (responseTimes.isEmpty()) {
        return null;
      }
      BigDecimal total = responseTimes.stream().map(Tally::days).reduce(BigDecimal.ZERO, BigDecimal::add);
      return total.divide(BigDecimal.valueOf(responseTimes.size()), 1, RoundingMode.HALF_UP);
    }

    private static BigDecimal days(Duration duration) {
      return BigDecimal.valueOf(duration.toSeconds()).divide(SECONDS_PER_DAY, 10, RoundingMode.HALF_UP);
    }
  }
}
