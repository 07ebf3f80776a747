package com.privacycasemanager.admt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.privacycasemanager.request.RequestType.ADMT_OPT_OUT;
import static com.privacycasemanager.support.Requests.request;
import static com.privacycasemanager.support.Staff.OFFICER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import com.privacycasemanager.notification.RecipientDeliveries;
import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceSource;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.Preference;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.support.CaseScenario;
import com.privacycasemanager.support.ProcessTestSupport;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The opt-out of ADMT process: every path, and the 15-business-day timer's due date. */
class AdmtOptOutProcessTest extends ProcessTestSupport {

  static final String KEY = ProcessKeys.ADMT_OPT_OUT;
  static final String NOTIFY = ProcessKeys.NOTIFY_RECIPIENTS;

  /** Friday 2026-11-20, 10:00 in California: the 15 business days span two weekends and Thanksgiving. */
  static final Instant FRIDAY_BEFORE_THANKSGIVING = Instant.parse("2026-11-20T18:00:00Z");
  /** Monday 2026-12-14, 23:59:59 PST: business day 15. */
  static final Instant DUE = Instant.parse("2026-12-15T07:59:59Z");

  @Autowired CaseRepository cases;
  @Autowired PreferenceStore preferences;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired JdbcTemplate jdbc;
  @Autowired RecipientDeliveries deliveries;

  @Test
  void theAllUsesOptOutIsInEffectAtOnceToldToServiceProvidersAndConfirmed() throws Exception {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    CaseScenario optOut = received(FRIDAY_BEFORE_THANKSGIVING, request(ADMT_OPT_OUT).from("all.uses@example.com", "Ada Lane"));

    // in effect before anything asynchronous has run: the decision systems' check says no for every use
    optOut.then(KEY).hasPassed("Task_ApplyAdmtOptOut").isWaitingAt("Task_SendAcknowledgement");
    PreferenceStore.Answer answer = preferences.answer(List.of(Identifier.email("All.Uses@example.com")));
    assertThat(answer.admtAllowed("pay-later")).isFalse();
    assertThat(answer.admtAllowed("credit-limit")).isFalse();
    assertThat(answer.admtAllowed("a-use-declared-next-year")).as("the all-uses option covers later uses too").isFalse();
    assertThat(answer.allowed()).as("sale, sharing and sensitive use are another right")
        .containsEntry(Preference.SALE, true).containsEntry(Preference.SHARING, true).containsEntry(Preference.SENSITIVE_USE, true);
    assertThat(preferences.history(Identifier.email("all.uses@example.com")))
        .extracting(e -> e.preference() + ":" + e.allowed() + ":" + e.source() + ":" + e.requestId())
        .containsExactly("ADMT:*:false:API:" + optOut.id().value());
    CaseRecord record = cases.get(optOut.id());
    assertThat(record.status()).isEqualTo(CaseStatus.IN_EFFECT);
    assertThat(record.dueAt()).isEqualTo(DUE);

    optOut.acknowledge();
    MimeMessage ack = onlyMessage();
    assertThat(ack.getAllRecipients()[0].toString()).isEqualTo("all.uses@example.com");
    assertThat(ack.getSubject()).isEqualTo("Your opt-out of automated decisionmaking is in effect (" + optOut.id().value() + ")");
    assertThat((String) ack.getContent())
        .contains("Hello Ada Lane")
        .contains("- every automated decisionmaking technology we use, now or later")
        .contains("no later than December 14, 2026")
        .contains("We will not ask you to allow it again before November 20, 2027.")
        .contains("/privacy/requests/" + optOut.id().value() + "?token=");
    assertThat(cases.get(optOut.id()).acknowledgedAt()).isNotNull();

    optOut.then(KEY).isWaitingAt("CallActivity_NotifyRecipients");
    assertThat(optOut.dueDate(KEY, "Event_PropagationDue")).isEqualTo(DUE);
    // service providers and contractors only: the ad network is a third party (§7221(n)(2))
    assertThat(jdbc.queryForList("select recipient_id from recipient_delivery where request_id = ? order by recipient_id",
        String.class, optOut.id().value())).containsExactly("analytics", "crm");

    jobsOf(optOut, NOTIFY).forEach(delivery -> execute(delivery));
    recipients.verify(exactly(1), postRequestedFor(urlPathEqualTo("/hooks/crm"))
        .withRequestBody(containing("\"instructions\":[\"STOP_ADMT_PROCESSING\"]"))
        .withRequestBody(containing("\"admtUses\":[\"all\"]")));
    recipients.verify(exactly(0), postRequestedFor(urlPathEqualTo("/hooks/ad-network")));
    // analytics acknowledges by its callback
    String analyticsKey = jdbc.queryForObject(
        "select delivery_key from recipient_delivery where request_id = ? and recipient_id = 'analytics'", String.class, optOut.id().value());
    assertThat(deliveries.acknowledgeByRecipient("analytics", analyticsKey)).isTrue();

    optOut.then(KEY).isWaitingAt("Task_SendConfirmation");
    mail.purgeEmailFromAllMailboxes();
    optOut.runMailStep(KEY);
    assertThat(onlyMessage().getSubject()).contains("in effect");
    optOut.then(KEY).isEnded().hasPassed("Task_CloseCase", "Event_RequestCompleted").hasNotPassed("Task_ResolveOverduePropagation");
    CaseRecord closed = cases.get(optOut.id());
    assertThat(closed.status()).isEqualTo(CaseStatus.COMPLETED);
    assertThat(closed.outcome()).isEqualTo(Outcome.FULFILLED);
  }

