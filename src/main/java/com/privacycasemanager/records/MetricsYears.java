package com.privacycasemanager.records;

import com.privacycasemanager.web.InvalidRequestException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The years metrics can be asked for: from 2020 (the CCPA took effect) to next year, in
 * {@code privacy.time-zone}.
 */
@Component
public class MetricsYears {

  static final int FIRST_YEAR = 2020;

  private final Clock clock;
  private final ZoneId zone;

  public MetricsYears(Clock clock, @Value("${privacy.time-zone}") ZoneId zone) {
    this.clock = clock;
    this.zone = zone;
  }

  /** The year the metrics are published for: the previous calendar year (§7102(a)). */
  public int lastYear() {
    return clock.instant().atZone(zone).getYear() - 1;
  }

  public int latest() {
    return lastYear() + 2;
  }

  /** The year, if the text is one metrics can be asked for. */
  public Optional<Integer> parse(String text) {
    if (text == null || !text.matches("\\d{4}")) {
      return Optional.empty();
    }
    int year = Integer.parseInt(text);
    return year < FIRST_YEAR || year > latest() ? Optional.empty() : Optional.of(year);
  }

  /** The year, or a 400 problem naming the field. */
  public int require(String text) {
    return parse(text).orElseThrow(() -> new InvalidRequestException(HttpStatus.BAD_REQUEST, "invalid-request",
        "The request has invalid fields.",
        Map.of("year", "must be a year from " + FIRST_YEAR + " to " + latest())));
  }
}
