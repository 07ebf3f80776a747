package com.privacycasemanager.incentive;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.preferencestore.PreferenceStore.IncentiveState;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.support.CaseTestSupport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The withdrawal's pages over HTTP, as a browser without JavaScript uses them: the form on {@code
 * /privacy/incentives/{program}/withdraw}, its answers and mistakes, the status page it leads to,
 * and the withdraw button every case's status page carries.
 */
class IncentiveWithdrawalPagesTest extends CaseTestSupport {

  /** Tuesday 2026-12-01, 09:00 in California. */
  static final Instant RECEIVED = Instant.parse("2026-12-01T17:00:00Z");
  static final String FORM = "/privacy/incentives/rewards/withdraw";

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired ConnectedSystems systems;
  @Autowired PreferenceStore preferences;
  @Autowired CaseRepository cases;
  @Autowired IntakeService intake;
  @Autowired Secrets secrets;

  @BeforeEach
  void atAFixedTime() {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
  }

  @Test
  void theFormIsAPlainHtmlFormAndAnUnknownProgramIsNotFound() {
    String form = http.getForObject(FORM, String.class);
    assertThat(form)
        .contains("<title>Withdraw from Example Shop Rewards</title>")
        .contains("<form method=\"post\" action=\"/privacy/incentives/rewards/withdraw\" novalidate>")
        .contains("id=\"email\" name=\"email\"").contains("id=\"accountId\" name=\"accountId\"")
        .contains("<button type=\"submit\">Withdraw from Example Shop Rewards</button>")
        .doesNotContain("<script");
    ResponseEntity<String> unknown = http.getForEntity("/privacy/incentives/no-such-program/withdraw", String.class);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getBody()).contains("We offer no financial incentive program at this address");
    assertThat(post("/privacy/incentives/no-such-program/withdraw", form("email", "x@example.com")).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void aSubmittedWithdrawalIsInEffectAndItsStatusPageConfirmsIt() {
    recipients.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    String member = DemoBusiness.customerEmail(member(0));
    ResponseEntity<String> done = post(FORM, form("email", member, "name", "Page Member"));

    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(done.getHeaders().getCacheControl()).isEqualTo("no-store");
    assertThat(done.getBody()).contains("Your withdrawal is in effect").contains("<li>Example Shop Rewards</li>")
        .contains("id=\"recipients-by\">December 21, 2026<").contains("id=\"invite-again-from\">December 1, 2027<");
    assertThat(preferences.answer(List.of(Identifier.email(member))).incentive("rewards").map(IncentiveState::status))
        .contains(IncentiveState.Status.WITHDRAWN);
    String requestId = match(done.getBody(), "id=\"request-id\">([^<]+)<");
    assertThat(jdbc.queryForObject("select request_type || ' ' || channel || ' ' || status from privacy_case where request_id = ?",
        String.class, requestId)).isEqualTo("INCENTIVE_WITHDRAWAL WEB_FORM IN_EFFECT");

    String statusUrl = match(done.getBody(), "id=\"status-link\" href=\"([^\"]+)\"").replace("&amp;", "&");
    assertThat(http.getForObject(statusUrl, String.class))
        .contains("Your withdrawal from our financial incentive programs")
        .contains("id=\"incentive-in-effect\"")
        .contains("<li>Example Shop Rewards</li>")
        .contains("id=\"incentive-telling\"")
        .contains("We will not invite you to join again before <span>December 1, 2027</span>.")
        .as("nothing left to withdraw from on this case's own page").doesNotContain("Withdraw from Example Shop Rewards");

    caseJobs.runAsyncSteps(new RequestId(requestId));
    assertThat(http.getForObject(statusUrl, String.class))
        .contains("Companies told to stop: <span>1</span>;\n      confirmed: <span>1</span>");
    assertThat(http.withBasicAuth("officer", "officer").getForObject("/staff/cases/" + requestId, String.class))
        .contains("Financial incentive programs withdrawn from").contains("<span>Example Shop Rewards</span> (<code>rewards</code>)")
        .contains("withdrawal recorded under notice version");
    assertThat(http.withBasicAuth("officer", "officer").getForObject("/staff/cases/" + requestId + "/export", String.class))
        .contains("\"incentiveWithdrawal\":{\"programs\":[\"rewards\"]")
        .contains("\"decision\":\"WITHDRAWN\"").contains("\"channel\":\"REQUEST\"");
  }

  @Test
  void aMemberAndSomeoneWhoNeverJoinedSeeTheSameAnswer() {
    String member = DemoBusiness.customerEmail(member(1));
    String stranger = "page.stranger@example.org";
    String forMember = post(FORM, form("email", member)).getBody();
    String forStranger = post(FORM, form("email", stranger)).getBody();
    assertThat(withoutIds(forStranger)).isEqualTo(withoutIds(forMember));
  }

  @Test
  void eachMistakeIsExplainedOnTheFieldAndNothingIsStored() {
    int before = cases();
    assertMistake(post(FORM, form("name", "No Identifier")), "email", "Enter the email address you use with us, or your account number");
    assertMistake(post(FORM, form("email", "no-at-sign")), "email", "Enter an email address like");
    assertMistake(post(FORM, form("accountId", "not an account!")), "accountId", "Enter your account number as it appears");
    assertMistake(post(FORM, form("email", "x@example.com", "name", "a\u0000b")), "name", "Remove the control characters");
    // what was typed is kept
    assertThat(post(FORM, form("email", "kept@", "accountId", "acct-kept")).getBody())
        .contains("value=\"kept@\"").contains("value=\"acct-kept\"");
    assertThat(cases()).isEqualTo(before);
  }

  @Test
  void anyCasesStatusPageOffersTheWithdrawalForItsOwnEmailWithoutTypingItAgain() throws Exception {
    String member = DemoBusiness.customerEmail(member(2));
    CaseRecord optOut = intake.submit(new IntakeRequest("OPT_OUT_ALL", member, "Status Member", null, null, null, null, null, null, null),
        Channel.API, null).record();
    String token = secrets.statusToken(optOut.requestId());
    String status = http.getForObject("/privacy/requests/" + optOut.requestId().value() + "?token=" + token, String.class);
    String action = "/privacy/requests/" + optOut.requestId().value() + "/incentives/rewards/withdraw";
    assertThat(status)
        .contains("<form method=\"post\" action=\"" + action + "\" class=\"incentive-offer\">")
        .contains("<input type=\"hidden\" name=\"token\" value=\"" + token + "\">")
        .contains(">Withdraw from Example Shop Rewards</button>");

    int before = cases();
    ResponseEntity<String> wrongToken = post(action, form("token", "not-the-token"));
    assertThat(wrongToken.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(post(action, form()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(cases()).as("nothing opened without the token").isEqualTo(before);

    HttpResponse<String> pressed = press(action, token);
    assertThat(pressed.statusCode()).isEqualTo(HttpStatus.SEE_OTHER.value());
    assertThat(pressed.headers().firstValue(HttpHeaders.CACHE_CONTROL)).contains("no-store");
    URI next = URI.create(pressed.headers().firstValue(HttpHeaders.LOCATION).orElseThrow());
    Matcher target = Pattern.compile("/privacy/requests/(CCPA-[0-9]{8}-[0-9A-F]{8})\\?token=(.+)").matcher(next.toString());
    assertThat(target.find()).as("%s", next).isTrue();
    RequestId opened = new RequestId(target.group(1));
    CaseRecord withdrawal = cases.get(opened);
    assertThat(withdrawal.type()).isEqualTo(RequestType.INCENTIVE_WITHDRAWAL);
    assertThat(withdrawal.channel()).isEqualTo(Channel.WEB_FORM);
    assertThat(withdrawal.subject().email()).isEqualTo(member);
    assertThat(preferences.answer(List.of(Identifier.email(member))).incentive("rewards").map(IncentiveState::status))
        .contains(IncentiveState.Status.WITHDRAWN);
    assertThat(http.getForObject(next.toString().replaceFirst("^https?://[^/]+", ""), String.class)).contains("Your withdrawal from our financial incentive programs")
        .contains("<li>Example Shop Rewards</li>");

    // pressed twice: still one withdrawal
    assertThat(press(action, token).headers().firstValue(HttpHeaders.LOCATION)).contains(next.toString());
    assertThat(cases()).isEqualTo(before + 1);
  }

  @Test
  void theOfferIsTheSameForSomeoneWhoNeverJoinedAndAbsentWithoutAnEmailOrAccount() {
    CaseRecord stranger = intake.submit(new IntakeRequest("OPT_OUT_ALL", "status.stranger@example.org", null, null, null, null, null,
        null, null, null), Channel.API, null).record();
    assertThat(statusPage(stranger)).contains(">Withdraw from Example Shop Rewards</button>");

    CaseRecord browser = intake.submit(new IntakeRequest("OPT_OUT_ALL", null, null, null, null, null, null, null, null,
        "device-status-0001"), Channel.API, null).record();
    assertThat(statusPage(browser)).contains("id=\"request-id\"").doesNotContain("Withdraw from Example Shop Rewards");
  }

  // --------------------------------------------------------------------------------------------

  /** The {@code n}th member of the rewards program among customers 70–99 (this class's own). */
  private long member(int n) {
    return new JdbcTemplate(systems.dataSource("shop")).queryForList(
        "select customer_id from loyalty_members where customer_id between 70 and 99 order by customer_id", Long.class).get(n);
  }

  /** The status page's withdraw button, as a browser posts it: the answer itself, not the page it redirects to. */
  private HttpResponse<String> press(String action, String token) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + action))
        .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED_VALUE)
        .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
        .build();
    return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private String statusPage(CaseRecord record) {
    return http.getForObject("/privacy/requests/" + record.requestId().value() + "?token=" + secrets.statusToken(record.requestId()),
        String.class);
  }

  private int cases() {
    return jdbc.queryForObject("select count(*) from privacy_case", Integer.class);
  }

  private ResponseEntity<String> post(String path, MultiValueMap<String, String> form) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return http.postForEntity(path, new HttpEntity<>(form, headers), String.class);
  }

  private static MultiValueMap<String, String> form(String... pairs) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return form;
  }

  private static String withoutIds(String html) {
    return html.replaceAll("CCPA-[0-9]{8}-[0-9A-F]{8}", "ID").replaceAll("token=[A-Za-z0-9_-]+", "token=T");
  }

  private static void assertMistake(ResponseEntity<String> response, String field, String message) {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("role=\"alert\"").contains("href=\"#" + field + "\"").contains(message);
  }

  private static String match(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    assertThat(m.find()).as("%s in page", regex).isTrue();
    return m.group(1);
  }
}
