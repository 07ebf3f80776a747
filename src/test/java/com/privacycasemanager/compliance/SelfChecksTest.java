package com.privacycasemanager.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.datamap.DataMap;
import com.privacycasemanager.datamap.Recipient;
import com.privacycasemanager.datamap.RecipientKind;
import com.privacycasemanager.request.RequestType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each self-check passing and failing on constructed inputs, and the score. */
class SelfChecksTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

  @Test
  void processesPassWhenEveryRightIsDeployedAndNameTheMissingOnes() {
    Set<String> all = Set.copyOf(ComplianceSelfCheck.RIGHTS_PROCESSES);
    assertThat(SelfChecks.processesDeployed(ComplianceSelfCheck.RIGHTS_PROCESSES, all).passed()).isTrue();

    CheckResult missing = SelfChecks.processesDeployed(ComplianceSelfCheck.RIGHTS_PROCESSES, Set.of("right-to-know", "opt-out", "limit-sensitive"));
    assertThat(missing.isGap()).isTrue();
    assertThat(missing.found()).contains("right-to-delete", "right-to-correct").doesNotContain("right-to-know");
    assertThat(missing.citation()).isNotBlank();
  }

  @Test
  void theAdmtRightsNeedTheirProcessesAReviewerWhoMayOverturnAndThePolicy() {
    DataMap map = com.privacycasemanager.datamap.AdmtMapTest.shippedMap();
    var notice = com.privacycasemanager.datamap.PreUseNotice.of(map, "https://shop.example");
    var policy = com.privacycasemanager.datamap.PrivacyNotice.of(map, List.of(), "https://shop.example");
    Set<String> all = Set.of(SelfChecks.ADMT_OPT_OUT, SelfChecks.ADMT_ACCESS, SelfChecks.ADMT_APPEAL);

    CheckResult pass = SelfChecks.admtRights(map.admt(), notice, policy, all, Map.of("credit-reviewers", 2L));
    assertThat(pass.passed()).as(pass.found()).isTrue();
    assertThat(pass.found()).contains("2 ADMT uses").contains("opt-out").contains("human appeal");

    CheckResult noAppeal = SelfChecks.admtRights(map.admt(), notice, policy, Set.of(SelfChecks.ADMT_OPT_OUT, SelfChecks.ADMT_ACCESS),
        Map.of("credit-reviewers", 0L));
    assertThat(noAppeal.isGap()).isTrue();
    assertThat(noAppeal.found()).contains("process 'admt-appeal' is not deployed")
        .contains("No one is in group 'credit-reviewers', who may overturn the decisions of 'credit-line'");

    var policyWithoutAdmt = com.privacycasemanager.datamap.PrivacyNotice.of(
        com.privacycasemanager.datamap.AdmtMapTest.load(com.privacycasemanager.datamap.AdmtMapTest.HEAD.substring(0,
            com.privacycasemanager.datamap.AdmtMapTest.HEAD.indexOf("admt:")) + "admt: []\n"), List.of(), "https://shop.example");
    CheckResult silentPolicy = SelfChecks.admtRights(map.admt(), notice, policyWithoutAdmt, all, Map.of("credit-reviewers", 1L));
    assertThat(silentPolicy.found()).contains("does not state the right to opt out of automated decisionmaking technology")
        .contains("does not state the right to appeal").contains("does not state the right to access");

    var none = SelfChecks.admtRights(List.of(), notice, policy, Set.of(), Map.of());
    assertThat(none.applicable()).isFalse();
    assertThat(none.isGap()).isFalse();
  }

  @Test
  void theNoticeMustBeUpdatedWithinTwelveMonths() {
    assertThat(SelfChecks.noticeUpdated(LocalDate.of(2025, 12, 1), TODAY).passed()).isTrue();
    CheckResult stale = SelfChecks.noticeUpdated(LocalDate.of(2025, 11, 30), TODAY);
    assertThat(stale.isGap()).isTrue();
    assertThat(stale.found()).contains("2025-11-30", "2026-11-30");
    assertThat(stale.citation()).contains("1798.130(a)(5)");
    assertThat(SelfChecks.noticeUpdated(null, TODAY).isGap()).isTrue();
  }

  @Test
  void gpcNeedsTheFilterAndTheWellKnownResource() {
    assertThat(SelfChecks.gpcHonoured(true, true).passed()).isTrue();
    assertThat(SelfChecks.gpcHonoured(false, true).found()).contains("filter");
    assertThat(SelfChecks.gpcHonoured(true, false).found()).contains("gpc.json");
    assertThat(SelfChecks.gpcHonoured(false, false).isGap()).isTrue();
  }

  @Test
  void signalsMustNotWaitForABatchPastThePeriod() {
    java.time.Instant now = java.time.Instant.parse("2026-12-03T18:00:00Z");
    java.time.Duration period = java.time.Duration.ofMinutes(15);
    java.time.Duration poll = java.time.Duration.ofSeconds(30);
    assertThat(SelfChecks.signalsBatched(0, null, period, poll, true, now).passed()).isTrue();
    // 15 minutes, two polls and a minute of grace: 17 minutes of waiting is still on time
    assertThat(SelfChecks.signalsBatched(40, now.minusSeconds(17 * 60), period, poll, true, now).passed()).isTrue();
    CheckResult late = SelfChecks.signalsBatched(40, now.minusSeconds(17 * 60 + 1), period, poll, true, now);
    assertThat(late.isGap()).isTrue();
    assertThat(late.found()).contains("40 opt-out signals").contains("2026-12-03T17:42:59Z");
    CheckResult off = SelfChecks.signalsBatched(0, null, period, poll, false, now);
    assertThat(off.isGap()).isTrue();
    assertThat(off.toDo()).contains("privacy.signals.batch.scheduled=true");
  }

  @Test
  void requestMethodsNeedATollFreeNumberAndAnotherOrTheOnlineOnlyEmail() {
    assertThat(SelfChecks.requestMethods(business("1-800-555-0142", "privacy@example.com", null, null, false)).passed()).isTrue();
    assertThat(SelfChecks.requestMethods(business("1-800-555-0142", null, null, "100 Market St", false)).passed()).isTrue();

    CheckResult tollFreeAlone = SelfChecks.requestMethods(business("1-800-555-0142", null, null, null, false));
    assertThat(tollFreeAlone.isGap()).isTrue();
    assertThat(tollFreeAlone.toDo()).contains("second request method");

    CheckResult noTollFree = SelfChecks.requestMethods(business(null, "privacy@example.com", "https://x.example/privacy/know", null, false));
    assertThat(noTollFree.isGap()).isTrue();
    assertThat(noTollFree.toDo()).contains("toll-free");

    assertThat(SelfChecks.requestMethods(business(null, "privacy@example.com", null, null, true)).passed()).isTrue();
    assertThat(SelfChecks.requestMethods(business(null, null, "https://x.example/form", null, true)).isGap()).isTrue();
    assertThat(SelfChecks.requestMethods(null).isGap()).isTrue();
  }

  @Test
  void everyTableNamesItsRetention() {
    DataMap.DataSystem named = system("shop", table("customers", "3 years"), table("orders", "7 years"));
    assertThat(SelfChecks.retentionNamed(List.of(named)).passed()).isTrue();

    DataMap.DataSystem gaps = system("marketing", table("subscribers", "30 days"), table("events", null), table("clicks", " "));
    CheckResult result = SelfChecks.retentionNamed(List.of(named, gaps));
    assertThat(result.isGap()).isTrue();
    assertThat(result.found()).contains("marketing.events", "marketing.clicks").doesNotContain("subscribers", "shop.");
  }

  @Test
  void recipientsMustReceiveDeletionsAndEveryOptOutWhenAnythingIsSoldOrShared() {
    Recipient adNetwork = recipient("ad", RecipientKind.THIRD_PARTY, Recipient.Disclosure.SHARED,
        RequestType.OPT_OUT_SALE, RequestType.OPT_OUT_SHARING, RequestType.OPT_OUT_ALL, RequestType.DELETE);
    Recipient processor = recipient("crm", RecipientKind.SERVICE_PROVIDER, Recipient.Disclosure.BUSINESS_PURPOSE, RequestType.CORRECT);
    assertThat(SelfChecks.recipientsPropagate(List.of(adNetwork, processor)).passed()).isTrue();

    // a business-purpose recipient only: deletion must reach it, opt-outs need no recipient
    Recipient deletes = recipient("hosting", RecipientKind.SERVICE_PROVIDER, Recipient.Disclosure.BUSINESS_PURPOSE, RequestType.DELETE);
    assertThat(SelfChecks.recipientsPropagate(List.of(deletes)).passed()).isTrue();
    assertThat(SelfChecks.recipientsPropagate(List.of(processor)).found()).isEqualTo("No recipient receives DELETE.");

    Recipient broker = recipient("broker", RecipientKind.THIRD_PARTY, Recipient.Disclosure.SOLD, RequestType.CORRECT, RequestType.DELETE);
    CheckResult silentBroker = SelfChecks.recipientsPropagate(List.of(broker));
    assertThat(silentBroker.isGap()).isTrue();
    assertThat(silentBroker.found()).contains("No recipient receives OPT_OUT_SALE", "no recipient receives OPT_OUT_SHARING", "broker (SOLD)");

    CheckResult oneSilent = SelfChecks.recipientsPropagate(List.of(adNetwork, broker));
    assertThat(oneSilent.isGap()).isTrue();
    assertThat(oneSilent.found()).contains("broker (SOLD)").doesNotContainIgnoringCase("no recipient receives");

    CheckResult none = SelfChecks.recipientsPropagate(List.of());
    assertThat(none.applicable()).isFalse();
  }

  @Test
  void recordsAreKeptAtLeast24Months() {
    assertThat(SelfChecks.recordRetention(24).passed()).isTrue();
    assertThat(SelfChecks.recordRetention(36).passed()).isTrue();
    CheckResult short23 = SelfChecks.recordRetention(23);
    assertThat(short23.isGap()).isTrue();
    assertThat(short23.toDo()).contains("privacy.records.retention-months");
  }

  @Test
  void metricsMustBePublishedOnlyFromTenMillionConsumers() {
    assertThat(SelfChecks.metricsPublished(null, false, TODAY).applicable()).isFalse();
    assertThat(SelfChecks.metricsPublished(9_999_999L, false, TODAY).applicable()).isFalse();
    CheckResult unpublished = SelfChecks.metricsPublished(10_000_000L, false, TODAY);
    assertThat(unpublished.isGap()).isTrue();
    // after July 1, 2026 the 2025 metrics are due; before it, the 2024 ones still are
    assertThat(unpublished.toDo()).contains("/api/privacy/metrics/2025");
    assertThat(SelfChecks.metricsPublished(10_000_000L, false, LocalDate.of(2026, 6, 30)).toDo()).contains("2024");
    assertThat(SelfChecks.metricsPublished(10_000_000L, true, TODAY).passed()).isTrue();
  }

  @Test
  void overdueCasesAreNamedByRequestId() {
    assertThat(SelfChecks.noOverdueCases(List.of(), 0).passed()).isTrue();
    CheckResult overdue = SelfChecks.noOverdueCases(List.of("CCPA-20261001-0000ABCD"), 1);
    assertThat(overdue.isGap()).isTrue();
    assertThat(overdue.found()).isEqualTo("1 open case is past due: CCPA-20261001-0000ABCD.");
    assertThat(SelfChecks.noOverdueCases(List.of("CCPA-20261001-0000ABCD"), 12).found()).startsWith("12 open cases").endsWith(", ….");
  }

  @Test
  void theScoreIsPassedOverApplicableRoundedDown() {
    CheckResult pass = CheckResult.pass("a", "", "");
    CheckResult gap = CheckResult.gap("b", "", "", "");
    CheckResult notApplicable = CheckResult.notApplicable("c", "", "");
    ComplianceReport twoOfThree = ComplianceReport.of(Instant.EPOCH, List.of(pass, pass, gap, notApplicable));
    assertThat(twoOfThree.applicable()).isEqualTo(3);
    assertThat(twoOfThree.passed()).isEqualTo(2);
    assertThat(twoOfThree.score()).isEqualTo(66);

    List<CheckResult> many = new java.util.ArrayList<>(java.util.Collections.nCopies(199, pass));
    many.add(gap);
    assertThat(ComplianceReport.of(Instant.EPOCH, many).score()).isEqualTo(99);
    assertThat(ComplianceReport.of(Instant.EPOCH, List.of(pass, notApplicable)).score()).isEqualTo(100);
  }

  private static DataMap.Business business(String tollFree, String email, String webForm, String mail, boolean onlineOnly) {
    return new DataMap.Business("Test", TODAY, email, tollFree, webForm, mail, onlineOnly, null);
  }

  private static DataMap.DataSystem system(String id, DataMap.Table... tables) {
    return new DataMap.DataSystem(id, id, null, List.of(tables));
  }

  private static DataMap.Table table(String name, String retention) {
    return new DataMap.Table(name, "id", Map.of(), null, null, retention, List.of(), List.of(), Map.of(), List.of());
  }

  private static Recipient recipient(String id, RecipientKind kind, Recipient.Disclosure disclosure, RequestType... types) {
    EnumSet<RequestType> set = EnumSet.noneOf(RequestType.class);
    set.addAll(List.of(types));
    return new Recipient(id, id, kind, set, null, null, Recipient.Acknowledgement.ON_DELIVERY, null, disclosure, Set.of());
  }
}
