package com.privacycasemanager.compliance;

import com.privacycasemanager.datamap.AdmtUse;
import com.privacycasemanager.datamap.IncentiveProgram;
import com.privacycasemanager.request.RequestGroup;
import com.privacycasemanager.datamap.DataMap;
import com.privacycasemanager.datamap.PreUseNotice;
import com.privacycasemanager.datamap.PrivacyNotice;
import com.privacycasemanager.datamap.Recipient;
import com.privacycasemanager.request.RequestType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The self-check's rules as plain functions of what they read, so each can be tested passing and
 * failing with constructed inputs; {@link ComplianceSelfCheck} reads the inputs from the running
 * application. Sources are {@code shared/ccpa-rules.md} sections.
 */
final class SelfChecks {

  /** §7102: the metrics duty starts at this many consumers in a calendar year. */
  static final long METRICS_THRESHOLD_CONSUMERS = 10_000_000L;
  /** §7101(a): records of requests are kept at least this long. */
  static final int MINIMUM_RECORD_MONTHS = 24;

  private static final EnumSet<RequestType> OPT_OUTS =
      EnumSet.of(RequestType.OPT_OUT_SALE, RequestType.OPT_OUT_SHARING, RequestType.OPT_OUT_ALL);

  private SelfChecks() {}

  static CheckResult processesDeployed(Collection<String> required, Set<String> deployed) {
    String citation = "Civ. Code §§1798.100–1798.121, §1798.130(a)(1)-(2)";
    List<String> missing = required.stream().filter(k -> !deployed.contains(k)).toList();
    if (missing.isEmpty()) {
      return CheckResult.pass("processes-deployed", "A process definition is deployed for every right: " + String.join(", ", required) + ".", citation);
    }
    return CheckResult.gap("processes-deployed",
        "No process definition deployed for: " + String.join(", ", missing) + ".",
        "Deploy the BPMN models in processes/ (camunda.bpm.deployment-resource-pattern) so every request type can be answered.",
        citation);
  }

  static CheckResult noticeUpdated(LocalDate lastUpdated, LocalDate today) {
    String citation = "Civ. Code §1798.130(a)(5); 11 CCR §7011 (date last updated)";
    if (lastUpdated == null) {
      return CheckResult.gap("notice-updated", "The data map gives no business.lastUpdated date.",
          "Review the privacy policy, then set business.lastUpdated in the data map to the review date.", citation);
    }
    LocalDate due = lastUpdated.plusMonths(12);
    if (today.isAfter(due)) {
      return CheckResult.gap("notice-updated", "The privacy policy was last updated " + lastUpdated + "; a review was due by " + due + ".",
          "Review and update the privacy policy (at least once every 12 months), then set business.lastUpdated in the data map.", citation);
    }
    return CheckResult.pass("notice-updated", "The privacy policy was last updated " + lastUpdated + "; the next update is due by " + due + ".", citation);
  }

  static CheckResult gpcHonoured(boolean filterActive, boolean wellKnownServed) {
    String citation = "11 CCR §7025; Civ. Code §1798.135(b)";
    if (filterActive && wellKnownServed) {
      return CheckResult.pass("gpc-honoured",
          "The Global Privacy Control filter is registered and /.well-known/gpc.json is served.", citation);
    }
    List<String> missing = new ArrayList<>();
    if (!filterActive) {
      missing.add("the GPC filter (preference.GlobalPrivacyControl) is not registered or is disabled");
    }
    if (!wellKnownServed) {
      missing.add("/.well-known/gpc.json is not served (preference.GpcWellKnownController missing)");
    }
    return CheckResult.gap("gpc-honoured", capitalise(String.join("; ", missing)) + ".",
        "Keep the preference package's GPC filter and its /.well-known/gpc.json resource active: a Sec-GPC: 1 signal must be treated as an opt-out of sale and sharing.",
        citation);
  }