  @Test
  void anOptOutOfOneUseLeavesTheOtherAllowed() {
    CaseScenario optOut = received(FRIDAY_BEFORE_THANKSGIVING, request(ADMT_OPT_OUT).from("one.use@example.com").admtUses("pay-later"));

    PreferenceStore.Answer answer = preferences.answer(List.of(Identifier.email("one.use@example.com")));
    assertThat(answer.admtAllowed("pay-later")).isFalse();
    assertThat(answer.admtAllowed("credit-limit")).isTrue();
    assertThat(answer.admtRefusedSince("pay-later")).contains(FRIDAY_BEFORE_THANKSGIVING);
    assertThat(answer.admtRefusedSince("credit-limit")).isEmpty();
    assertThat(cases.events(optOut.id())).filteredOn(e -> e.kind().equals("ADMT_OPT_OUT_APPLIED")).extracting(e -> e.detail())
        .containsExactly("uses=pay-later identifiers=1 changes=1");
    // someone else is not affected
    assertThat(preferences.answer(List.of(Identifier.email("someone.else@example.com"))).admtAllowed("pay-later")).isTrue();
  }

  @Test
  void theEarliestRefusalOnAnyIdentifierDatesTheTwelveMonths() {
    received(FRIDAY_BEFORE_THANKSGIVING, request(ADMT_OPT_OUT).from("two.ids@example.com").admtUses("pay-later"));
    Instant later = FRIDAY_BEFORE_THANKSGIVING.plusSeconds(10 * 86_400);
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(later));
    preferences.refuseAdmt(List.of(Identifier.account("acct-two-ids")), List.of("pay-later"), PreferenceSource.API, null);

