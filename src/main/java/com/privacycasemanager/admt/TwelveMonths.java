package com.privacycasemanager.admt;

import com.privacycasemanager.datamap.LookBack;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The 12 months before receipt of a request in which §7222(j) counts the uses of an ADMT about the
 * consumer: from the start of the day twelve months before the day of receipt, in the business's
 * time zone (as {@link LookBack} counts them for a request to know), up to the moment of receipt,
 * both ends included.
 */
public record TwelveMonths(Instant from, Instant to) {

  public TwelveMonths {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("a period cannot end before it starts");
    }
  }

  /** The 12 months before a request received at {@code receivedAt}, days counted in {@code zone}. */
  public static TwelveMonths before(Instant receivedAt, ZoneId zone) {
    return new TwelveMonths(LookBack.of(receivedAt, false, zone).since(), receivedAt);
  }

  /** Whether {@code time} lies in the period; an undated output lies in none. */
  public boolean contains(Instant time) {
    return time != null && !time.isBefore(from) && !time.isAfter(to);
  }
}
