package com.privacycasemanager.signal;

import com.privacycasemanager.preferencestore.SignalLog;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CcpaCategory;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.RequestGroup;
import com.privacycasemanager.request.RequestKind;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.VerificationLevel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A batch of browsers' opt-out preference signals (§7025) as the hosts see it: never verified,
 * never asked for by a consumer (intake and {@code /engine-rest} refuse the type), told to the
 * recipients registered for opt-outs of sale and sharing, each webhook carrying the batch's
 * signals. The §7102 metrics count each signal, not the batch ({@link SignalRequests}).
 */
@Component
class SignalBatchKind implements RequestKind {

  /** The case file lists this many of a batch's signals; the export and the webhook carry them all. */
  static final int SHOWN = 100;

  private final SignalBatchRepository batches;
  private final SignalLog log;

  SignalBatchKind(SignalBatchRepository batches, SignalLog log) {
    this.batches = batches;
    this.log = log;
  }

  @Override
  public Set<RequestType> types() {
    return EnumSet.of(RequestType.OPT_OUT_SIGNALS);
  }

  @Override
  public String mailName(RequestType type) {
    return "opt-out preference signals";
  }

  @Override
  public VerificationLevel verification(RequestType type) {
    return VerificationLevel.NONE;
  }

  @Override
  public Optional<RequestGroup> metricsGroup(RequestType type) {
    return Optional.empty();
  }

  @Override
  public void validate(RequestType type, IntakeRequest body, Map<String, String> problems) {
    problems.put("type", "is opened by the batches of opt-out preference signals; a consumer's opt-out is OPT_OUT_ALL");
  }

  @Override
  public String engineRestRefusal(RequestType type) {
    return "a batch of opt-out signals is sealed by the application from the signals received (POST /api/signals)";
  }

  @Override
  public Set<RequestType> recipientsRegisteredFor(RequestType type) {
    return EnumSet.of(RequestType.OPT_OUT_ALL);
  }

  @Override
  public List<String> recipientInstructions(CaseRecord record, Set<CcpaCategory> recipientCategories) {
    return List.of(
        "Each browser listed sent an opt-out preference signal (Global Privacy Control): stop selling and sharing"
            + " the personal information collected from it, and from the account listed with it, from the time given.",
        "Confirm within 15 business days of the first signal (respondBy).");
  }

  /** The batch, every signal of it: {@code signalCount}, first and last time, and {@code signals}. */
  @Override
  public Map<String, Object> recipientDetails(CaseRecord record, Set<CcpaCategory> recipientCategories) {
    return batches.batchOf(record.requestId()).map(batch -> {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("signalCount", batch.signals());
      details.put("firstReceivedAt", batch.firstReceivedAt().toString());
      details.put("lastReceivedAt", batch.lastReceivedAt().toString());
      List<Map<String, String>> signals = new ArrayList<>(batch.signals());
      log.forEachOf(batch.id(), -1, s -> signals.add(entry(s)));
      details.put("signals", signals);
      return details;
    }).orElse(Map.of());
  }

  private static Map<String, String> entry(SignalLog.Received s) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("deviceId", s.deviceId());
    if (s.accountId() != null) {
      e.put("accountId", s.accountId());
    }
    e.put("receivedAt", s.receivedAt().toString());
    return e;
  }

  @Override
  public String caseFileTemplate() {
    return "staff/case-signals";
  }

  @Override
  public Map<String, Object> caseFile(CaseRecord record) {
    return batches.batchOf(record.requestId()).map(batch -> {
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("signalBatch", batch);
      model.put("signalsShown", log.signalsOf(batch.id(), SHOWN));
      return model;
    }).orElse(Map.of());
  }

  /** The §7101 record of the batch: how many requests to opt out it answers, from when to when, from where. */
  @Override
  public Map<String, Object> export(CaseRecord record) {
    return batches.batchOf(record.requestId()).map(batch -> {
      Map<String, Object> signals = new LinkedHashMap<>();
      signals.put("signalCount", batch.signals());
      signals.put("firstReceivedAt", batch.firstReceivedAt().toString());
      signals.put("lastReceivedAt", batch.lastReceivedAt().toString());
      signals.put("sealedAt", batch.sealedAt().toString());
      Map<String, Integer> bySource = new LinkedHashMap<>();
      log.forEachOf(batch.id(), -1, s -> bySource.merge(s.source().name(), 1, Integer::sum));
      signals.put("bySource", bySource);
      return Map.<String, Object>of("signals", signals);
    }).orElse(Map.of());
  }
}
