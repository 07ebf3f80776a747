package com.privacycasemanager.incentive;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.privacycasemanager.request.RequestType.INCENTIVE_WITHDRAWAL;
import static com.privacycasemanager.support.Requests.request;
import static com.privacycasemanager.support.Staff.OFFICER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.datamap.IncentiveProgram;
import com.privacycasemanager.deadline.BusinessCalendar;
import com.privacycasemanager.incentive.IncentiveConsents.ConsentChannel;
import com.privacycasemanager.incentive.IncentiveConsents.ConsentRecord;
import com.privacycasemanager.incentive.IncentiveConsents.Decision;
import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.preferencestore.PreferenceStore.IncentiveState;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.CaseScenario;
import com.privacycasemanager.support.ProcessTestSupport;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The withdrawal from a financial incentive program: in effect on receipt, dated in the shop,
 * told to the program's own recipient only, the 15-business-day timer's due date, the overdue
 * path, the confirmation, and the same handling for a consumer who never joined.
 */
class IncentiveWithdrawalProcessTest extends ProcessTestSupport {

  static final String KEY = ProcessKeys.INCENTIVE_WITHDRAWAL;
  static final String NOTIFY = ProcessKeys.NOTIFY_RECIPIENTS;
  static final String REWARDS = "rewards";

  /**
   * Monday 2026-12-14, 23:30 in California, already Tuesday in UTC: day 1 of the 15 business days,
   * which run over three weekends, Christmas Day and New Year's Day.
   */
  static final Instant MONDAY_NIGHT = Instant.parse("2026-12-15T07:30:00Z");
  /**
   * Tuesday 2027-01-05, 23:59:59 PST: business day 15 (December 14–18, 21–24, 28–31, January 4–5).
   * Counted from Tuesday (UTC's day) it would be a day later.
   */
  static final Instant DUE = Instant.parse("2027-01-06T07:59:59Z");

