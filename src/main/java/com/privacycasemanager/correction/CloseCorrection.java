package com.privacycasemanager.correction;

import com.privacycasemanager.request.DenialReason;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.RequestId;
import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * {@code ${closeCorrection}}: closes the case FULFILLED, PARTIAL or DENIED with the basis per field,
 * and forgets the requested values (the decision and result per field stay for §7101).
 */
@Component("closeCorrection")
public class CloseCorrection {

  static final String UNVERIFIED_BASIS = "Identity could not be verified (11 CCR §7023(a)); nothing was changed.";

  private final CaseRepository cases;
  private final CorrectionRepository corrections;
  private final CorrectionOutcomes outcomes;
  private final Clock clock;

  public CloseCorrection(CaseRepository cases, CorrectionRepository corrections, CorrectionOutcomes outcomes, Clock clock) {
    this.cases = cases;
    this.corrections = corrections;
    this.outcomes = outcomes;
    this.clock = clock;
  }

  public void execute(DelegateExecution execution) {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    close(id, outcomes.overall(id), DenialReason.OTHER, outcomes.basis(id));
  }

  public void unverified(DelegateExecution execution) {
    close(new RequestId(execution.getProcessBusinessKey()), Outcome.DENIED, DenialReason.UNVERIFIED, UNVERIFIED_BASIS);
  }

  private void close(RequestId id, Outcome outcome, DenialReason reason, String basis) {
    Instant now = clock.instant();
    corrections.forgetValues(id);
    cases.completeWithTrailEntry(id, outcome, reason, basis, now);
  }
}
