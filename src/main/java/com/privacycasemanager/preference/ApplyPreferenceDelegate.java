package com.privacycasemanager.preference;

import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceSource;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.Subject;
import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${applyPreference}}: puts an opt-out or limit into effect for the business's own
 * processing, at once, for every identifier on the case (and links the browser to the consumer so
 * a later GPC signal from it reaches them).
 */
@Component("applyPreference")
public class ApplyPreferenceDelegate implements JavaDelegate {

  private final CaseRepository cases;
  private final PreferenceStore preferences;
  private final Clock clock;

  public ApplyPreferenceDelegate(CaseRepository cases, PreferenceStore preferences, Clock clock) {
    this.cases = cases;
    this.preferences = preferences;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    CaseRecord record = cases.get(id);
    Subject subject = record.subject();
    var withdrawn = record.type().preferencesWithdrawn();
    PreferenceSource source = PreferenceSource.of(record.channel());
    if (subject.hasDevice()) {
      if (subject.hasEmail()) {
        preferences.link(Identifier.device(subject.deviceId()), Identifier.email(subject.email()));
      }
      if (subject.hasAccount()) {
        preferences.link(Identifier.device(subject.deviceId()), Identifier.account(subject.accountId()));
      }
    }
    int changes = 0;
    int identifiers = 0;
    if (subject.hasEmail()) {
      changes += preferences.refuse(List.of(Identifier.email(subject.email())), withdrawn, source, id);
      identifiers++;
    }
    if (subject.hasAccount()) {
      changes += preferences.refuse(List.of(Identifier.account(subject.accountId())), withdrawn, source, id);
      identifiers++;
    }
    if (subject.hasDevice()) {
      // the browser, and every consumer known to have used it
      changes += preferences.refuseForDevice(Identifier.device(subject.deviceId()), withdrawn, source, id);
      identifiers++;
    }
    cases.updateStatus(id, CaseStatus.IN_EFFECT);
    cases.recordEvent(
        id,
        "PREFERENCE_APPLIED",
        "withdrawn=" + withdrawn + " identifiers=" + identifiers + " changes=" + changes,
        clock.instant());
  }
}
