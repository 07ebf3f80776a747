package com.privacycasemanager.access;

import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.DenialReason;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.VerificationLevel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code ${rightToKnow}}: the decisions of the {@code right-to-know} process that are not
 * collection: which answer the verification allows, and how the case closes.
 */
@Component("rightToKnow")
public class RightToKnow {

  static final String FALLBACK_NOTE =
      "We could not verify your identity to the reasonably high degree of certainty the law requires before we"
          + " disclose specific pieces of personal information (a confirmed email, three matching details and a"
          + " signed declaration), so this answer lists the categories of personal information we hold about you"
          + " (11 CCR §7024(a)).";
  static final String UNVERIFIED_BASIS = "Identity could not be verified (11 CCR §7024(a)–(b)); the consumer was pointed to the privacy policy.";

  private final CaseRepository cases;
  private final Clock clock;
  private final ZoneId zone;

  public RightToKnow(CaseRepository cases, Clock clock, @Value("${privacy.time-zone}") ZoneId zone) {
    this.cases = cases;
    this.clock = clock;
    this.zone = zone;
  }

  /**
   * Sets {@code answer}: SPECIFIC when specific pieces were asked for and the reasonably high degree
   * was reached; CATEGORIES when a reasonable degree was (for a specific request, a fallback with a
   * note for the consumer); DENY when identity was not verified at all.
   */
  public void chooseAnswer(DelegateExecution execution) {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    CaseRecord record = cases.get(id);
    VerificationLevel level = VerificationLevel.valueOf((String) execution.getVariable("verificationLevel"));
    boolean specificAsked = record.type() == RequestType.KNOW_SPECIFIC || record.type() == RequestType.PORTABILITY;
    String answer;
    if (level == VerificationLevel.NONE) {
      answer = "DENY";
    } else if (specificAsked && level == VerificationLevel.HIGH) {
      answer = "SPECIFIC";
    } else {
      answer = "CATEGORIES";
      if (specificAsked) {
        execution.setVariable(AccessPackages.ANSWER_NOTE, FALLBACK_NOTE);
      }
    }
    execution.setVariable(AccessPackages.ANSWER, answer);
    if (!answer.equals("DENY")) {
      cases.updateStatus(id, CaseStatus.IN_REVIEW);
      int earlier = record.subject().hasEmail()
          ? cases.countKnowRequests(record.subject().email(), record.receivedAt().atZone(zone).minusMonths(12).toInstant(), id)
          : 0;
      execution.setVariable("priorRequests", earlier >= 2
          ? earlier + " (this is at least the third within 12 months: you may deny it, §1798.130(b))"
          : String.valueOf(earlier));
    }
    cases.recordEvent(id, "ANSWER_CHOSEN", "answer=" + answer + " level=" + level, clock.instant());
  }

  public void closeUnverified(DelegateExecution execution) {
    close(execution, Outcome.DENIED, DenialReason.UNVERIFIED, UNVERIFIED_BASIS);
  }

  /** Answered: in full, or in part when specific pieces fell back to categories. */
  public void closeAnswered(DelegateExecution execution) {
    boolean fellBack = execution.getVariable(AccessPackages.ANSWER_NOTE) != null;
    close(execution, fellBack ? Outcome.PARTIAL : Outcome.FULFILLED, null,
        fellBack ? "Specific pieces withheld: identity not verified to a reasonably high degree; categories disclosed (§7024(a))." : null);
  }

  public void closeDenied(DelegateExecution execution) {
    close(execution, Outcome.DENIED, DenialReason.OTHER, "Denied on review: " + execution.getVariable("reviewNote"));
  }

  private void close(DelegateExecution execution, Outcome outcome, DenialReason reason, String basis) {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    Instant now = clock.instant();
    cases.completeWithTrailEntry(id, outcome, reason, basis, now);
  }
}
