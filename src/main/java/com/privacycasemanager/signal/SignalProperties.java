package com.privacycasemanager.signal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code privacy.signals}: opt-out preference signals forwarded by the business's web servers and
 * how they are batched for the recipients.
 *
 * @param maxPerCall signals one {@code POST /api/signals} may carry (default 1,000)
 * @param maxAge how long before its arrival a forwarded signal may have been seen (default 7 days:
 *     an older one is refused, as its 15-business-day clock would already be running out)
 * @param batch when a batch is sealed and told to the recipients
 */
@ConfigurationProperties("privacy.signals")
public record SignalProperties(Integer maxPerCall, Duration maxAge, Batch batch) {

  public SignalProperties {
    maxPerCall = maxPerCall == null ? 1000 : maxPerCall;
    maxAge = maxAge == null ? Duration.ofDays(7) : maxAge;
    batch = batch == null ? new Batch(null, null, null, null) : batch;
    if (maxPerCall < 1) {
      throw new IllegalArgumentException("privacy.signals.max-per-call must be at least 1");
    }
  }

  /**
   * @param maxSignals a batch is sealed as soon as this many signals wait (default 10,000), and
   *     holds at most this many
   * @param period or when the oldest waiting signal is this old (default 15 minutes)
   * @param poll how often each node looks whether a batch is due (default 30 s)
   * @param scheduled whether nodes look on their own (tests seal by hand)
   */
  public record Batch(Integer maxSignals, Duration period, Duration poll, Boolean scheduled) {
    public Batch {
      maxSignals = maxSignals == null ? 10_000 : maxSignals;
      period = period == null ? Duration.ofMinutes(15) : period;
      poll = poll == null ? Duration.ofSeconds(30) : poll;
      scheduled = scheduled == null || scheduled;
      if (maxSignals < 1) {
        throw new IllegalArgumentException("privacy.signals.batch.max-signals must be at least 1");
      }
    }
  }
}
