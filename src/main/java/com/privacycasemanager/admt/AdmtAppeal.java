package com.privacycasemanager.admt;

import com.privacycasemanager.admt.ConsumerOutputs.Column;
import com.privacycasemanager.admt.ConsumerOutputs.Output;
import com.privacycasemanager.datamap.AdmtUse;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DataMap.Table;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.DenialReason;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.VerificationLevel;
import java.time.Clock;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code ${admtAppeal}}: the steps of the {@code admt-appeal} process that are the right's own
 * (11 CCR §7221(b)(1)) — whether the verification allows the appeal, finding the decision appealed
 * among the consumer's outputs of the use, the group of reviewers who may overturn it, the check
 * of the reviewer's outcome, writing it back where the data map says, and closing the case.
 * Process variables: the use id, whether the decision was found, the outcome and the reviewer's
 * reasons (which the consumer reads), never the consumer's statement or an output's value.
 */
@Component("admtAppeal")
public class AdmtAppeal {

  static final String UPHELD = "UPHELD";
  static final String OVERTURNED = "OVERTURNED";
  static final String UNVERIFIED_BASIS = "Identity could not be verified (11 CCR §7060); the requester was told so.";

  private final CaseRepository cases;
  private final AdmtAppealRepository appeals;
  private final AdmtOutputs outputs;
  private final ConnectedSystems systems;
  private final Clock clock;

  public AdmtAppeal(CaseRepository cases, AdmtAppealRepository appeals, AdmtOutputs outputs, ConnectedSystems systems, Clock clock) {
    this.cases = cases;
    this.appeals = appeals;
    this.outputs = outputs;
    this.systems = systems;
    this.clock = clock;
  }

  /** Sets {@code answer}: REVIEW when identity was verified to a reasonable degree or better, DENY otherwise. */
  public void chooseAnswer(DelegateExecution execution) {
    RequestId id = id(execution);
    VerificationLevel level = VerificationLevel.valueOf((String) execution.getVariable("verificationLevel"));
    String answer = level == VerificationLevel.NONE ? "DENY" : "REVIEW";
    execution.setVariable("answer", answer);
    if (answer.equals("REVIEW")) {
      cases.updateStatus(id, CaseStatus.IN_REVIEW);
    }
    cases.recordEvent(id, "ANSWER_CHOSEN", "answer=" + answer + " level=" + level, clock.instant());
  }

  /**
   * Finds the decision appealed among the consumer's outputs of the use (the one named by its key,
   * or the latest when none was named) and sets {@code useName}, {@code decisionFound} and
   * {@code decisionTime} for the reviewer; the output itself is shown on the case file.
   */
  public void prepare(DelegateExecution execution) {
    RequestId id = id(execution);
    CaseRecord record = cases.get(id);
    AdmtAppealRepository.Appeal appeal = appeals.find(id).orElseThrow();
    AdmtUse use = use(appeal.useId());
    Optional<Found> found = find(record, use, appeal.decisionNamed());
    found.ifPresent(f -> appeals.decisionFound(id, f.key()));
    execution.setVariable("useId", use.id());
    execution.setVariable("useName", use.name());
    execution.setVariable("decisionFound", found.isPresent()
        ? "yes" + (appeal.decisionNamed() == null ? " (the latest; the consumer named none)" : "")
        : "no: " + (appeal.decisionNamed() == null ? "the consumer has no output of this use"
            : "no output of this use about the consumer has the number the consumer gave") + "; read the statement and decide");
    cases.recordEvent(id, "APPEAL_PREPARED", "use=" + use.id() + " decisionFound=" + found.isPresent(), clock.instant());
  }

  /** The candidate group of the review: the use's reviewers, who may overturn its decisions (§7221(b)(1)(A)). */
  public String reviewerGroup(DelegateExecution execution) {
    return use(appeals.find(id(execution)).orElseThrow().useId()).exception().reviewerGroup();
  }

