package com.privacycasemanager.datamap;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The period a request to know covers (§1798.130(a)(2)(B), §7024(h)): the 12 months before
 * receipt, or back to 2022-01-01 when the consumer asked for more.
 */
public record LookBack(Instant since) {

  /** The earliest date a consumer can ask for (§1798.130(a)(2)(B)). */
  public static final LocalDate EARLIEST = LocalDate.of(2022, 1, 1);

  public static LookBack of(Instant receivedAt, boolean beyond12Months, ZoneId zone) {
    LocalDate from = beyond12Months ? EARLIEST : receivedAt.atZone(zone).toLocalDate().minusMonths(12);
    return new LookBack(from.atStartOfDay(zone).toInstant());
  }
}
