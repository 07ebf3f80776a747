package com.privacycasemanager.notification;

import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.RequestId;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** {@code ${caseClosing.fulfilled(execution)}}: records the response date and type on the case. */
@Component("caseClosing")
public class CaseClosing {

  private final CaseRepository cases;
  private final Clock clock;

  public CaseClosing(CaseRepository cases, Clock clock) {
    this.cases = cases;
    this.clock = clock;
  }

  public void fulfilled(DelegateExecution execution) {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    cases.completeWithTrailEntry(id, Outcome.FULFILLED, null, null, clock.instant());
  }
}
