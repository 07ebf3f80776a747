package com.privacycasemanager.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.preferencestore.SignalLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The privacy pages' signals, written together: each dated when its page saw it, none lost at shutdown. */
class PageSignalWriterTest {

  static final Instant SEEN = Instant.parse("2026-11-20T18:00:00Z");

  final List<List<SignalLog.Signal>> writes = new CopyOnWriteArrayList<>();
  final PreferenceStore store = mock(PreferenceStore.class);

  @Test
  void signalsSeenTogetherAreWrittenInOneTransactionDatedWhenSeen() throws Exception {
    CountDownLatch written = new CountDownLatch(1);
    doAnswer(call -> {
      writes.add(List.copyOf(call.getArgument(0)));
      written.countDown();
      return new PreferenceStore.SignalsRecorded(0, 0, 0);
    }).when(store).recordSignals(anyList(), eq(SignalLog.Source.PAGE));
    PageSignalWriter writer = new PageSignalWriter(store, Clock.fixed(SEEN, ZoneOffset.UTC), Duration.ofMillis(200));
    try {
      writer.record("page-device-0001");
      writer.record("page-device-0002");
      writer.record("page-device-0003");
      assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      writer.destroy();
    }
    assertThat(writes).hasSize(1);
    assertThat(writes.get(0)).extracting(SignalLog.Signal::deviceId)
        .containsExactly("page-device-0001", "page-device-0002", "page-device-0003");
    assertThat(writes.get(0)).extracting(SignalLog.Signal::seenAt).containsOnly(SEEN);
  }

  @Test
  void whatWaitsIsWrittenBeforeTheNodeStops() throws Exception {
    doAnswer(call -> {
      writes.add(List.copyOf(call.getArgument(0)));
      return new PreferenceStore.SignalsRecorded(0, 0, 0);
    }).when(store).recordSignals(anyList(), eq(SignalLog.Source.PAGE));
    // a window far longer than the test: only the shutdown writes
    PageSignalWriter writer = new PageSignalWriter(store, Clock.fixed(SEEN, ZoneOffset.UTC), Duration.ofHours(1));
    for (int i = 0; i < 2500; i++) {
      writer.record(String.format("page-device-%05d", i));
    }
    writer.destroy();
    assertThat(writes.stream().mapToInt(List::size).sum()).isEqualTo(2500);
    assertThat(writes).allSatisfy(w -> assertThat(w.size()).isLessThanOrEqualTo(PageSignalWriter.MAX_PER_WRITE));
  }

  @Test
  void withoutADelayEachSignalIsWrittenBeforeThePageAnswers() {
    doAnswer(call -> {
      writes.add(List.copyOf(call.getArgument(0)));
      return new PreferenceStore.SignalsRecorded(1, 1, 0);
    }).when(store).recordSignals(anyList(), eq(SignalLog.Source.PAGE));
    PageSignalWriter writer = new PageSignalWriter(store, Clock.fixed(SEEN, ZoneOffset.UTC), Duration.ZERO);
    writer.record("page-device-sync");
    assertThat(writes).singleElement().satisfies(w -> assertThat(w).extracting(SignalLog.Signal::deviceId).containsExactly("page-device-sync"));
  }
}
