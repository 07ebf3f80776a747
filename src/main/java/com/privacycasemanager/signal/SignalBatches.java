package com.privacycasemanager.signal;

import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.preferencestore.SignalLog;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.NewCase;
import com.privacycasemanager.request.RegisteredCase;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.Subject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals the waiting signals into batches: as soon as {@code privacy.signals.batch.max-signals} wait,
 * or when the oldest has waited {@code privacy.signals.batch.period}. Each batch is one case of type
 * {@code OPT_OUT_SIGNALS} received when its first signal arrived (the 15-business-day clock runs
 * from it), holding at most {@code max-signals} signals, oldest first. Any node may seal: the row
 * lock on {@code signal_batcher} lets one at a time, so no signal is in two batches.
 */
@Service
public class SignalBatches {

  private static final Logger log = LoggerFactory.getLogger(SignalBatches.class);
  /** One call seals at most this many batches (the rest wait for the next poll). */
  private static final int MAX_BATCHES_PER_CALL = 100;

  private final SignalLog signals;
  private final SignalBatchRepository batches;
  private final IntakeService intake;
  private final JdbcTemplate jdbc;
  private final SignalProperties properties;
  private final Clock clock;
  private final TransactionTemplate transaction;

  public SignalBatches(
      SignalLog signals,
      SignalBatchRepository batches,
      IntakeService intake,
      JdbcTemplate jdbc,
      SignalProperties properties,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.signals = signals;
    this.batches = batches;
    this.intake = intake;
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** Seals every batch that is due now; returns their cases, oldest first. */
  public List<RequestId> sealDue() {
    return sealDue(properties.batch().maxSignals(), properties.batch().period());
  }

  /** As {@link #sealDue()}, with batches of at most {@code maxSignals} sealed after {@code period}. */
  List<RequestId> sealDue(int maxSignals, Duration period) {
    List<RequestId> sealed = new ArrayList<>();
    for (int i = 0; i < MAX_BATCHES_PER_CALL; i++) {
      Optional<RequestId> batch = transaction.execute(status -> sealOneIfDue(maxSignals, period));
      if (batch.isEmpty()) {
        break;
      }
      sealed.add(batch.get());
    }
    return sealed;
  }

  private Optional<RequestId> sealOneIfDue(int maxSignals, Duration period) {
    // waits while another node seals; then sees what that node left
    jdbc.queryForObject("select id from signal_batcher where id = 1 for update", Integer.class);
    SignalLog.Pending pending = signals.pending();
    Instant now = clock.instant();
    boolean full = pending.signals() >= maxSignals;
    boolean old = pending.signals() > 0 && !pending.oldest().plus(period).isAfter(now);
    if (!full && !old) {
      return Optional.empty();
    }
    RegisteredCase opened =
        intake.open(
            new NewCase(RequestType.OPT_OUT_SIGNALS, Channel.GPC, new Subject(null, null, null, null, null, null), null, null),
            pending.oldest(),
            record -> {
              long id = batches.insert(record.requestId(), now, pending.oldest());
              signals.seal(id, maxSignals);
              SignalLog.Span span = signals.span(id).orElseThrow();
              batches.complete(id, span);
            });
    RequestId id = opened.record().requestId();
    log.info("Sealed batch of opt-out signals {} ({} waited)", id.value(), Math.min(pending.signals(), maxSignals));
    return Optional.of(id);
  }

  /** Signals waiting for the next batch. */
  public SignalLog.Pending pending() {
    return signals.pending();
  }
}
