package com.privacycasemanager.incentive;

import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.IncentiveProgram;
import com.privacycasemanager.incentive.IncentiveConsents.ConsentRecord;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.RequestId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${dateEnrolments}}: writes the withdrawal's time into each program's enrolment table,
 * where the data map says ({@code enrolment.withdrawnColumn}), on the consumer's rows that carry
 * none yet. An asynchronous step of its own, retried: the program's system may be down while the
 * withdrawal itself is already in effect. Safe to run again: dated rows are left as they are.
 */
@Component("dateEnrolments")
public class DateEnrolments implements JavaDelegate {

  private final CaseRepository cases;
  private final IncentiveWithdrawals withdrawals;
  private final IncentiveConsents consents;
  private final Enrolments enrolments;
  private final ConnectedSystems systems;
  private final Clock clock;

  DateEnrolments(
      CaseRepository cases,
      IncentiveWithdrawals withdrawals,
      IncentiveConsents consents,
      Enrolments enrolments,
      ConnectedSystems systems,
      Clock clock) {
    this.cases = cases;
    this.withdrawals = withdrawals;
    this.consents = consents;
    this.enrolments = enrolments;
    this.systems = systems;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    CaseRecord record = cases.get(id);
    Instant withdrawnAt = consents.ofRequest(id).stream().map(ConsentRecord::decidedAt).min(Instant::compareTo)
        .orElse(record.receivedAt());
    List<String> dated = new ArrayList<>();
    for (String programId : withdrawals.programsOf(id)) {
      IncentiveProgram program = systems.map().incentive(programId).orElse(null);
      if (program == null) {
        continue;
      }
      dated.add(programId + ":" + enrolments.markWithdrawn(program, record.subject(), withdrawnAt));
    }
    // rows dated per program: how many enrolment rows the consumer had, for staff; never shown to the consumer
    cases.recordEvent(id, "INCENTIVE_ENROLMENTS_DATED", "rows=" + String.join(",", dated), clock.instant());
  }
}
