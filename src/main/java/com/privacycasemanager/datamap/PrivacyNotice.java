package com.privacycasemanager.datamap;

import com.privacycasemanager.datamap.DataMap.Business;
import com.privacycasemanager.datamap.DataMap.Column;
import com.privacycasemanager.datamap.DataMap.DataSystem;
import com.privacycasemanager.datamap.DataMap.Table;
import com.privacycasemanager.request.CcpaCategory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The privacy policy and notice at collection, generated from the data map (Civ. Code
 * §1798.100(a), §1798.130(a)(5); 11 CCR §7011): categories with examples, their sources, purposes
 * and retention, sold and shared separately from business-purpose disclosures, the rights and how
 * to exercise them, how authorized agents submit, how Global Privacy Control is honoured, and the
 * date last updated, and where the §7102 request metrics are published.
 */
public record PrivacyNotice(
    String business,
    LocalDate lastUpdated,
    List<CategoryEntry> categories,
    List<String> sources,
    List<String> purposes,
    List<Disclosure> soldTo,
    List<Disclosure> sharedWith,
    List<Disclosure> disclosedForBusinessPurpose,
    List<RightEntry> rights,
    List<String> requestMethods,
    String authorizedAgents,
    String globalPrivacyControl,
    String verification,
    String metrics,
    String nonDiscrimination,
    List<IncentiveEntry> financialIncentives) {

  /**
   * A financial incentive program: its name, summary, and where its Notice of Financial
   * Incentive is (§7016(c): the policy may link to it; §7011(e) names the incentives section).
   */
  public record IncentiveEntry(String id, String name, String summary, String noticeUrl) {}

  /** One category collected, as the notice states it. */
  public record CategoryEntry(
      CcpaCategory category,
      String label,
      boolean sensitive,
      List<String> examples,
      List<String> sources,
      List<String> purposes,
      List<String> retention,
      boolean soldOrShared) {}

  /** A recipient and the categories it receives. */
  public record Disclosure(String recipient, String kind, List<String> categories) {}

  /** A consumer right and how to exercise it. */
  public record RightEntry(String right, String description, List<String> howToExercise) {}

  public static PrivacyNotice of(DataMap map, Collection<Recipient> recipients, String publicBaseUrl) {
    Map<CcpaCategory, Acc> byCategory = new EnumMap<>(CcpaCategory.class);
    for (DataSystem system : map.systems()) {
      for (Table table : system.tables()) {
        List<String> sources = describe(table.sources(), map.sources().stream().map(s -> Map.entry(s.id(), s.description())).toList());
        List<String> purposes = describe(table.purposes(), map.purposes().stream().map(p -> Map.entry(p.id(), p.description())).toList());
        table.columns().forEach((name, column) -> {
          add(byCategory, column.category(), column, name, sources, purposes, table.retention());
          if (column.sensitive() && column.category() != CcpaCategory.SENSITIVE_PERSONAL_INFORMATION) {
            add(byCategory, CcpaCategory.SENSITIVE_PERSONAL_INFORMATION, column, name, sources, purposes, table.retention());
          }
        });
      }
    }
    List<Disclosure> sold = new ArrayList<>();
    List<Disclosure> shared = new ArrayList<>();
    List<Disclosure> business = new ArrayList<>();
    Set<CcpaCategory> soldOrShared = java.util.EnumSet.noneOf(CcpaCategory.class);
    for (Recipient r : recipients) {
      Disclosure d = new Disclosure(r.name(), r.kind().name().toLowerCase().replace('_', ' '),
          r.categories().stream().map(CcpaCategory::label).toList());
      switch (r.disclosure()) {
        case SOLD -> { sold.add(d); soldOrShared.addAll(r.categories()); }
        case SHARED -> { shared.add(d); soldOrShared.addAll(r.categories()); }
        case BUSINESS_PURPOSE -> business.add(d);
      }
    }
    List<CategoryEntry> categories = new ArrayList<>();
    byCategory.forEach((category, acc) -> categories.add(new CategoryEntry(category, category.label(),
        category == CcpaCategory.SENSITIVE_PERSONAL_INFORMATION, List.copyOf(acc.examples), List.copyOf(acc.sources),
        List.copyOf(acc.purposes), List.copyOf(acc.retention), soldOrShared.contains(category))));
    Business b = map.business();
    List<String> methods = new ArrayList<>();
    if (b.webForm() != null) {
      methods.add("Online: " + b.webForm());
    }
    if (b.tollFreeNumber() != null) {
      methods.add("Toll-free: " + b.tollFreeNumber());
    }
    if (b.email() != null) {
      methods.add("Email: " + b.email());
    }
    if (b.mailingAddress() != null) {
      methods.add("Mail: " + b.mailingAddress());
    }
    List<String> byPhoneOrEmail = b.byPhoneOrEmail();
    List<String> know = new ArrayList<>();
    know.add("Use our form: " + publicBaseUrl + "/privacy/know");
    know.addAll(byPhoneOrEmail);
    List<String> delete = new ArrayList<>();
    delete.add("Use our form: " + publicBaseUrl + "/privacy/delete");
    delete.addAll(byPhoneOrEmail);
    List<String> correct = new ArrayList<>();
    correct.add("Use our form: " + publicBaseUrl + "/privacy/correct");
    correct.addAll(byPhoneOrEmail);
    List<RightEntry> rights = new ArrayList<>(List.of(
        new RightEntry("Right to know", "Ask what personal information we collected about you, where it came from, why, and to whom we"
            + " disclosed it, and for the specific pieces (the 12 months before your request, or back to January 1, 2022 if you ask).", know),
        new RightEntry("Right to a portable copy", "Get your personal information in a machine-readable format you can take elsewhere.", know),
        new RightEntry("Right to delete", "Ask us to delete personal information we collected from you, subject to the exceptions in the law.",
            delete),
        new RightEntry("Right to correct", "Ask us to correct inaccurate personal information about you.", correct),
        new RightEntry("Right to opt out of sale and sharing", "Tell us not to sell your personal information or share it for"
            + " cross-context behavioural advertising.", List.of("Use " + publicBaseUrl + "/privacy/do-not-sell",
            "Turn on Global Privacy Control in your browser")),
        new RightEntry("Right to limit the use of sensitive personal information", "Tell us to use your sensitive personal information"
            + " only as the law permits without your consent.", List.of("Use " + publicBaseUrl + "/privacy/limit"))));
    boolean admt = !map.admt().isEmpty();
    if (admt) {
      // 11 CCR §7011(e): the ADMT rights, unless an exception replaces the opt-out
      List<String> admtWays = new ArrayList<>();
      admtWays.add("Read which decisions we make this way, and how, in our notice: " + publicBaseUrl + "/privacy/admt");
      admtWays.addAll(byPhoneOrEmail);
      if (map.admt().stream().anyMatch(AdmtUse::optOutOffered)) {
        rights.add(new RightEntry("Right to opt out of automated decisionmaking technology", "Tell us not to use automated"
            + " decisionmaking technology to make a significant decision about you; we then decide by the other process our notice"
            + " describes.", withFirst("Online, with the form at " + publicBaseUrl + PreUseNotice.OPT_OUT_FORM, admtWays)));
      }
      if (map.admt().stream().anyMatch(AdmtUse::appealOffered)) {
        rights.add(new RightEntry("Right to appeal an automated decision", "Where we do not offer the opt-out, ask a person who"
            + " can change the decision to review it, with anything you want them to consider.",
            withFirst("Online, with the form at " + publicBaseUrl + PreUseNotice.APPEAL_FORM, admtWays)));
      }
      rights.add(new RightEntry("Right to access information about automated decisionmaking", "Ask how we used automated"
          + " decisionmaking technology about you: for what purpose, how it works, what it produced about you and how we used that.",
          withFirst("Online, with the form at " + publicBaseUrl + PreUseNotice.ACCESS_FORM, admtWays)));
    }
    rights.add(new RightEntry("Right not to be discriminated against", "We do not deny goods or services, charge different prices, or give a"
            + " different quality of service because you exercised a right" + (admt ? "; this holds for job and school applicants,"
            + " students, employees and independent contractors too." : "."), List.of()));
    return new PrivacyNotice(
        b.name(),
        b.lastUpdated(),
        categories,
        map.sources().stream().map(DataMap.Source::description).toList(),
        map.purposes().stream().map(DataMap.Purpose::description).toList(),
        sold,
        shared,
        business,
        rights,
        methods,
        b.agentInstructions(),
        "We treat a Global Privacy Control signal (the Sec-GPC: 1 header) as a valid request to opt out of the sale and sharing of"
            + " personal information, for that browser and for you when we know who you are; the page shows \"Opt-Out Request Honored\"."
            + " We never opt you back in without your consent. See " + publicBaseUrl + "/.well-known/gpc.json.",
        "Before we answer a request to know, delete or correct, we check that it comes from you. For the categories of"
            + " information we hold, two details that match what we hold, or confirming the link we email you, are enough."
            + " Specific pieces of information need the confirmed email, three matching details and a signed declaration under"
            + " penalty of perjury. Details given for verification are used only for that and then deleted. Opt-outs and limits"
            + " need no verification."
            + (admt ? " A request to access information about automated decisionmaking is verified as a request for specific pieces"
                + " of information; an opt-out of automated decisionmaking needs none." : ""),
        // 11 CCR §7102(a)(2): the metrics are disclosed in the policy or on a page linked from it
        "How many requests we received each year and how we responded (11 CCR §7102): " + publicBaseUrl + "/privacy/metrics",
        "We will not discriminate against you for exercising any of these rights: we will not deny you goods or services,"
            + " charge you a different price or rate, give you a different level or quality of goods or services, or suggest that"
            + " we will, because you exercised a right (Civ. Code §1798.125(a)). A financial incentive or a price or service"
            + " difference is offered only when it is reasonably related to the value of your data, only after you opt in, and"
            + " you may withdraw at any time.",
        map.incentives().stream()
            .map(p -> new IncentiveEntry(p.id(), p.name(), p.summary(), publicBaseUrl + "/privacy/incentives/" + p.id()))
            .toList());
  }

  private static void add(Map<CcpaCategory, Acc> byCategory, CcpaCategory category, Column column, String name,
      List<String> sources, List<String> purposes, String retention) {
    Acc acc = byCategory.computeIfAbsent(category, k -> new Acc());
    acc.examples.add(column.labelOr(name));
    acc.sources.addAll(sources);
    acc.purposes.addAll(purposes);
    acc.retention.add(retention);
  }

  private static List<String> describe(List<String> ids, List<Map.Entry<String, String>> all) {
    return all.stream().filter(e -> ids.contains(e.getKey())).map(Map.Entry::getValue).toList();
  }

  private static final class Acc {
    final Set<String> examples = new LinkedHashSet<>();
    final Set<String> sources = new LinkedHashSet<>();
    final Set<String> purposes = new LinkedHashSet<>();
    final Set<String> retention = new LinkedHashSet<>();
  }

  private static List<String> withFirst(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
