package com.privacycasemanager.admt;

import com.privacycasemanager.datamap.AdmtUse;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.PreUseNotice;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.DenialReason;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.VerificationLevel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code ${admtAccess}}: the steps of the {@code admt-access} process that are the right's own —
 * whether the verification allows an answer (§7222(e): below a reasonably high degree the
 * requester is told it could not be verified), the summary the reviewer reads, the check of what
 * the reviewer withholds (§7222(c): output detail only, each with its ground and basis), the
 * answer built and kept, and how the case closes. Process variables: only the use ids, column
 * names, counts and the reviewer's words, never an output's value.
 */
@Component("admtAccess")
public class AdmtAccess {

  /** Process variables of the review. */
  static final String ANSWER = "answer";
  static final String SUMMARY = "reviewSummary";
  static final String WITHHOLD_COLUMNS = "withholdColumns";
  static final String WITHHOLD_GROUND = "withholdGround";
  static final String WITHHOLD_BASIS = "withholdBasis";

  static final String UNVERIFIED_BASIS = "Identity could not be verified to a reasonably high degree of certainty (11 CCR"
      + " §§7062, 7222(e)); the requester was told so.";

  private final CaseRepository cases;
  private final ConnectedSystems systems;
  private final AdmtAnswers answers;
  private final AdmtAnswerRepository stored;
  private final Clock clock;
  private final String publicBaseUrl;

  public AdmtAccess(
      CaseRepository cases,
      ConnectedSystems systems,
      AdmtAnswers answers,
      AdmtAnswerRepository stored,
      Clock clock,
      @Value("${privacy.public-base-url}") String publicBaseUrl) {
    this.cases = cases;
    this.systems = systems;
    this.answers = answers;
    this.stored = stored;
    this.clock = clock;
    this.publicBaseUrl = publicBaseUrl;
  }

  /** Sets {@code answer}: ANSWER at a reasonably high degree of certainty, DENY below it. */
  public void chooseAnswer(DelegateExecution execution) {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    VerificationLevel level = VerificationLevel.valueOf((String) execution.getVariable("verificationLevel"));
    String answer = level == VerificationLevel.HIGH ? "ANSWER" : "DENY";
    execution.setVariable(ANSWER, answer);
    if (answer.equals("ANSWER")) {
      cases.updateStatus(id, CaseStatus.IN_REVIEW);
    } else if (level == VerificationLevel.REASONABLE) {
      execution.setVariable("answerNote", "We could confirm your email address, but before we tell you the outputs our"
          + " technology produced about you we need a reasonably high degree of certainty: three details that match what we"
          + " hold and your signed declaration (11 CCR §7062).");
    }
    cases.recordEvent(id, "ANSWER_CHOSEN", "answer=" + answer + " level=" + level, clock.instant());
  }

  /** {@code reviewSummary}: per use, what the answer will explain and which output columns it shows. */
  public void prepare(DelegateExecution execution) {
    CaseRecord record = cases.get(new RequestId(execution.getProcessBusinessKey()));
    List<String> lines = new ArrayList<>();
    for (AdmtUse use : systems.map().admt()) {
      AdmtExplanation e = answers.answer(record.subject(), use, record.receivedAt(), Withholding.none());
      if (e.outputs().total() == 0) {
        lines.add(use.name() + " (" + use.id() + "): never used about this consumer; the answer says so.");
        continue;
      }
      lines.add(use.name() + " (" + use.id() + "): " + e.outputs().total() + " outputs, " + e.outputs().inPeriod()
          + " in the 12 months before receipt — " + (e.outputs().aggregated()
              ? "more than " + AdmtAnswers.MOST_LISTED + ", so those are answered in aggregate (§7222(j)), older ones listed"
              : "each listed")
          + ". Explained: purpose, logic and parameters, how the output is used, the human's role. Output columns"
          + " (withholdable): " + outputColumns(use) + ".");
    }
    execution.setVariable(SUMMARY, String.join("\n", lines));
  }

  /**
   * The complete listener of the review: what is withheld must be output columns of the map's uses,
   * each with a ground and a basis; the explanation itself cannot be withheld.
   */
  public void checkWithholding(DelegateTask task) {
    if (Boolean.TRUE.equals(task.getVariable("approved"))) {
      withholding(task, null);
    }
  }