  @Autowired CaseRepository cases;
  @Autowired PreferenceStore preferences;
  @Autowired IncentiveConsents consents;
  @Autowired IncentiveNotices notices;
  @Autowired ConnectedSystems systems;
  @Autowired BusinessCalendar calendar;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theWithdrawalIsInEffectAtOnceDatedInTheShopToldToTheProgramsRecipientOnlyAndConfirmed() throws Exception {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    String alex = DemoBusiness.customerEmail(1);
    assertThat(withdrawnAt(1)).as("customer 1 is a member who never left").containsExactly((LocalDateTime) null);

    CaseScenario withdrawal = received(MONDAY_NIGHT, request(INCENTIVE_WITHDRAWAL).from(alex, "Alex Rivera").incentivePrograms(REWARDS));

    // in effect before anything asynchronous has run
    withdrawal.then(KEY).hasPassed("Task_ApplyWithdrawal").isWaitingAt("Task_DateEnrolments");
    assertThat(preferences.answer(List.of(Identifier.email("Alex.Rivera@example.com"))).incentive(REWARDS))
        .contains(new IncentiveState(IncentiveState.Status.WITHDRAWN, MONDAY_NIGHT));
    assertThat(consents.ofRequest(withdrawal.id()))
        .extracting(ConsentRecord::program, ConsentRecord::decision, ConsentRecord::channel, ConsentRecord::noticeVersion,
            ConsentRecord::decidedAt, ConsentRecord::identifiers)
        .containsExactly(tuple(REWARDS, Decision.WITHDRAWN, ConsentChannel.REQUEST, notices.currentVersion(rewards()), MONDAY_NIGHT, 1));
    JsonNode check = check("email=" + alex);
    assertThat(check.path("incentives").path(REWARDS).asText()).isEqualTo("withdrawn");
    assertThat(check.path("incentivesDoNotAskBefore").path(REWARDS).asText())
        .as("12 months from the day of the withdrawal in California, not in UTC").isEqualTo("2027-12-14");
    CaseRecord record = cases.get(withdrawal.id());
    assertThat(record.status()).isEqualTo(CaseStatus.IN_EFFECT);
    assertThat(record.dueAt()).isEqualTo(DUE);
    assertThat(runtime.getVariables(withdrawal.instance(KEY).getId())).containsOnlyKeys("requestId", "requestType");

    // the shop's own record of the membership: dated with the business's wall-clock time
    withdrawal.runStep(KEY);
    assertThat(withdrawnAt(1)).containsExactly(LocalDateTime.of(2026, 12, 14, 23, 30));
    assertThat(events(withdrawal.id(), "INCENTIVE_ENROLMENTS_DATED")).containsExactly("rows=rewards:1");

    withdrawal.acknowledge();
    MimeMessage ack = onlyMessage();
    assertThat(ack.getAllRecipients()[0].toString()).isEqualTo(alex);
    assertThat(ack.getSubject())
        .isEqualTo("Your withdrawal from our financial incentive program is in effect (" + withdrawal.id().value() + ")");
    assertThat((String) ack.getContent())
        .contains("Hello Alex Rivera")
        .contains("received your withdrawal from a financial incentive program on December 14, 2026")
        .contains("- Example Shop Rewards")
        .contains("no later than January 5, 2027")
        .contains("We will not invite you to join again before December 14, 2027.")
        .contains("/privacy/requests/" + withdrawal.id().value() + "?token=");

    withdrawal.then(KEY).isWaitingAt("CallActivity_NotifyRecipients");
    assertThat(withdrawal.dueDate(KEY, "Event_PropagationDue")).isEqualTo(DUE);
    assertThat(calendar.lastDayOf(LocalDate.of(2026, 12, 14), 15)).isEqualTo(LocalDate.of(2027, 1, 5));
    // the program names the ad network; analytics and print shop, registered for opt-outs, hear nothing of it
    assertThat(deliveredTo(withdrawal.id())).containsExactly("ad-network");

    jobsOf(withdrawal, NOTIFY).forEach(delivery -> execute(delivery));
    recipients.verify(exactly(1), postRequestedFor(urlPathEqualTo("/hooks/ad-network"))
        .withRequestBody(containing("\"requestType\":\"INCENTIVE_WITHDRAWAL\""))
        .withRequestBody(containing("\"instructions\":[\"STOP_INCENTIVE_PROGRAM\"]"))
        .withRequestBody(containing("\"programs\":[\"rewards\"]")));
    recipients.verify(exactly(0), postRequestedFor(urlPathEqualTo("/hooks/analytics")));

    withdrawal.then(KEY).isWaitingAt("Task_SendConfirmation");
    mail.purgeEmailFromAllMailboxes();
    withdrawal.runMailStep(KEY);
    MimeMessage confirmed = onlyMessage();
    assertThat(confirmed.getSubject()).contains("is complete");
    assertThat((String) confirmed.getContent()).contains("- Example Shop Rewards").contains("before December 14, 2027");
    withdrawal.then(KEY).isEnded().hasPassed("Task_CloseCase", "Event_RequestCompleted").hasNotPassed("Task_ResolveOverduePropagation");
    CaseRecord closed = cases.get(withdrawal.id());
    assertThat(closed.status()).isEqualTo(CaseStatus.COMPLETED);
    assertThat(closed.outcome()).isEqualTo(Outcome.FULFILLED);

    // withdrawing again later keeps the shop's first date, and moves the 12 months
    CaseScenario again = received(MONDAY_NIGHT.plusSeconds(30 * 86_400), request(INCENTIVE_WITHDRAWAL).from(alex));
    again.runStep(KEY);
    assertThat(withdrawnAt(1)).containsExactly(LocalDateTime.of(2026, 12, 14, 23, 30));
    assertThat(events(again.id(), "INCENTIVE_ENROLMENTS_DATED")).containsExactly("rows=rewards:0");
    assertThat(check("email=" + alex).path("incentivesDoNotAskBefore").path(REWARDS).asText()).isEqualTo("2028-01-13");
  }