  /**
   * Browsers' opt-out signals reach the recipients only through the batches: a signal still waiting
   * well past the batch period (by two polls and a minute) means no node seals them.
   */
  static CheckResult signalsBatched(long waiting, java.time.Instant oldestWaiting, java.time.Duration period,
      java.time.Duration poll, boolean scheduled, java.time.Instant now) {
    String citation = "11 CCR §7025(c)(1), §7026(f)";
    String schedule = "batches of opt-out signals are sealed every " + period.toMinutes() + " minutes at most";
    java.time.Instant late = oldestWaiting == null ? null : oldestWaiting.plus(period).plus(poll.multipliedBy(2)).plusSeconds(60);
    if (oldestWaiting == null || !late.isBefore(now)) {
      if (!scheduled) {
        return CheckResult.gap("signals-batched",
            "This node does not seal batches of opt-out signals (privacy.signals.batch.scheduled=false); "
                + (waiting == 0 ? "no signal waits now." : waiting + " signals wait, the oldest since " + oldestWaiting + "."),
            "Set privacy.signals.batch.scheduled=true on at least one node (every node may run it: one seals at a time), or recipients are never told of browsers' signals.",
            citation);
      }
      return CheckResult.pass("signals-batched", capitalise(schedule) + "; " + (waiting == 0 ? "no signal waits." : waiting + " signals wait, none late."), citation);
    }
    return CheckResult.gap("signals-batched",
        waiting + " opt-out signals have waited for a batch since " + oldestWaiting + ": their recipients have not been told.",
        "Check that a node seals batches (privacy.signals.batch.scheduled=true, the log line \"Sealed batch of opt-out signals\"), and that its database connection works; the 15 business days of these signals run from their receipt.",
        citation);
  }

  static CheckResult requestMethods(DataMap.Business business) {
    String citation = "Civ. Code §1798.130(a)(1); 11 CCR §7020(a)-(b)";
    if (business == null) {
      return CheckResult.gap("request-methods", "The data map has no business section.",
          "Describe the business's request methods in the data map's business section.", citation);
    }
    List<String> methods = new ArrayList<>();
    if (present(business.tollFreeNumber())) methods.add("toll-free number");
    if (present(business.email())) methods.add("email");
    if (present(business.webForm())) methods.add("web form");
    if (present(business.mailingAddress())) methods.add("mailing address");
    String found = methods.isEmpty() ? "No request method is named." : "Request methods: " + String.join(", ", methods) + ".";
    boolean tollFree = present(business.tollFreeNumber());
    if (tollFree && methods.size() >= 2) {
      return CheckResult.pass("request-methods", found, citation);
    }
    if (business.onlineOnly() && present(business.email())) {
      return CheckResult.pass("request-methods", found + " The business operates exclusively online, so an email address suffices.", citation);
    }
    String toDo = tollFree
        ? "Name a second request method (email, web form or mailing address) beside the toll-free number."
        : business.onlineOnly()
            ? "An exclusively online business must at least offer an email address: set business.email."
            : "Offer a toll-free telephone number (business.tollFreeNumber) and at least one other method, or set onlineOnly with an email address if the business operates exclusively online.";
    return CheckResult.gap("request-methods", found, toDo, citation);
  }

  static CheckResult retentionNamed(List<DataMap.DataSystem> systems) {
    String citation = "Civ. Code §1798.100(a)(3)";
    List<String> missing = new ArrayList<>();
    int tables = 0;
    for (DataMap.DataSystem system : systems) {
      for (DataMap.Table table : system.tables()) {
        tables++;
        if (!present(table.retention())) {
          missing.add(system.id() + "." + table.name());
        }
      }
    }
    if (missing.isEmpty()) {
      return CheckResult.pass("retention-named", "Every one of the data map's " + tables + " tables names its retention.", citation);
    }
    return CheckResult.gap("retention-named", "No retention named for: " + String.join(", ", missing) + ".",
        "Add a retention (the period, or the criteria used to set it) to each of these tables in the data map.", citation);
  }

  /**
   * Deletion and opt-outs must reach the recipients: with anything disclosed, some recipient must
   * receive DELETE; with anything sold or shared, each opt-out type must reach some recipient, and
   * each recipient it is sold or shared to must receive an opt-out.
   */
  static CheckResult recipientsPropagate(Collection<Recipient> recipients) {
    String citation = "Civ. Code §1798.105(c)(1), §1798.135(f); 11 CCR §7026(f)";
    if (recipients.isEmpty()) {
      return CheckResult.notApplicable("recipients-propagate",
          "The recipients registry is empty: the data map discloses personal information to no one, so nothing needs propagating.", citation);
    }
    List<String> gaps = new ArrayList<>();
    if (recipients.stream().noneMatch(r -> r.requestTypes().contains(RequestType.DELETE))) {
      gaps.add("no recipient receives DELETE");
    }
    boolean soldOrShared = recipients.stream().anyMatch(SelfChecks::soldOrShared);
    if (soldOrShared) {
      for (RequestType type : OPT_OUTS) {
        if (recipients.stream().noneMatch(r -> r.requestTypes().contains(type))) {
          gaps.add("no recipient receives " + type);
        }
      }
      Set<String> silent = new TreeSet<>();
      recipients.stream()
          .filter(SelfChecks::soldOrShared)
          .filter(r -> r.requestTypes().stream().noneMatch(OPT_OUTS::contains))
          .forEach(r -> silent.add(r.id() + " (" + r.disclosure() + ")"));
      if (!silent.isEmpty()) {
        gaps.add("sold or shared to, but never told of an opt-out: " + String.join(", ", silent));
      }
    }
    if (gaps.isEmpty()) {
      return CheckResult.pass("recipients-propagate",
          recipients.size() + " recipients registered; deletions" + (soldOrShared ? " and opt-outs" : "") + " reach them.", citation);
    }
    return CheckResult.gap("recipients-propagate", capitalise(String.join("; ", gaps)) + ".",
        "Add the missing request types to those recipients' requestTypes in the data map's recipients section.", citation);
  }

