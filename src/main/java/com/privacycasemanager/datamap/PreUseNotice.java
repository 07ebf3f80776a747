package com.privacycasemanager.datamap;

import com.privacycasemanager.datamap.DataMap.Business;
import com.privacycasemanager.request.CcpaCategory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The Pre-use Notice (11 CCR §7220), one consolidated notice for every ADMT use of the data map
 * (§7220(e)): per use its specific purpose, the right to opt out and how (or, where the
 * human-appeal exception is relied on, how to appeal; for another exception, which one), the
 * right to access ADMT and how, and how the technology works — the logic, the categories of
 * personal information that affect its output, the type of output and how it is used, the
 * human's part and the alternative process for those who opt out — with the non-retaliation
 * statement and a link to the rights section of the privacy policy. Generated from the map, so it
 * says what the map says.
 */
public record PreUseNotice(
    String business,
    LocalDate lastUpdated,
    List<Use> uses,
    String nonRetaliation,
    String rightsSection) {

  /** The title the opt-out link and form carry (§7221(c)(1)). */
  public static final String OPT_OUT_TITLE = "Opt-out of Automated Decisionmaking Technology";

  /** The non-retaliation statement of the notice (§7220(c)(4)) and of the access answer (§7222(b)(4)). */
  public static final String NON_RETALIATION =
      "We will not retaliate against you for exercising any of your privacy rights, including opting out of or asking about"
          + " our use of automated decisionmaking technology; this holds for job and school applicants, students, employees and"
          + " independent contractors too.";

  /** The path of the appeal form. */
  public static final String APPEAL_FORM = "/privacy/admt/appeal";

  /** The path of the access request form. */
  public static final String ACCESS_FORM = "/privacy/admt/access";

  /** The path of the interactive opt-out form. */
  public static final String OPT_OUT_FORM = "/privacy/admt/opt-out";

  /** One ADMT use as the notice states it. */
  public record Use(
      String id,
      String name,
      String significantDecision,
      String purpose,
      OptOut optOut,
      Appeal appeal,
      String exception,
      List<String> access,
      HowItWorks howItWorks) {}

  /**
   * The right to opt out of this use and how to submit it; absent when an exception is relied on.
   * {@code link} is the interactive form (§7221(c)(1)), with this use chosen.
   */
  public record OptOut(String title, String link, List<String> howToSubmit) {}

  /** Where the human-appeal exception is relied on: how to appeal the decision (§7220(c)(2)(A)). */
  public record Appeal(String howToAppeal, List<String> howToSubmit) {}

  /** §7220(c)(5): the logic and the categories that affect the output, the output and its use, the people, the alternative. */
  public record HowItWorks(
      String logic,
      List<String> parameters,
      String outputType,
      String outputUse,
      String humanRole,
      String alternative) {}

  public static PreUseNotice of(DataMap map, String publicBaseUrl) {
    Business b = map.business();
    List<String> byPhoneOrEmail = b.byPhoneOrEmail();
    List<Use> uses = new ArrayList<>();
    List<String> accessMethods = new ArrayList<>();
    accessMethods.add("Online, with the form at " + publicBaseUrl + ACCESS_FORM);
    accessMethods.addAll(byPhoneOrEmail);
    for (AdmtUse use : map.admt()) {
      String form = publicBaseUrl + OPT_OUT_FORM + "?use=" + use.id();
      List<String> optOutMethods = new ArrayList<>();
      optOutMethods.add("Online, with the form at " + form);
      optOutMethods.addAll(byPhoneOrEmail);
      OptOut optOut = use.optOutOffered() ? new OptOut(OPT_OUT_TITLE, form, optOutMethods) : null;
      List<String> appealMethods = new ArrayList<>();
      appealMethods.add("Online, with the form at " + publicBaseUrl + APPEAL_FORM + "?use=" + use.id());
      appealMethods.addAll(byPhoneOrEmail);
      Appeal appeal = use.appealOffered() ? new Appeal(use.exception().howToAppeal(), appealMethods) : null;
      String exception = use.exception() == null ? null
          : "We do not offer an opt-out of this use because we rely on the exception for " + use.exception().basis().label()
              + " (11 CCR §7221(b)).";
      uses.add(new Use(
          use.id(),
          use.name(),
          use.decision().label(),
          use.purpose(),
          optOut,
          appeal,
          exception,
          accessMethods,
          new HowItWorks(
              use.logic(),
              use.parameters().stream().map(CcpaCategory::label).toList(),
              use.output().type(),
              use.output().use(),
              use.humanRole(),
              use.alternative())));
    }
    return new PreUseNotice(
        b.name(),
        b.lastUpdated(),
        uses,
        NON_RETALIATION,
        publicBaseUrl + "/privacy#rights");
  }
}