  @Test
  void aConsumerWhoNeverJoinedIsAnsweredTheSameAndNotInvitedForTwelveMonths() throws Exception {
    String stranger = "never.joined@example.com";
    CaseScenario withdrawal = received(MONDAY_NIGHT, request(INCENTIVE_WITHDRAWAL).from(stranger));

    withdrawal.then(KEY).isWaitingAt("Task_DateEnrolments");
    assertThat(cases.get(withdrawal.id()).status()).isEqualTo(CaseStatus.IN_EFFECT);
    assertThat(preferences.answer(List.of(Identifier.email(stranger))).incentive(REWARDS))
        .contains(new IncentiveState(IncentiveState.Status.WITHDRAWN, MONDAY_NIGHT));
    assertThat(consents.ofRequest(withdrawal.id())).extracting(ConsentRecord::decision).containsExactly(Decision.WITHDRAWN);
    assertThat(check("email=" + stranger).path("incentivesDoNotAskBefore").path(REWARDS).asText()).isEqualTo("2027-12-14");

    withdrawal.runStep(KEY).acknowledge();
    assertThat(events(withdrawal.id(), "INCENTIVE_ENROLMENTS_DATED")).containsExactly("rows=rewards:0");
    assertThat((String) onlyMessage().getContent()).contains("- Example Shop Rewards").contains("If you were a member");
    assertThat(deliveredTo(withdrawal.id())).containsExactly("ad-network");
  }

  @Test
  void aRecipientSilentForFifteenBusinessDaysGivesOfficersATask() {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    CaseScenario withdrawal = received(MONDAY_NIGHT, request(INCENTIVE_WITHDRAWAL).from("silent.recipient@example.com"))
        .runStep(KEY).acknowledge();
    // the ad network's notification waits, undelivered
    withdrawal.then(NOTIFY).isWaitingAt("Task_DeliverNotification");

    withdrawal.clockAt(DUE.plusSeconds(1)).fireTimer(KEY, "Event_PropagationDue");
    withdrawal.then(KEY).isWaitingAt("CallActivity_NotifyRecipients", "Task_ResolveOverduePropagation");
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(withdrawal.task(KEY, "Task_ResolveOverduePropagation"))
        .hasCandidateGroup("privacy-officers");

    withdrawal.complete(OFFICER, KEY, "Task_ResolveOverduePropagation", "approved", false, "reviewNote", "Chased the ad network");
    withdrawal.then(KEY).hasPassed("Event_OverdueNoted").isWaitingAt("CallActivity_NotifyRecipients");
    assertThat(cases.get(withdrawal.id()).status()).isEqualTo(CaseStatus.IN_EFFECT);

    // delivered late and acknowledged on delivery: the case completes
    jobsOf(withdrawal, NOTIFY).forEach(delivery -> execute(delivery));
    withdrawal.then(KEY).isWaitingAt("Task_SendConfirmation");
    withdrawal.runMailStep(KEY);
    withdrawal.then(KEY).isEnded();
    assertThat(cases.get(withdrawal.id()).status()).isEqualTo(CaseStatus.COMPLETED);
  }

  @Test
  void anOfficerConfirmingTheOutstandingRecipientByHandCompletesTheCase() {
    CaseScenario withdrawal = received(MONDAY_NIGHT, request(INCENTIVE_WITHDRAWAL).from("by.hand@example.com"))
        .runStep(KEY).acknowledge();

    withdrawal.clockAt(DUE.plusSeconds(60)).fireTimer(KEY, "Event_PropagationDue");
    withdrawal.complete(OFFICER, KEY, "Task_ResolveOverduePropagation", "approved", true, "reviewNote", "Ad network confirmed by phone");

    withdrawal.then(NOTIFY).isEnded();
    withdrawal.then(KEY).hasPassed("Task_ConfirmOutstanding", "Event_OverdueResolved").isWaitingAt("Task_SendConfirmation");
    withdrawal.runMailStep(KEY);
    withdrawal.then(KEY).isEnded();
    assertThat(cases.get(withdrawal.id()).status()).isEqualTo(CaseStatus.COMPLETED);
  }

