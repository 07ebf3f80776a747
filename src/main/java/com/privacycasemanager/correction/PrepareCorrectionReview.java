package com.privacycasemanager.correction;

import com.privacycasemanager.correction.CorrectionRepository.RowRef;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.RequestId;
import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * {@code ${prepareCorrectionReview}} (Task_FindConsumerRows): finds the consumer's rows once,
 * before review, and keeps their keys with the case, so the case file shows the values held and a
 * retried apply step still reaches a row whose identifying column (the email) it already changed.
 */
@Component("prepareCorrectionReview")
public class PrepareCorrectionReview {

  private final CaseRepository cases;
  private final CorrectionRepository corrections;
  private final ConsumerRows consumerRows;
  private final Clock clock;

  public PrepareCorrectionReview(CaseRepository cases, CorrectionRepository corrections, ConsumerRows consumerRows, Clock clock) {
    this.cases = cases;
    this.corrections = corrections;
    this.consumerRows = consumerRows;
    this.clock = clock;
  }

  public void execute(DelegateExecution execution) {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    CaseRecord record = cases.get(id);
    List<RowRef> rows = consumerRows.find(record.subject());
    rows.forEach(row -> corrections.storeTarget(id, row));
    cases.updateStatus(id, CaseStatus.IN_REVIEW);
    cases.recordEvent(id, "CORRECTION_ROWS_FOUND", "fields=" + String.join(",", corrections.contestedFields(id)) + " rows=" + rows.size(),
        clock.instant());
  }
}