  /** The processes of the ADMT rights. */
  static final String ADMT_OPT_OUT = "admt-opt-out";
  static final String ADMT_ACCESS = "admt-access";
  static final String ADMT_APPEAL = "admt-appeal";

  /**
   * The ADMT rights (11 CCR §§7011(e), 7220–7222) for the data map's uses: every use is in the
   * Pre-use Notice with an opt-out, an appeal or the exception it relies on; the processes that
   * answer the opt-out, access and appeal requests are deployed; each appeal goes to a group with
   * at least one member who may overturn the decision; and the privacy policy states the rights.
   */
  static CheckResult admtRights(List<AdmtUse> uses, PreUseNotice notice, PrivacyNotice policy, Set<String> deployed,
      Map<String, Long> reviewerGroupMembers) {
    String citation = "11 CCR §§7011(e), 7220, 7221(a)-(b), 7222";
    if (uses.isEmpty()) {
      return CheckResult.notApplicable("admt-rights",
          "The data map declares no use of automated decisionmaking technology for a significant decision.", citation);
    }
    List<String> gaps = new ArrayList<>();
    for (AdmtUse use : uses) {
      Optional<PreUseNotice.Use> noticed = notice.uses().stream().filter(u -> u.id().equals(use.id())).findFirst();
      if (noticed.isEmpty()) {
        gaps.add("use '" + use.id() + "' is not in the Pre-use Notice");
      } else if (noticed.get().optOut() == null && noticed.get().appeal() == null && noticed.get().exception() == null) {
        gaps.add("the Pre-use Notice gives use '" + use.id() + "' neither an opt-out nor the exception relied on");
      }
      if (use.appealOffered() && reviewerGroupMembers.getOrDefault(use.exception().reviewerGroup(), 0L) == 0) {
        gaps.add("no one is in group '" + use.exception().reviewerGroup() + "', who may overturn the decisions of '" + use.id() + "'");
      }
    }
    boolean optOut = uses.stream().anyMatch(AdmtUse::optOutOffered);
    boolean appeal = uses.stream().anyMatch(AdmtUse::appealOffered);
    List<String> required = new ArrayList<>(List.of(ADMT_ACCESS));
    if (optOut) {
      required.add(ADMT_OPT_OUT);
    }
    if (appeal) {
      required.add(ADMT_APPEAL);
    }
    required.stream().filter(k -> !deployed.contains(k)).forEach(k -> gaps.add("process '" + k + "' is not deployed"));
    List<String> rights = policy.rights().stream().map(PrivacyNotice.RightEntry::right).toList();
    if (optOut && !rights.contains("Right to opt out of automated decisionmaking technology")) {
      gaps.add("the privacy policy does not state the right to opt out of automated decisionmaking technology");
    }
    if (appeal && !rights.contains("Right to appeal an automated decision")) {
      gaps.add("the privacy policy does not state the right to appeal an automated decision");
    }
    if (!rights.contains("Right to access information about automated decisionmaking")) {
      gaps.add("the privacy policy does not state the right to access information about automated decisionmaking");
    }
    if (gaps.isEmpty()) {
      return CheckResult.pass("admt-rights", uses.size() + " ADMT uses are in the Pre-use Notice" + (optOut ? ", with the opt-out" : "")
          + (appeal ? (optOut ? " or" : ", with") + " a human appeal" : "") + "; the requests to " + String.join(", ", required)
          + " are deployed and the privacy policy states the ADMT rights.", citation);
    }
    return CheckResult.gap("admt-rights", capitalise(String.join("; ", gaps)) + ".",
        "Keep the admt processes deployed, give each appeal's reviewer group members who may change the decision, and keep the"
            + " data map's admt section complete so the notice and the policy state every right.", citation);
  }

  /** The process of the request to withdraw from a financial incentive program. */
  static final String INCENTIVE_WITHDRAWAL = com.privacycasemanager.request.ProcessKeys.INCENTIVE_WITHDRAWAL;