  @Test
  void aWithdrawalByAccountAloneNamingNoProgramCoversEveryProgram() {
    CaseScenario withdrawal = received(MONDAY_NIGHT, request(INCENTIVE_WITHDRAWAL).account("acct-withdraw-77"));

    assertThat(consents.ofRequest(withdrawal.id()))
        .extracting(ConsentRecord::program, ConsentRecord::decision, ConsentRecord::identifiers)
        .containsExactly(tuple(REWARDS, Decision.WITHDRAWN, 1));
    assertThat(preferences.answer(List.of(Identifier.account("acct-withdraw-77"))).incentive(REWARDS).map(IncentiveState::status))
        .contains(IncentiveState.Status.WITHDRAWN);
    assertThat(events(withdrawal.id(), "INCENTIVE_WITHDRAWAL_APPLIED")).containsExactly("programs=rewards identifiers=1");
    // no email address: the acknowledgement is skipped, the recipients are told all the same
    withdrawal.runStep(KEY).acknowledge();
    assertThat(events(withdrawal.id(), "EMAIL_SKIPPED")).hasSize(1);
    withdrawal.then(KEY).isWaitingAt("CallActivity_NotifyRecipients");
  }

  @Test
  void anEngineRestStartNeedsAnEmailOrAccountAndThenWithdrawsFromEveryProgram() {
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(MONDAY_NIGHT));
    int before = jdbc.queryForObject("select count(*) from privacy_case", Integer.class);
    ResponseEntity<JsonNode> refused = engineStart(Map.of("deviceId", Map.of("value", "device-withdraw-0001", "type", "String")));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("message").asText()).contains("'email' or 'accountId'");
    assertThat(jdbc.queryForObject("select count(*) from privacy_case", Integer.class)).as("nothing stored").isEqualTo(before);

    ResponseEntity<JsonNode> started = engineStart(Map.of("email", Map.of("value", "rest.withdrawal@example.com", "type", "String")));
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    RequestId id = new RequestId(started.getBody().path("businessKey").asText());
    assertThat(cases.get(id).type()).isEqualTo(INCENTIVE_WITHDRAWAL);
    assertThat(consents.ofRequest(id)).extracting(ConsentRecord::program).containsExactly(REWARDS);
    assertThat(preferences.answer(List.of(Identifier.email("rest.withdrawal@example.com"))).incentive(REWARDS).map(IncentiveState::status))
        .contains(IncentiveState.Status.WITHDRAWN);
  }

  // --------------------------------------------------------------------------------------------

  private IncentiveProgram rewards() {
    return systems.map().incentive(REWARDS).orElseThrow();
  }

  private List<LocalDateTime> withdrawnAt(long customer) {
    return new JdbcTemplate(systems.dataSource("shop"))
        .queryForList("select withdrawn_at from loyalty_members where customer_id = ? order by id", LocalDateTime.class, customer);
  }

  private List<String> deliveredTo(RequestId id) {
    return jdbc.queryForList("select recipient_id from recipient_delivery where request_id = ? order by recipient_id", String.class,
        id.value());
  }

  private List<String> events(RequestId id, String kind) {
    return cases.events(id).stream().filter(e -> e.kind().equals(kind)).map(CaseRepository.CaseEvent::detail).toList();
  }

  private JsonNode check(String query) {
    return http.withBasicAuth("adsystem", "adsystem").getForObject("/api/preferences/check?" + query, JsonNode.class);
  }

  private ResponseEntity<JsonNode> engineStart(Map<String, Object> variables) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth("demo", "demo").postForEntity("/engine-rest/process-definition/key/" + KEY + "/start",
        new HttpEntity<>(Map.of("variables", variables), headers), JsonNode.class);
  }

  private List<Job> jobsOf(CaseScenario scenario, String key) {
    return management.createJobQuery().processInstanceId(scenario.instance(key).getId()).list();
  }

  private MimeMessage onlyMessage() {
    assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(1);
    return received[0];
  }
}
