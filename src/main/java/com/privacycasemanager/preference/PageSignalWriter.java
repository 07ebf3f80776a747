package com.privacycasemanager.preference;

import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.preferencestore.SignalLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Writes the signals the privacy pages see ({@code Sec-GPC: 1}) to the preference store, up to
 * {@value #MAX_PER_WRITE} in one transaction every {@code privacy.signals.page-write-delay}
 * (default 100 ms), so a page visit from a new signalling browser costs no transaction of its own.
 * The page that carries the signal honours it itself, and each signal is dated when the page saw
 * it. A node that dies before its next write loses at most that delay's signals, which the browser
 * sends again with its next request (a GPC browser sends it with every request). With a delay of
 * zero (the tests), or while the queue is full, each signal is written before the page answers.
 */
@Component
public class PageSignalWriter implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(PageSignalWriter.class);
  static final int MAX_PER_WRITE = 1000;
  private static final int CAPACITY = 100_000;

  private final PreferenceStore preferences;
  private final Clock clock;
  private final Duration delay;
  private final BlockingQueue<SignalLog.Signal> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final Thread writer;
  private volatile boolean running = true;

  public PageSignalWriter(
      PreferenceStore preferences, Clock clock, @Value("${privacy.signals.page-write-delay:PT0.1S}") Duration delay) {
    this.preferences = preferences;
    this.clock = clock;
    this.delay = delay;
    if (delay.isZero()) {
      writer = null;
    } else {
      writer = new Thread(this::run, "page-signal-writer");
      writer.setDaemon(true);
      writer.start();
    }
  }

  /** Records a browser's signal seen now: soon, or at once when there is no delay or no room. */
  public void record(String deviceId) {
    SignalLog.Signal signal = new SignalLog.Signal(deviceId, null, clock.instant());
    if (writer == null || !queue.offer(signal)) {
      preferences.recordSignals(List.of(signal), SignalLog.Source.PAGE);
    }
  }

  private void run() {
    List<SignalLog.Signal> batch = new ArrayList<>(MAX_PER_WRITE);
    while (running) {
      SignalLog.Signal first;
      try {
        first = queue.poll(delay.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        break; // stopping: destroy() writes what waits
      }
      if (first == null) {
        continue;
      }
      batch.add(first);
      try {
        Thread.sleep(delay.toMillis()); // let the window fill
      } catch (InterruptedException e) {
        running = false; // stopping: this batch is still written, the rest by destroy()
      }
      queue.drainTo(batch, MAX_PER_WRITE - batch.size());
      write(batch);
      batch.clear();
    }
  }

  /** Writes a batch, retried once; what still fails is logged by count (never by device). */
  private void write(List<SignalLog.Signal> batch) {
    for (int attempt = 1; attempt <= 2; attempt++) {
      try {
        preferences.recordSignals(batch, SignalLog.Source.PAGE);
        return;
      } catch (RuntimeException e) {
        if (attempt == 2) {
          log.warn("{} page signals not written ({}); their browsers' next requests carry them again",
              batch.size(), e.getClass().getSimpleName());
        }
      }
    }
  }

  /** Writes what waits, before the node stops. */
  @Override
  public void destroy() throws InterruptedException {
    running = false;
    if (writer != null) {
      writer.interrupt();
      writer.join(10_000);
      List<SignalLog.Signal> rest = new ArrayList<>();
      queue.drainTo(rest);
      for (int from = 0; from < rest.size(); from += MAX_PER_WRITE) {
        write(rest.subList(from, Math.min(rest.size(), from + MAX_PER_WRITE)));
      }
    }
  }
}
