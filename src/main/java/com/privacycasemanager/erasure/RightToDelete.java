package com.privacycasemanager.erasure;

import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DataMap.DataSystem;
import com.privacycasemanager.datamap.DataMap.Table;
import com.privacycasemanager.datamap.Recipient;
import com.privacycasemanager.datamap.RecipientsRegistry;
import com.privacycasemanager.notification.ConsumerMail;
import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.DenialReason;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.Preference;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.request.Subject;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code ${rightToDelete}}: the steps of the {@code right-to-delete} process around erasure: the
 * suppression record, the answer to the consumer (§7022(e): whether we complied, that the request
 * is recorded, the basis for anything kept, and the opt-out offer of §7022(g)), and how the case
 * closes.
 */
@Component("rightToDelete")
public class RightToDelete {

  static final String UNVERIFIED_BASIS = "Identity could not be verified (11 CCR §7022(a)); the consumer was told.";

  private final DeletionRepository deletions;
  private final ConnectedSystems systems;
  private final CaseRepository cases;
  private final ConsumerMail mail;
  private final RecipientsRegistry recipients;
  private final PreferenceStore preferences;
  private final Secrets secrets;
  private final Clock clock;
  private final String publicBaseUrl;

  public RightToDelete(
      DeletionRepository deletions,
      ConnectedSystems systems,
      CaseRepository cases,
      ConsumerMail mail,
      RecipientsRegistry recipients,
      PreferenceStore preferences,
      Secrets secrets,
      Clock clock,
      @Value("${privacy.public-base-url}") String publicBaseUrl) {
    this.deletions = deletions;
    this.systems = systems;
    this.cases = cases;
    this.mail = mail;
    this.recipients = recipients;
    this.preferences = preferences;
    this.secrets = secrets;
    this.clock = clock;
    this.publicBaseUrl = publicBaseUrl;
  }

  /** The keyed identifiers a suppression record holds: type to canonical value. */
  public static Map<String, String> suppressionIdentifiers(Subject subject) {
    Map<String, String> ids = new HashMap<>();
    if (subject.hasEmail()) {
      ids.put("EMAIL", subject.email().trim().toLowerCase(Locale.ROOT));
    }
    if (subject.hasAccount()) {
      ids.put("ACCOUNT", subject.accountId().trim());
    }
    if (subject.phone() != null && !subject.phone().isBlank()) {
      String digits = subject.phone().replaceAll("[^0-9]", "");
      ids.put("PHONE", digits.length() > 10 ? digits.substring(digits.length() - 10) : digits);
    }
    return ids;
  }

  public String suppressionKey(String type, String canonicalValue) {
    return secrets.hmacHex("deletion-suppression", type + ":" + canonicalValue);
  }

  /** Task_RecordSuppression: keyed hashes of the identifiers, so later imports are recognised (§1798.105(c)(2)). */
  public void recordSuppression(DelegateExecution execution) {
    RequestId id = id(execution);
    Instant now = clock.instant();
    Map<String, String> ids = suppressionIdentifiers(cases.get(id).subject());
    ids.forEach((type, value) -> deletions.suppress(suppressionKey(type, value), type, id, now));
    cases.recordEvent(id, "SUPPRESSION_RECORDED", "identifiers=" + ids.size(), now);
  }

  /** What a deletion did, in the consumer's words: one line per table and action. */
  public record Answer(List<String> deleted, List<String> kept) {
    public boolean partial() {
      return !kept.isEmpty();
    }

    public boolean nothingFound() {
      return deleted.isEmpty() && kept.isEmpty();
    }
  }

  /** The answer of a case whose plan was carried out (for the email and the status page). */
  public Answer answer(RequestId id) {
    List<String> done = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (DataSystem system : systems.map().systems()) {
      DeletionPlan plan = deletions.plan(id, system.id());
      for (DeletionPlan.Rows rows : plan.rows()) {
        Table table = system.table(rows.table()).orElseThrow();
        String what = system.displayName() + ", " + table.name().replace('_', ' ') + ": " + records(rows.keys().size());
        switch (rows.action()) {
          case DELETE -> done.add(what + " deleted");
          case ERASE -> done.add(what + " stripped of your details (" + consumerErased(table, rows) + ")");
          case KEEP_PART -> kept.add(what + " kept in part " + rows.basis().description() + " (" + rows.basis().citation()
              + "): " + rows.reason() + ". We kept " + EraseConsumerData.labels(table, rows.kept()) + " and removed "
              + consumerErased(table, rows) + ".");
          case KEEP -> kept.add(what + " kept " + rows.basis().description() + " (" + rows.basis().citation() + "): " + rows.reason() + ".");
        }
      }
    }
    return new Answer(done, kept);
  }