  /**
   * Each financial incentive program may be offered only with a good-faith estimate of the value
   * of the consumer's data, calculated and documented by a §7081 method (§7080(b)), and its
   * incentive must be reasonably related to that value: an incentive worth more than the estimate
   * is flagged, and so is one whose worth is not stated.
   */
  static CheckResult incentiveValuation(List<IncentiveProgram> programs) {
    String citation = "Civ. Code §1798.125(b)(1); 11 CCR §§7016(d)(5), 7080(b), 7081";
    if (programs.isEmpty()) {
      return CheckResult.notApplicable("incentive-valuation",
          "The data map declares no financial incentive program or price or service difference.", citation);
    }
    List<String> gaps = new ArrayList<>();
    for (IncentiveProgram program : programs) {
      String p = "program '" + program.id() + "'";
      IncentiveProgram.Valuation valuation = program.valuation();
      if (valuation == null || valuation.estimate() == null) {
        gaps.add(p + " has no good-faith estimate of the value of the consumer's data (valuation.estimate), so it may not be offered");
      }
      if (valuation == null || valuation.method() == null) {
        gaps.add(p + " names no valuation method of 11 CCR §7081(a) (valuation.method), so it may not be offered");
      }
      if (valuation != null && valuation.method() != null && (valuation.inputs().isEmpty() || valuation.explanation() == null
          || valuation.explanation().isBlank())) {
        gaps.add(p + " does not document its calculation (valuation.inputs and valuation.explanation, §7081(a))");
      }
      java.math.BigDecimal worth = program.incentive() == null ? null : program.incentive().valuePerConsumer();
      if (worth == null) {
        gaps.add(p + " does not state what its incentive is worth to a consumer (incentive.valuePerConsumer), so it cannot be compared with the value of the data");
      } else if (valuation != null && valuation.estimate() != null && worth.compareTo(valuation.estimate()) > 0) {
        gaps.add(p + "'s incentive ($" + worth.setScale(2, java.math.RoundingMode.HALF_UP) + ") is larger than the estimated value of the consumer's data ($"
            + valuation.estimate().setScale(2, java.math.RoundingMode.HALF_UP) + ")");
      }
    }
    if (gaps.isEmpty()) {
      return CheckResult.pass("incentive-valuation", programs.size() + (programs.size() == 1 ? " program states" : " programs state")
          + " a documented good-faith estimate of the value of the consumer's data, by a §7081 method, at least what its incentive is worth.",
          citation);
    }
    return CheckResult.gap("incentive-valuation", capitalise(String.join("; ", gaps)) + ".",
        "Estimate the value of the consumer's data by one of the §7081(a) methods, document the inputs and the calculation in"
            + " the data map's valuation, and offer no incentive larger than that value; until then do not offer the program.",
        citation);
  }

  /**
   * No consumer is refused, charged differently or given a different level of service for
   * exercising a right (§1798.125(a)(1)): each program says what happens to an enrolment when its
   * member exercises each right the business answers, and ends it only where the rule allows (a
   * deletion of the data the program needs, §7080(d); an opt-out of the sale or sharing the
   * opt-in consents to, §7025(c)(4)); the withdrawal is deployed, and the policy states the right.
   */
  static CheckResult nonDiscrimination(List<IncentiveProgram> programs, boolean admt, Set<String> deployed, PrivacyNotice policy) {
    String citation = "Civ. Code §1798.125(a)-(b); 11 CCR §§7080, 7025(c)(4)";
    if (programs.isEmpty()) {
      return CheckResult.notApplicable("non-discrimination",
          "The data map declares no financial incentive program; no right changes any price or service.", citation);
    }
    List<RequestGroup> rights = new ArrayList<>(List.of(RequestGroup.KNOW, RequestGroup.DELETE, RequestGroup.CORRECT,
        RequestGroup.OPT_OUT, RequestGroup.LIMIT));
    if (admt) {
      rights.add(RequestGroup.ADMT_OPT_OUT);
      rights.add(RequestGroup.ADMT_ACCESS);
    }
    List<String> gaps = new ArrayList<>();
    for (IncentiveProgram program : programs) {
      String p = "program '" + program.id() + "'";
      List<String> unsaid = rights.stream().filter(r -> !program.rightsEffects().containsKey(r)).map(r -> r.name()).toList();
      if (!unsaid.isEmpty()) {
        gaps.add(p + " does not say what happens to an enrolment when its member exercises " + String.join(", ", unsaid) + " (rightsEffects)");
      }
      program.rightsEffects().forEach((right, effect) -> {
        boolean allowed = switch (effect) {
          case UNCHANGED -> true;
          case ENDS_WITH_DATA -> right == RequestGroup.DELETE;
          case ENDS -> right == RequestGroup.OPT_OUT && program.restsOnSaleOrSharing();
        };
        if (!allowed) {
          gaps.add(p + " " + (effect == IncentiveProgram.RightEffect.ENDS ? "ends" : "ends with the data") + " an enrolment when its member exercises "
              + right.name() + ", which treats the consumer differently for exercising a right"
              + (right == RequestGroup.OPT_OUT ? " (its opt-in does not consent to sale or sharing)" : ""));
        }
      });
    }
    if (!deployed.contains(INCENTIVE_WITHDRAWAL)) {
      gaps.add("process '" + INCENTIVE_WITHDRAWAL + "' is not deployed: members cannot withdraw");
    }
    if (policy.nonDiscrimination() == null || policy.nonDiscrimination().isBlank() || policy.financialIncentives().size() != programs.size()) {
      gaps.add("the privacy policy does not state the right to non-discrimination with every program's notice");
    }
    if (gaps.isEmpty()) {
      return CheckResult.pass("non-discrimination", "Every program says what each right does to an enrolment, and none ends or"
          + " changes it for a right the rule protects; withdrawal is deployed and the privacy policy links every notice.", citation);
    }
    return CheckResult.gap("non-discrimination", capitalise(String.join("; ", gaps)) + ".",
        "Declare each program's rightsEffects in the data map and change the program's terms so that exercising a right keeps"
            + " the enrolment and its price, except a deletion of data the program needs or an opt-out of the sale or sharing its"
            + " opt-in consents to; keep the withdrawal deployed.", citation);
  }

