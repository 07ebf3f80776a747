package com.privacycasemanager.admt;

import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceSource;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.Subject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${applyAdmtOptOut}}: puts an opt-out of ADMT into effect at once, in the intake's own
 * transaction, for every identifier on the case: from the moment the request is answered, the
 * preference check tells the business's decision systems not to run the use for the consumer
 * (§7221(m), (n)(1)).
 */
@Component("applyAdmtOptOut")
public class ApplyAdmtOptOut implements JavaDelegate {

  private final CaseRepository cases;
  private final AdmtOptOutRepository optOuts;
  private final PreferenceStore preferences;
  private final Clock clock;

  ApplyAdmtOptOut(CaseRepository cases, AdmtOptOutRepository optOuts, PreferenceStore preferences, Clock clock) {
    this.cases = cases;
    this.optOuts = optOuts;
    this.preferences = preferences;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    CaseRecord record = cases.get(id);
    Subject subject = record.subject();
    List<Identifier> identifiers = new ArrayList<>();
    if (subject.hasEmail()) {
      identifiers.add(Identifier.email(subject.email()));
    }
    if (subject.hasAccount()) {
      identifiers.add(Identifier.account(subject.accountId()));
    }
    List<String> uses = optOuts.usesOf(id);
    int changes = preferences.refuseAdmt(identifiers, uses, PreferenceSource.of(record.channel()), id);
    cases.updateStatus(id, CaseStatus.IN_EFFECT);
    cases.recordEvent(
        id,
        "ADMT_OPT_OUT_APPLIED",
        "uses=" + (uses.isEmpty() ? "all" : String.join(",", uses)) + " identifiers=" + identifiers.size() + " changes=" + changes,
        clock.instant());
  }
}
