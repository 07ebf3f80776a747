package com.privacycasemanager.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.correction.CorrectionRepository;
import com.privacycasemanager.engine.Groups;
import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.records.AuditVerifier;
import com.privacycasemanager.records.MetricsService;
import com.privacycasemanager.records.YearMetrics;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.Preference;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.support.DemoOfficeTestSupport;
import com.privacycasemanager.verification.VerificationRepository;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo office the embedded default seeds on its first start, as Tasklist, the dashboard and
 * the metrics see it: each case found by its receipt time (10:00 in California, a whole number of
 * days before {@link #SEEDED_AT}), its open tasks by BPMN id and candidate group, and the due
 * dates of its timers as the response clock computed them from that receipt.
 */
class DemoCasesTest extends DemoOfficeTestSupport {

  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired CaseRepository cases;
  @Autowired VerificationRepository verifications;
  @Autowired CorrectionRepository corrections;
  @Autowired PreferenceStore preferences;
  @Autowired MetricsService metrics;
  @Autowired AuditVerifier audit;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;
  @Autowired DemoCases demoCases;

  @Test
  void aRequestToKnowWaitsAtReviewDisclosure() {
    CaseRecord know = received(daysBeforeSeeding(4));
    assertThat(know.type()).isEqualTo(RequestType.KNOW_SPECIFIC);
    assertThat(know.status()).isEqualTo(CaseStatus.IN_REVIEW);
    assertThat(know.channel()).isEqualTo(Channel.WEB_FORM);
    assertThat(know.acknowledgedAt()).isEqualTo(know.receivedAt());
    // Thursday 2026-11-12 + 44 days: Saturday 2026-12-26, 23:59:59 PST
    assertThat(know.dueAt()).isEqualTo(Instant.parse("2026-12-27T07:59:59Z"));
    assertThat(openTask(know, "Task_ReviewDisclosure")).satisfies(task -> hasCandidateGroup(task, Groups.REVIEWERS));
    assertThat(verifications.find(know.requestId()).orElseThrow().reached().name()).isEqualTo("HIGH");
    assertThat(kinds(know)).contains("RECEIVED", "EMAIL_SENT", "VERIFICATION_LINK_SENT", "EMAIL_CONFIRMED", "VERIFICATION_DECIDED");
  }

  @Test
  void aDeletionWaitsAtReviewDeletion() {
    CaseRecord deletion = received(daysBeforeSeeding(6));
    assertThat(deletion.type()).isEqualTo(RequestType.DELETE);
    assertThat(deletion.status()).isEqualTo(CaseStatus.IN_REVIEW);
    assertThat(deletion.dueAt()).isEqualTo(Instant.parse("2026-12-25T07:59:59Z"));
    assertThat(openTask(deletion, "Task_ReviewDeletion")).satisfies(task -> hasCandidateGroup(task, Groups.REVIEWERS));
    assertThat(runtime.getVariable(openTask(deletion, "Task_ReviewDeletion").getExecutionId(), "deletionPreview")).isNotNull();
  }

  @Test
  void anExtensionDecisionIsDueBeforeDay45() {
    // Wednesday 2026-10-07, 10:00 PDT: day 41 when seeded
    CaseRecord know = received(daysBeforeSeeding(40));
    assertThat(know.type()).isEqualTo(RequestType.KNOW_CATEGORIES);
    assertThat(know.status()).isEqualTo(CaseStatus.IN_REVIEW);
    Instant day45 = Instant.parse("2026-11-21T07:59:59Z");
    assertThat(know.dueAt()).isEqualTo(day45);
    Task decide = openTask(know, "Task_DecideExtension");
    hasCandidateGroup(decide, Groups.OFFICERS);
    // created when the day-30 timer fired: 09:00 on Thursday 2026-11-05
    assertThat(decide.getCreateTime()).isEqualTo(Date.from(Instant.parse("2026-11-05T17:00:00Z")));
    // the officer can decide until day 45 ends, when the task closes itself and the response is due
    assertThat(timer(know, "Event_ExtensionWindowClosed").getDuedate()).isEqualTo(Date.from(day45));
    assertThat(timer(know, "Event_ResponseDue").getDuedate()).isEqualTo(Date.from(day45));
    assertThat(openTask(know, "Task_ReviewDisclosure")).isNotNull();
    assertThat(jdbc.queryForList("select detail from case_event where request_id = ? and kind = 'REMINDER' order by at", String.class,
        know.requestId().value())).containsExactly("day=30", "day=40");
    assertThat(jdbc.queryForList("select at from case_event where request_id = ? and kind = 'REMINDER' order by at", Timestamp.class,
        know.requestId().value())).extracting(Timestamp::toInstant)
        .containsExactly(Instant.parse("2026-11-05T17:00:00Z"), Instant.parse("2026-11-15T17:00:00Z"));
  }

  @Test
  void anOverdueCaseHasItsEscalationOpen() {
    // Sunday 2026-09-27: due at the end of Tuesday 2026-11-10
    CaseRecord overdue = received(daysBeforeSeeding(50));
    Instant due = Instant.parse("2026-11-11T07:59:59Z");
    assertThat(overdue.dueAt()).isEqualTo(due).isBefore(SEEDED_AT);
    assertThat(overdue.completedAt()).isNull();
    Task escalation = openTask(overdue, "Task_EscalateOverdue");
    hasCandidateGroup(escalation, Groups.OFFICERS);
    assertThat(escalation.getCreateTime()).isEqualTo(Date.from(due));
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(overdue.requestId().value())
        .taskDefinitionKey("Task_DecideExtension").count()).as("the extension window closed on day 45").isZero();
    assertThat(kinds(overdue)).contains("OVERDUE");
  }

  @Test
  void anExtendedCaseRunsToDay90() {
    CaseRecord extended = received(daysBeforeSeeding(38));
    assertThat(extended.type()).isEqualTo(RequestType.PORTABILITY);
    // Friday 2026-10-09: day 45 is Sunday 2026-11-22, day 90 Wednesday 2027-01-06
    assertThat(extended.dueAt()).isEqualTo(Instant.parse("2026-11-23T07:59:59Z"));
    Instant day90 = Instant.parse("2027-01-07T07:59:59Z");
    assertThat(cases.extendedDue(extended.requestId())).contains(day90);
    assertThat(cases.extensionReason(extended.requestId())).isNotBlank();
    assertThat(timer(extended, "Event_ResponseDue").getDuedate()).isEqualTo(Date.from(day90));
    assertThat(actors(extended)).containsExactly("officer");
  }

  @Test
  void aCorrectionWasCompletedAsTheReviewerDecided() {
    CaseRecord correction = received(daysBeforeSeeding(20));
    assertThat(correction.type()).isEqualTo(RequestType.CORRECT);
    assertThat(correction.status()).isEqualTo(CaseStatus.COMPLETED);
    assertThat(correction.outcome()).isEqualTo(Outcome.FULFILLED);
    assertThat(correction.completedAt()).isEqualTo(daysBeforeSeeding(18));
    assertThat(corrections.fields(correction.requestId())).isNotEmpty()
        .allSatisfy(f -> assertThat(f.result().name()).isEqualTo("CORRECTED"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(correction.requestId().value()).count()).isZero();
    assertThat(actors(correction)).containsExactly("reviewer");
  }

  @Test
  void optOutsAndAGpcSignalAreInEffectOrComplete() {
    CaseRecord sale = received(daysBeforeSeeding(12));
    assertThat(sale.type()).isEqualTo(RequestType.OPT_OUT_SALE);
    assertThat(sale.status()).isEqualTo(CaseStatus.COMPLETED);
    assertThat(sale.outcome()).isEqualTo(Outcome.FULFILLED);

    // the test map's analytics recipient confirms by callback, which never comes here
    CaseRecord sharing = received(daysBeforeSeeding(9));
    assertThat(sharing.type()).isEqualTo(RequestType.OPT_OUT_SHARING);
    assertThat(sharing.status()).isEqualTo(CaseStatus.IN_EFFECT);

    CaseRecord limit = received(daysBeforeSeeding(5));
    assertThat(limit.type()).isEqualTo(RequestType.LIMIT_SENSITIVE);
    assertThat(limit.status()).isEqualTo(CaseStatus.IN_EFFECT);
    hasCandidateGroup(openTask(limit, "Task_NotifyRecipientByHand"), Groups.REVIEWERS);

    // three browsers' signals, each a record; one batch case, dated by its first signal, tells the recipients
    CaseRecord gpc = received(daysBeforeSeeding(2));
    assertThat(gpc.type()).isEqualTo(RequestType.OPT_OUT_SIGNALS);
    assertThat(gpc.channel()).isEqualTo(Channel.GPC);
    assertThat(gpc.subject().hasDevice()).isFalse();
    List<String> browsers = jdbc.queryForList(
        "select s.device_id from opt_out_signal s join signal_batch b on b.id = s.batch_id where b.request_id = ?",
        String.class, gpc.requestId().value());
    assertThat(browsers).hasSize(3);
    for (String device : browsers) {
      Map<Preference, Boolean> browser = preferences.check(List.of(Identifier.device(device)));
      assertThat(browser.get(Preference.SALE)).isFalse();
      assertThat(browser.get(Preference.SHARING)).isFalse();
    }
    assertThat(actors(gpc)).containsExactly("reviewer");
  }

  @Test
  void aRequestToKnowWaitsForTheConsumersConfirmation() {
    CaseRecord verifying = received(daysBeforeSeeding(1));
    assertThat(verifying.status()).isEqualTo(CaseStatus.VERIFYING);
    // Sunday 2026-11-15 + 21 days: the window closes at the end of Sunday 2026-12-06
    assertThat(timer(verifying, "Event_WindowClosed").getDuedate()).isEqualTo(Date.from(Instant.parse("2026-12-07T07:59:59Z")));
  }

  @Test
  void lastYearsClosedCasesGiveTheMetricsFigures() {
    YearMetrics lastYear = metrics.forYear(2025);
    Map<String, YearMetrics.Row> groups = new java.util.HashMap<>();
    lastYear.types().forEach(row -> groups.put(row.type().name(), row));
    assertThat(groups.values()).allSatisfy(row -> assertThat(row.received()).as(row.label()).isPositive());
    YearMetrics.Row know = groups.get("KNOW");
    assertThat(know.received()).isEqualTo(2);
    assertThat(know.compliedInWhole()).isEqualTo(1);
    assertThat(know.deniedUnverified()).isEqualTo(1);
    assertThat(know.pending()).isZero();
    assertThat(know.medianDaysToRespond()).isNotNull();
    YearMetrics.Row delete = groups.get("DELETE");
    assertThat(delete.compliedInWhole() + delete.compliedInPart()).isEqualTo(1);
    assertThat(groups.get("CORRECT").deniedOther()).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from privacy_case where received_at < ?", Integer.class,
        Timestamp.from(Instant.parse("2025-01-01T08:00:00Z")))).as("nothing before last year").isZero();

    // the public page shows the year before the clock's
    ClockUtil.setCurrentTime(Date.from(SEEDED_AT));
    String page = http.getForObject("/privacy/metrics", String.class);
    assertThat(page).contains("2025").contains("Requests to know");
  }

  @Test
  void theChainNamesTheReviewerAndOfficerAndStillVerifies() {
    assertThat(jdbc.queryForList("select distinct actor from case_event where actor is not null", String.class))
        .containsExactlyInAnyOrder("reviewer", "officer");
    // last year's deletion, received on 2025-06-02 and approved by the reviewer three days later
    CaseRecord erased = received(Instant.parse("2025-06-02T16:30:00Z"));
    assertThat(erased.type()).isEqualTo(RequestType.DELETE);
    assertThat(actors(erased)).containsExactly("reviewer");
    assertThat(jdbc.queryForList("select at from case_event where request_id = ? and actor = 'reviewer' order by at", Timestamp.class,
        erased.requestId().value())).extracting(Timestamp::toInstant).first().isEqualTo(Instant.parse("2025-06-05T16:30:00Z"));
    assertThat(kinds(erased)).contains("EMAIL_CONFIRMED", "SYSTEM_ERASED", "RESPONDED");
    assertThat(audit.verify().valid()).isTrue();
  }

  @Test
  void noDemoConsumerIsNamedInProcessVariables() {
    List<String> identifiers = jdbc.queryForList(
        "select subject_email from privacy_case where subject_email is not null"
            + " union select subject_name from privacy_case where subject_name is not null",
        String.class);
    assertThat(identifiers).isNotEmpty();
    String variables = history.createHistoricVariableInstanceQuery().list().stream()
        .map(v -> v.getName() + "=" + v.getValue()).toList().toString();
    for (String identifier : identifiers) {
      assertThat(variables).doesNotContain(identifier);
    }
  }

  @Test
  void theAdmtRequestsAreThereToo() {
    CaseRecord optOut = received(daysBeforeSeeding(8));
    assertThat(optOut.type()).isEqualTo(RequestType.ADMT_OPT_OUT);
    assertThat(optOut.status()).isIn(CaseStatus.IN_EFFECT, CaseStatus.COMPLETED);
    assertThat(preferences.answer(java.util.List.of(com.privacycasemanager.preferencestore.Identifier.email(optOut.subject().email())))
        .admtAllowed("pay-later")).isFalse();

    CaseRecord access = received(daysBeforeSeeding(7));
    assertThat(access.type()).isEqualTo(RequestType.ADMT_ACCESS);
    assertThat(access.status()).isEqualTo(CaseStatus.IN_REVIEW);
    assertThat(openTask(access, "Task_ReviewAdmtAnswer")).satisfies(task -> hasCandidateGroup(task, Groups.REVIEWERS));

    CaseRecord appeal = received(daysBeforeSeeding(3));
    assertThat(appeal.type()).isEqualTo(RequestType.ADMT_APPEAL);
    assertThat(openTask(appeal, "Task_ReviewAppeal")).satisfies(task -> hasCandidateGroup(task, "credit-reviewers"));
    // Friday 2026-11-13 + 44 days: Sunday 2026-12-27, 23:59:59 PST
    assertThat(appeal.dueAt()).isEqualTo(Instant.parse("2026-12-28T07:59:59Z"));
  }

  /** The demo shop's loyalty members have their opt-ins on record, so the check answers them as enrolled. */
  @Test
  void theLoyaltyMembersAreEnrolled(@Autowired com.privacycasemanager.datamap.ConnectedSystems systems,
      @Autowired com.privacycasemanager.demo.DemoRewards rewards) {
    JdbcTemplate shop = new JdbcTemplate(systems.dataSource("shop"));
    List<String> members = shop.queryForList("select c.email from loyalty_members m join customers c on c.id = m.customer_id"
        + " where m.withdrawn_at is null and c.email like '%@%' order by m.id", String.class);
    assertThat(members).isNotEmpty();
    assertThat(jdbc.queryForObject("select count(*) from incentive_consent where decision = 'OPT_IN' and channel = 'WEB'", Integer.class))
        .isEqualTo(members.size());
    assertThat(preferences.answer(List.of(Identifier.email(members.get(0)))).incentive("rewards").orElseThrow().status())
        .isEqualTo(PreferenceStore.IncentiveState.Status.ENROLLED);
    String nonMember = shop.queryForObject("select min(c.email) from customers c where c.email like '%@%' and not exists"
        + " (select 1 from loyalty_members m where m.customer_id = c.id)", String.class);
    assertThat(preferences.answer(List.of(Identifier.email(nonMember))).incentive("rewards")).isEmpty();
    int before = jdbc.queryForObject("select count(*) from incentive_consent", Integer.class);
    rewards.run(null);
    assertThat(jdbc.queryForObject("select count(*) from incentive_consent", Integer.class)).as("once").isEqualTo(before);
  }

  @Test
  void aSecondStartAddsNothing() {
    String counts = "select (select count(*) from privacy_case) || '/' || (select count(*) from case_event)"
        + " || '/' || (select count(*) from act_ru_task) || '/' || (select count(*) from act_hi_procinst)";
    String before = jdbc.queryForObject(counts, String.class);
    assertThat(demoCases.seed()).isZero();
    assertThat(jdbc.queryForObject(counts, String.class)).isEqualTo(before);
  }

  // ------------------------------------------------------------------ helpers

  private CaseRecord received(Instant at) {
    List<String> ids = jdbc.queryForList("select request_id from privacy_case where received_at = ?", String.class, Timestamp.from(at));
    assertThat(ids).as("one demo case received at %s", at).hasSize(1);
    return cases.get(new RequestId(ids.get(0)));
  }

  private Task openTask(CaseRecord record, String taskKey) {
    List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(record.requestId().value()).taskDefinitionKey(taskKey).list();
    assertThat(open).as("%s open for %s", taskKey, record.type()).hasSize(1);
    return open.get(0);
  }

  private void hasCandidateGroup(Task task, String group) {
    assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateGroup(group).count()).as(task.getName() + " for " + group).isOne();
  }

  private Job timer(CaseRecord record, String activityId) {
    List<Job> found = new java.util.ArrayList<>();
    for (var instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey(record.requestId().value()).list()) {
      found.addAll(management.createJobQuery().processInstanceId(instance.getId()).timers().activityId(activityId).list());
    }
    assertThat(found).as("timer %s of %s", activityId, record.type()).hasSize(1);
    return found.get(0);
  }

  private List<String> kinds(CaseRecord record) {
    return cases.events(record.requestId()).stream().map(CaseRepository.CaseEvent::kind).toList();
  }

  /** The Camunda users the case's audit entries name. */
  private List<String> actors(CaseRecord record) {
    return jdbc.queryForList("select distinct actor from case_event where request_id = ? and actor is not null", String.class,
        record.requestId().value());
  }
}