  /** The complete listener of the review: an outcome of UPHELD or OVERTURNED and the reasons the consumer reads. */
  public void checkDecision(DelegateTask task) {
    Object outcome = task.getVariable("appealOutcome");
    if (!UPHELD.equals(outcome) && !OVERTURNED.equals(outcome)) {
      throw new IllegalArgumentException("Choose the outcome: UPHELD (the decision stands) or OVERTURNED (you change it).");
    }
    Object reasons = task.getVariable("appealReasons");
    if (reasons == null || reasons.toString().isBlank()) {
      throw new IllegalArgumentException("Give the reasons for the outcome: the consumer reads them.");
    }
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    task.setVariable("appealDecidedBy",
        authentication != null && authentication.getUserId() != null ? authentication.getUserId() : task.getAssignee());
  }

  /** Records the outcome and writes it back on the decision appealed, where the data map says. */
  public void record(DelegateExecution execution) {
    RequestId id = id(execution);
    AdmtAppealRepository.Appeal appeal = appeals.find(id).orElseThrow();
    AdmtUse use = use(appeal.useId());
    String outcome = (String) execution.getVariable("appealOutcome");
    boolean writtenBack = false;
    String column = use.exception().outcomeColumn();
    if (column != null && appeal.decisionKey() != null) {
      Table table = table(use);
      int updated = new JdbcTemplate(systems.dataSource(use.outputs().system())).update(
          "update " + table.name() + " set " + column + " = ? where " + table.key() + " = ?", outcome, key(appeal.decisionKey()));
      writtenBack = updated == 1;
    }
    appeals.decide(id, outcome, execution.getVariable("appealReasons").toString().trim(),
        (String) execution.getVariable("appealDecidedBy"), clock.instant(), writtenBack);
    cases.recordEvent(id, "APPEAL_DECIDED", "use=" + use.id() + " outcome=" + outcome + " writtenBack=" + writtenBack,
        clock.instant());
  }

  public void closeUnverified(DelegateExecution execution) {
    cases.completeWithTrailEntry(id(execution), Outcome.DENIED, DenialReason.UNVERIFIED, UNVERIFIED_BASIS, clock.instant());
  }

  /** The appeal was considered and answered, whichever the outcome. */
  public void closeDecided(DelegateExecution execution) {
    cases.completeWithTrailEntry(id(execution), Outcome.FULFILLED, null, null, clock.instant());
  }

  // --------------------------------------------------------------------------------------------

  /** A decision found: its key in the outputs table and the output as the case file shows it. */
  record Found(String key, Output output) {}

  Optional<Found> find(CaseRecord record, AdmtUse use, String named) {
    ConsumerOutputs found = outputs.of(record.subject(), use);
    Table table = table(use);
    Optional<Column> keyColumn = found.column(table.key());
    if (keyColumn.isEmpty() || found.outputs().isEmpty()) {
      return Optional.empty();
    }
    String label = keyColumn.get().label();
    for (Output output : found.outputs()) {
      Object key = output.values().get(label);
      if (key != null && (named == null || named.trim().equals(key.toString()))) {
        return Optional.of(new Found(key.toString(), output));
      }
    }
    return Optional.empty();
  }

  AdmtUse use(String useId) {
    return systems.map().admtUse(useId).filter(AdmtUse::appealOffered)
        .orElseThrow(() -> new IllegalStateException("admt use '" + useId + "' takes no appeal in the data map"));
  }

  private Table table(AdmtUse use) {
    return systems.map().outputsTable(use);
  }

  /** A numeric key is compared as a number (the demo's keys are bigint). */
  private static Object key(String key) {
    return key.matches("-?\\d{1,18}") ? (Object) Long.valueOf(key) : key;
  }

  private static RequestId id(DelegateExecution execution) {
    return new RequestId(execution.getProcessBusinessKey());
  }
}
