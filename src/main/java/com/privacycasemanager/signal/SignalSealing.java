package com.privacycasemanager.signal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every node looks every {@code privacy.signals.batch.poll} whether a batch is due ({@link
 * SignalBatches#sealDue}); off with {@code privacy.signals.batch.scheduled=false} (the tests seal
 * by hand).
 */
@Component
@ConditionalOnProperty(name = "privacy.signals.batch.scheduled", havingValue = "true", matchIfMissing = true)
class SignalSealing {

  private final SignalBatches batches;

  SignalSealing(SignalBatches batches) {
    this.batches = batches;
  }

  @Scheduled(fixedDelayString = "${privacy.signals.batch.poll:PT30S}", initialDelayString = "${privacy.signals.batch.poll:PT30S}")
  void sealDue() {
    batches.sealDue();
  }
}