  static CheckResult recordRetention(int months) {
    String citation = "11 CCR §7101(a)";
    if (months >= MINIMUM_RECORD_MONTHS) {
      return CheckResult.pass("record-retention", "Request records are kept " + months + " months.", citation);
    }
    return CheckResult.gap("record-retention", "Request records are kept only " + months + " months.",
        "Set privacy.records.retention-months to at least 24.", citation);
  }

  /**
   * §7102 metrics. Kept simple on purpose: the threshold is read from configuration and
   * "published" means the privacy policy links the previous year's metrics (true once July 1 has
   * passed and they are up).
   */
  static CheckResult metricsPublished(Long consumersPerYear, boolean published, LocalDate today) {
    String citation = "11 CCR §7102(a); §7011 (metrics or a link in the privacy policy)";
    if (consumersPerYear == null) {
      return CheckResult.notApplicable("metrics-published",
          "privacy.business.consumers-per-year is not set; assumed below 10,000,000. Set it so this check can tell.", citation);
    }
    if (consumersPerYear < METRICS_THRESHOLD_CONSUMERS) {
      return CheckResult.notApplicable("metrics-published",
          String.format("%,d consumers a year, below the 10,000,000 threshold.", consumersPerYear), citation);
    }
    LocalDate deadline = LocalDate.of(today.getYear(), 7, 1);
    String year = String.valueOf(today.isBefore(deadline) ? today.getYear() - 2 : today.getYear() - 1);
    if (published) {
      return CheckResult.pass("metrics-published",
          String.format("%,d consumers a year; the privacy policy links the metrics (privacy.metrics.published).", consumersPerYear), citation);
    }
    return CheckResult.gap("metrics-published",
        String.format("%,d consumers a year, at or over 10,000,000, and privacy.metrics.published is false.", consumersPerYear),
        "Publish the " + year + " metrics (GET /api/privacy/metrics/" + year + ") in or linked from the privacy policy by July 1, then set privacy.metrics.published: true.",
        citation);
  }

  static CheckResult noOverdueCases(List<String> overdueRequestIds, long overdueCount) {
    String citation = "Civ. Code §1798.130(a)(2); 11 CCR §7021, §7026(f), §7027(g)";
    if (overdueCount == 0) {
      return CheckResult.pass("no-overdue-cases", "No open case is past its (possibly extended) due date.", citation);
    }
    String shown = String.join(", ", overdueRequestIds) + (overdueCount > overdueRequestIds.size() ? ", …" : "");
    return CheckResult.gap("no-overdue-cases", overdueCount + " open case" + (overdueCount == 1 ? " is" : "s are") + " past due: " + shown + ".",
        "Answer these requests now (Tasklist filter \"Privacy officer tasks\", Resolve overdue response).", citation);
  }

  private static boolean soldOrShared(Recipient r) {
    return r.disclosure() == Recipient.Disclosure.SOLD || r.disclosure() == Recipient.Disclosure.SHARED;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
