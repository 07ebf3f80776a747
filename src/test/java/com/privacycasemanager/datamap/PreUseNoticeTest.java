package com.privacycasemanager.datamap;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.datamap.PreUseNotice.Use;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;

/** The Pre-use Notice (11 CCR §7220) and the policy's ADMT rights (§7011(e)), generated from the data map, field by field. */
class PreUseNoticeTest {

  static final String BASE = "https://shop.example";

  @Test
  void theDemoMapsPayLaterUseIsNoticedWithEveryElementOfTheRule() {
    DataMap map = AdmtMapTest.shippedMap();
    AdmtUse source = map.admtUse("pay-later").orElseThrow();
    PreUseNotice notice = PreUseNotice.of(map, BASE);

    assertThat(notice.business()).isEqualTo("Example Shop");
    assertThat(notice.lastUpdated()).isEqualTo(map.business().lastUpdated());
    assertThat(notice.uses()).extracting(Use::id).containsExactly("pay-later", "credit-line");
    Use appealed = notice.uses().get(1);
    assertThat(appealed.optOut()).isNull();
    assertThat(appealed.appeal().howToSubmit()).first().isEqualTo("Online, with the form at " + BASE + "/privacy/admt/appeal?use=credit-line");
    Use use = notice.uses().get(0);
    assertThat(use.id()).isEqualTo("pay-later");
    assertThat(use.name()).isEqualTo("Pay-later financing eligibility");
    assertThat(use.significantDecision()).isEqualTo("financial or lending services");
    // (c)(1) the specific purpose
    assertThat(use.purpose()).isEqualTo(source.purpose()).contains("four instalments");
    // (c)(2) the opt-out, titled as §7221(c)(1) asks, and how to submit it
    assertThat(use.optOut().title()).isEqualTo("Opt-out of Automated Decisionmaking Technology");
    assertThat(use.optOut().link()).isEqualTo(BASE + "/privacy/admt/opt-out?use=pay-later");
    assertThat(use.optOut().howToSubmit())
        .containsExactly("Online, with the form at " + BASE + "/privacy/admt/opt-out?use=pay-later", "Call 1-800-555-0142", "Email privacy@shop.example");
    assertThat(use.appeal()).isNull();
    assertThat(use.exception()).isNull();
    // (c)(3) access
    assertThat(use.access()).containsExactly("Online, with the form at " + BASE + "/privacy/admt/access", "Call 1-800-555-0142", "Email privacy@shop.example");
    // (c)(5) how it works
    assertThat(use.howItWorks().logic()).isEqualTo(source.logic()).contains("score from 300 to 900");
    assertThat(use.howItWorks().parameters()).containsExactly(
        com.privacycasemanager.request.CcpaCategory.IDENTIFIERS.label(),
        com.privacycasemanager.request.CcpaCategory.COMMERCIAL_INFORMATION.label(),
        com.privacycasemanager.request.CcpaCategory.INFERENCES.label());
    assertThat(use.howItWorks().outputType()).isEqualTo(source.output().type());
    assertThat(use.howItWorks().outputUse()).isEqualTo(source.output().use());
    assertThat(use.howItWorks().humanRole()).isEqualTo(source.humanRole());
    assertThat(use.howItWorks().alternative()).isEqualTo(source.alternative()).contains("credit team");
    // (c)(4) non-retaliation, and the rights section of the policy (not its top)
    assertThat(notice.nonRetaliation()).contains("will not retaliate").contains("employees");
    assertThat(notice.rightsSection()).isEqualTo(BASE + "/privacy#rights");
  }

  @Test
  void anExceptionReplacesTheOptOutWithTheAppealOrItsName() {
    PreUseNotice appeal = PreUseNotice.of(map("exception: {basis: HUMAN_APPEAL, reviewerGroup: credit-reviewers,"
        + " howToAppeal: Write to us within 30 days and a credit officer reviews the decision.}"), BASE);
    Use use = appeal.uses().get(0);
    assertThat(use.optOut()).isNull();
    assertThat(use.appeal().howToAppeal()).isEqualTo("Write to us within 30 days and a credit officer reviews the decision.");
    assertThat(use.exception()).contains("a human appeal of the decision");
    assertThat(use.howItWorks().alternative()).isNull();

    Use hiring = PreUseNotice.of(map("exception: {basis: ADMISSION_HIRING}"), BASE).uses().get(0);
    assertThat(hiring.optOut()).isNull();
    assertThat(hiring.appeal()).isNull();
    assertThat(hiring.exception()).isEqualTo("We do not offer an opt-out of this use because we rely on the exception for admission,"
        + " acceptance or hiring decisions (11 CCR §7221(b)).");
  }

  @Test
  void thePolicyStatesTheAdmtRightsOnlyWhenTheMapHasAUse() {
    PrivacyNotice policy = PrivacyNotice.of(AdmtMapTest.shippedMap(), List.of(), BASE);
    assertThat(policy.rights()).extracting(PrivacyNotice.RightEntry::right).contains(
        "Right to opt out of automated decisionmaking technology", "Right to access information about automated decisionmaking")
        .contains("Right to appeal an automated decision")
        .last().isEqualTo("Right not to be discriminated against");
    assertThat(policy.rights().stream().filter(r -> r.right().startsWith("Right to opt out of automated")).findFirst().orElseThrow()
        .howToExercise()).startsWith("Online, with the form at " + BASE + "/privacy/admt/opt-out").anyMatch(w -> w.endsWith(BASE + "/privacy/admt"));
    assertThat(policy.rights().get(policy.rights().size() - 1).description()).contains("employees and independent contractors");
    assertThat(policy.verification()).contains("automated decisionmaking");

    PrivacyNotice appeal = PrivacyNotice.of(map("exception: {basis: HUMAN_APPEAL, reviewerGroup: r, howToAppeal: Write to us.}"), List.of(), BASE);
    assertThat(appeal.rights()).extracting(PrivacyNotice.RightEntry::right)
        .contains("Right to appeal an automated decision").doesNotContain("Right to opt out of automated decisionmaking technology");

    PrivacyNotice none = PrivacyNotice.of(map(null), List.of(), BASE);
    assertThat(none.rights()).extracting(PrivacyNotice.RightEntry::right).noneMatch(r -> r.contains("automated"));
    assertThat(none.verification()).doesNotContain("automated");
    assertThat(PreUseNotice.of(map(null), BASE).uses()).isEmpty();
  }

  /** A small map with one use ({@code exception} its exception line, or no use at all for null). */
  private static DataMap map(String exception) {
    String yaml = AdmtMapTest.HEAD + "    outputs: {system: shop, table: decisions, time: decided_at}\n"
        + (exception == null ? "" : "    " + exception + "\n")
        + (exception == null || !exception.contains("HUMAN") && !exception.contains("ADMISSION") ? "    alternative: A person decides.\n" : "");
    if (exception == null) {
      yaml = yaml.substring(0, yaml.indexOf("admt:")) + "admt: []\n";
    }
    return DataMapLoader.load(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)), "m.yml", s -> s);
  }
}