  /** Task_SendOutcome: what was deleted, what was kept and why, and the opt-out offer. */
  public void sendOutcome(DelegateExecution execution) throws MessagingException {
    RequestId id = id(execution);
    CaseRecord record = cases.get(id);
    Answer answer = answer(id);
    Map<String, Object> extra = new HashMap<>();
    extra.put("deleted", answer.deleted());
    extra.put("kept", answer.kept());
    extra.put("partial", answer.partial());
    extra.put("nothingFound", answer.nothingFound());
    extra.put("offerOptOut", offerOptOut(record));
    extra.put("optOutUrl", publicBaseUrl + "/privacy/do-not-sell");
    extra.put("toldRecipients", !recipients.idsFor(record.type().name()).isEmpty());
    mail.send(record, "deletion-outcome", extra);
  }

  /** §7022(g): a business that sells or shares offers the opt-out to a consumer who has not opted out. */
  boolean offerOptOut(CaseRecord record) {
    boolean sellsOrShares = recipients.all().stream().anyMatch(r -> r.disclosure() != Recipient.Disclosure.BUSINESS_PURPOSE);
    if (!sellsOrShares) {
      return false;
    }
    List<Identifier> ids = new ArrayList<>();
    if (record.subject().hasEmail()) {
      ids.add(Identifier.email(record.subject().email()));
    }
    if (record.subject().hasAccount()) {
      ids.add(Identifier.account(record.subject().accountId()));
    }
    Map<Preference, Boolean> allowed = preferences.check(ids);
    return allowed.get(Preference.SALE) || allowed.get(Preference.SHARING);
  }

  /** Task_RecordResponse: the substantive response is given; recipients may still be confirming. */
  public void recordResponse(DelegateExecution execution) {
    RequestId id = id(execution);
    Set<String> bases = new LinkedHashSet<>();
    for (DataSystem system : systems.map().systems()) {
      for (DeletionPlan.Rows rows : deletions.plan(id, system.id()).rows()) {
        if (rows.isKept()) {
          bases.add(EraseConsumerData.keptBecause(rows));
        }
      }
    }
    Instant now = clock.instant();
    Outcome outcome = bases.isEmpty() ? Outcome.FULFILLED : Outcome.PARTIAL;
    cases.respondKeepingInEffect(id, outcome, bases.isEmpty() ? null : "Kept under exceptions: " + String.join("; ", bases), now);
    cases.recordEvent(id, "RESPONDED", "outcome=" + outcome, now);
  }

  /** Task_RecordPropagated: every recipient confirmed (or an officer recorded it): the case is complete. */
  public void finish(DelegateExecution execution) {
    RequestId id = id(execution);
    cases.updateStatus(id, CaseStatus.COMPLETED);
    cases.recordEvent(id, "PROPAGATION_COMPLETE", null, clock.instant());
  }

  public void closeUnverified(DelegateExecution execution) {
    close(execution, DenialReason.UNVERIFIED, UNVERIFIED_BASIS);
  }

  public void closeDenied(DelegateExecution execution) {
    close(execution, DenialReason.OTHER, "Denied on review: " + execution.getVariable("reviewNote"));
  }

  private void close(DelegateExecution execution, DenialReason reason, String basis) {
    RequestId id = id(execution);
    Instant now = clock.instant();
    cases.completeWithTrailEntry(id, Outcome.DENIED, reason, basis, now);
  }

  private static String consumerErased(Table table, DeletionPlan.Rows rows) {
    List<String> labels = new ArrayList<>();
    for (String column : EraseConsumerData.erasedColumns(table, rows)) {
      labels.add(table.columns().get(column).labelOr(column));
    }
    return labels.isEmpty() ? "nothing else" : String.join(", ", labels);
  }

  private static String records(int n) {
    return n + (n == 1 ? " record" : " records");
  }

  private static RequestId id(DelegateExecution execution) {
    return new RequestId(execution.getProcessBusinessKey());
  }
}
