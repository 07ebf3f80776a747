package com.privacycasemanager.incentive;

import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.IncentiveProgram;
import com.privacycasemanager.incentive.IncentiveConsents.ConsentChannel;
import com.privacycasemanager.incentive.IncentiveConsents.Decision;
import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.Subject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${applyIncentiveWithdrawal}}: puts a withdrawal into effect at once, in the intake's own
 * transaction: for each program it names, a consent record of the withdrawal under the program's
 * current notice, for every identifier on the case, which also tells the preference store, so
 * from the moment the request is answered the check says {@code withdrawn} and when the business
 * may invite the consumer again (§1798.125(b)(3)). Dating the enrolment in the program's own
 * system is the next step ({@link DateEnrolments}), so an outage there never refuses a withdrawal.
 */
@Component("applyIncentiveWithdrawal")
public class ApplyIncentiveWithdrawal implements JavaDelegate {

  private final CaseRepository cases;
  private final IncentiveWithdrawals withdrawals;
  private final IncentiveConsents consents;
  private final IncentiveNotices notices;
  private final ConnectedSystems systems;
  private final Clock clock;

  ApplyIncentiveWithdrawal(
      CaseRepository cases,
      IncentiveWithdrawals withdrawals,
      IncentiveConsents consents,
      IncentiveNotices notices,
      ConnectedSystems systems,
      Clock clock) {
    this.cases = cases;
    this.withdrawals = withdrawals;
    this.consents = consents;
    this.notices = notices;
    this.systems = systems;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    CaseRecord record = cases.get(id);
    List<Identifier> identifiers = identifiers(record.subject());
    if (identifiers.isEmpty()) {
      // only a bare /engine-rest start can get here (intake refuses it): the start is refused
      throw new BadUserRequestException(
          "an INCENTIVE_WITHDRAWAL case needs a variable 'email' or 'accountId': the programs know their members by them");
    }
    List<String> programIds = withdrawals.programsOf(id);
    if (programIds.isEmpty()) {
      // a case started through /engine-rest names none: every program, as intake does
      programIds = systems.map().incentives().stream().map(IncentiveProgram::id).toList();
      withdrawals.record(id, programIds);
    }
    for (String programId : programIds) {
      IncentiveProgram program = systems.map().incentive(programId)
          .orElseThrow(() -> new IllegalStateException("incentive program '" + programId + "' is not in the data map"));
      consents.record(program, Decision.WITHDRAWN, identifiers, notices.currentVersion(program), ConsentChannel.REQUEST,
          record.receivedAt(), id);
    }
    cases.updateStatus(id, CaseStatus.IN_EFFECT);
    cases.recordEvent(id, "INCENTIVE_WITHDRAWAL_APPLIED",
        "programs=" + String.join(",", programIds) + " identifiers=" + identifiers.size(), clock.instant());
  }

  /** What the programs know a consumer by: the case's email address and account id. */
  static List<Identifier> identifiers(Subject subject) {
    List<Identifier> identifiers = new ArrayList<>();
    if (subject.hasEmail()) {
      identifiers.add(Identifier.email(subject.email()));
    }
    if (subject.hasAccount()) {
      identifiers.add(Identifier.account(subject.accountId()));
    }
    return identifiers;
  }
}