  /** Builds the answer with what the reviewer withheld, and keeps it. */
  public void build(DelegateExecution execution) {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    CaseRecord record = cases.get(id);
    List<AdmtExplanation> explained = new ArrayList<>();
    List<String> notUsed = new ArrayList<>();
    for (AdmtUse use : systems.map().admt()) {
      AdmtExplanation e = answers.answer(record.subject(), use, record.receivedAt(), withholding(execution, use));
      if (e.outputs().total() == 0) {
        notUsed.add(use.name());
      } else {
        explained.add(e);
      }
    }
    String withheld = withheldRecord(execution);
    stored.store(new AdmtAnswer(id.value(), record.receivedAt(), explained, notUsed, PreUseNotice.NON_RETALIATION,
        publicBaseUrl + "/privacy#rights"), withheld, clock.instant());
    cases.recordEvent(id, "ADMT_ANSWER_BUILT", "uses=" + explained.size() + " notUsed=" + notUsed.size()
        + (withheld == null ? "" : " withheld=" + columns(execution)), clock.instant());
  }

  public void closeUnverified(DelegateExecution execution) {
    cases.completeWithTrailEntry(id(execution), Outcome.DENIED, DenialReason.UNVERIFIED, UNVERIFIED_BASIS, clock.instant());
  }

  /** Answered: in full, or in part when the reviewer withheld output detail (§7222(c)). */
  public void closeAnswered(DelegateExecution execution) {
    String withheld = withheldRecord(execution);
    cases.completeWithTrailEntry(id(execution), withheld == null ? Outcome.FULFILLED : Outcome.PARTIAL, null,
        withheld == null ? null : "Output detail withheld (§7222(c)): " + withheld, clock.instant());
  }

  public void closeDenied(DelegateExecution execution) {
    cases.completeWithTrailEntry(id(execution), Outcome.DENIED, DenialReason.OTHER,
        "Denied on review: " + execution.getVariable("reviewNote"), clock.instant());
  }

  // ---------------------------------------------------------------------------------- withholding

  /** The withheld columns, lower case, in the order given. */
  private static Set<String> columns(VariableScope scope) {
    Object value = scope.getVariable(WITHHOLD_COLUMNS);
    Set<String> columns = new LinkedHashSet<>();
    if (value != null) {
      for (String c : value.toString().split("[,;\\s]+")) {
        if (!c.isBlank()) {
          columns.add(c.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    return columns;
  }

  /**
   * What the reviewer withholds from {@code use} (null: checks the choice against every use and
   * returns nothing). Refuses a column no use has, a missing ground or a blank basis.
   */
  private Withholding withholding(VariableScope scope, AdmtUse use) {
    Set<String> columns = columns(scope);
    if (columns.isEmpty()) {
      return Withholding.none();
    }
    Object groundValue = scope.getVariable(WITHHOLD_GROUND);
    Withholding.Ground ground;
    try {
      ground = Withholding.Ground.valueOf(String.valueOf(groundValue));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Choose why the columns are withheld: a trade secret, or security, fraud prevention or safety.");
    }
    Object basis = scope.getVariable(WITHHOLD_BASIS);
    if (basis == null || basis.toString().isBlank()) {
      throw new IllegalArgumentException("Give the basis for withholding " + columns + ": the consumer reads it (§7222(c)).");
    }
    Set<String> known = new LinkedHashSet<>();
    systems.map().admt().forEach(u -> known.addAll(outputColumns(u)));
    for (String c : columns) {
      if (!known.contains(c)) {
        throw new IllegalArgumentException("'" + c + "' is not an output column of an ADMT use; only output detail can be withheld,"
            + " never the explanation. Output columns: " + known);
      }
    }
    if (use == null) {
      return Withholding.none();
    }
    Withholding result = Withholding.none();
    Set<String> own = Set.copyOf(outputColumns(use));
    for (String c : columns) {
      if (own.contains(c)) {
        result = result.and(c, ground, basis.toString().trim());
      }
    }
    return result;
  }

  private static String withheldRecord(VariableScope scope) {
    Set<String> columns = columns(scope);
    if (columns.isEmpty() || !Boolean.TRUE.equals(scope.getVariable("approved"))) {
      return null;
    }
    return String.join(", ", columns) + " as " + Withholding.Ground.valueOf(String.valueOf(scope.getVariable(WITHHOLD_GROUND))).label()
        + ": " + scope.getVariable(WITHHOLD_BASIS).toString().trim();
  }

  /** The output columns of the use's table, the time column left out, lower case in map order. */
  private List<String> outputColumns(AdmtUse use) {
    return AdmtAnswers.outputColumns(systems.map(), use).stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
  }

  private static RequestId id(DelegateExecution execution) {
    return new RequestId(execution.getProcessBusinessKey());
  }
}
