package com.privacycasemanager.signal;

import com.privacycasemanager.preferencestore.SignalLog;
import com.privacycasemanager.request.CaselessRequests;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.RequestGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Each browser's opt-out preference signal counts in the §7102 metrics as a request to opt out of
 * sale and sharing, in the year it was received: answered with its batch's outcome when the batch's
 * case closed (every recipient told and confirmed), pending until then.
 */
@Component
class SignalRequests implements CaselessRequests {

  private final SignalLog log;
  private final SignalBatchRepository batches;

  SignalRequests(SignalLog log, SignalBatchRepository batches) {
    this.log = log;
    this.batches = batches;
  }

  private record Answered(Outcome outcome, Instant at) {}

  @Override
  public void received(Instant from, Instant to, Sink sink) {
    Map<Long, Answered> answered = new HashMap<>();
    batches.forEachOutcome((batch, outcome, completedAt) -> {
      if (outcome != null && completedAt != null) {
        answered.put(batch, new Answered(Outcome.valueOf(outcome), completedAt));
      }
    });
    log.countReceived(from, to, (batch, receivedAt, count) -> {
      Answered a = batch == null ? null : answered.get(batch);
      sink.add(
          RequestGroup.OPT_OUT,
          a == null ? null : a.outcome(),
          a == null ? null : Duration.between(receivedAt, a.at()),
          count);
    });
  }
}