    assertThat(preferences.answer(List.of(Identifier.account("acct-two-ids"), Identifier.email("two.ids@example.com")))
        .admtRefusedSince("pay-later")).contains(FRIDAY_BEFORE_THANKSGIVING);
    assertThat(preferences.answer(List.of(Identifier.account("acct-two-ids"))).admtRefusedSince("pay-later")).contains(later);
  }

  @Test
  void aRecipientSilentForFifteenBusinessDaysGivesOfficersATask() {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    CaseScenario optOut = received(FRIDAY_BEFORE_THANKSGIVING, request(ADMT_OPT_OUT).from("silent@example.com")).acknowledge();
    // analytics (CALLBACK) never acknowledges
    jobsOf(optOut, NOTIFY).forEach(delivery -> execute(delivery));
    optOut.then(NOTIFY).isWaitingAt("Task_AwaitAcknowledgement");

    optOut.clockAt(DUE.plusSeconds(1)).fireTimer(KEY, "Event_PropagationDue");
    optOut.then(KEY).isWaitingAt("CallActivity_NotifyRecipients", "Task_ResolveOverduePropagation");
    assertThat(optOut.task(KEY, "Task_ResolveOverduePropagation")).hasCandidateGroup("privacy-officers");

    optOut.complete(OFFICER, KEY, "Task_ResolveOverduePropagation", "approved", false, "reviewNote", "Chased analytics");
    optOut.then(KEY).hasPassed("Event_OverdueNoted").isWaitingAt("CallActivity_NotifyRecipients");
    assertThat(cases.get(optOut.id()).status()).isEqualTo(CaseStatus.IN_EFFECT);

    // analytics confirms late: the case completes
    String analyticsKey = jdbc.queryForObject(
        "select delivery_key from recipient_delivery where request_id = ? and recipient_id = 'analytics'", String.class, optOut.id().value());
    assertThat(deliveries.acknowledgeByRecipient("analytics", analyticsKey)).isTrue();
    optOut.then(KEY).isWaitingAt("Task_SendConfirmation");
    optOut.runMailStep(KEY);
    optOut.then(KEY).isEnded();
    assertThat(cases.get(optOut.id()).status()).isEqualTo(CaseStatus.COMPLETED);
  }

  @Test
  void anOfficerConfirmingEveryOutstandingRecipientByHandCompletesTheCase() {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    CaseScenario optOut = received(FRIDAY_BEFORE_THANKSGIVING, request(ADMT_OPT_OUT).from("by.hand@example.com")).acknowledge();
    jobsOf(optOut, NOTIFY).forEach(delivery -> execute(delivery));

    optOut.clockAt(DUE.plusSeconds(60)).fireTimer(KEY, "Event_PropagationDue");
    optOut.complete(OFFICER, KEY, "Task_ResolveOverduePropagation", "approved", true, "reviewNote", "Analytics confirmed by phone");

    optOut.then(NOTIFY).isEnded();
    optOut.then(KEY).hasPassed("Task_ConfirmOutstanding", "Event_OverdueResolved").isWaitingAt("Task_SendConfirmation");
    optOut.runMailStep(KEY);
    optOut.then(KEY).isEnded();
    assertThat(cases.get(optOut.id()).status()).isEqualTo(CaseStatus.COMPLETED);
  }

  @Test
  void anAgentsOptOutIsRecordedAsTheAgentsAndThePersonalDataStaysOutOfTheProcess() {
    CaseScenario optOut = received(FRIDAY_BEFORE_THANKSGIVING,
        request(ADMT_OPT_OUT).from("agent.client@example.com").byAgent("Sam Agent").admtUses("credit-limit"));

    CaseRecord record = cases.get(optOut.id());
    assertThat(record.channel()).isEqualTo(Channel.AGENT);
    assertThat(record.subject().agentName()).isEqualTo("Sam Agent");
    assertThat(preferences.history(Identifier.email("agent.client@example.com")))
        .extracting(e -> e.preference() + ":" + e.source())
        .containsExactly("ADMT:credit-limit:" + PreferenceSource.AGENT);
    assertThat(runtime.getVariables(optOut.instance(KEY).getId()))
        .containsOnlyKeys("requestId", "requestType")
        .containsEntry("requestType", "ADMT_OPT_OUT");
  }

  private List<Job> jobsOf(CaseScenario optOut, String key) {
    return management.createJobQuery().processInstanceId(optOut.instance(key).getId()).list();
  }

  private MimeMessage onlyMessage() {
    assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(1);
    return received[0];
  }
}
