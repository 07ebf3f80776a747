package com.privacycasemanager.admt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.CaseTestSupport;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/** {@code /privacy/admt/opt-out} over HTTP: the form, its answers and mistakes, and the status page it leads to. */
class AdmtOptOutPagesTest extends CaseTestSupport {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired PreferenceStore preferences;

  @Test
  void theFormOffersTheAllUsesOptionAndEachUseAndTheNoticeLinkChoosesItsUse() {
    String form = http.getForObject("/privacy/admt/opt-out", String.class);
    assertThat(form)
        .contains("<title>Opt-out of Automated Decisionmaking Technology</title>")
        .contains("id=\"scope-all\" name=\"scope\" value=\"all\" checked")
        .contains("id=\"use-pay-later\"").contains("id=\"use-credit-limit\"")
        .doesNotContain("<script");
    String chosen = http.getForObject("/privacy/admt/opt-out?use=credit-limit", String.class);
    assertThat(chosen).contains("value=\"some\" checked").contains("id=\"use-credit-limit\" value=\"credit-limit\" checked");
    assertThat(chosen).doesNotContain("id=\"use-pay-later\" value=\"pay-later\" checked");
    assertThat(http.getForObject("/privacy/admt", String.class)).contains("href=\"/privacy/admt/opt-out?use=pay-later\"");
  }

  @Test
  void aSubmittedOptOutIsInEffectAndItsStatusPageConfirmsIt() {
    recipients.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    ResponseEntity<String> done = post(form("scope", "some", "use", "pay-later", "email", "page.admt@example.com", "name", "Page User"));
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(done.getHeaders().getCacheControl()).isEqualTo("no-store");
    assertThat(done.getBody()).contains("Your opt-out is in effect").contains("<li>Pay-later financing eligibility</li>")
        .doesNotContain("Pay-later credit limit review");
    assertThat(preferences.answer(List.of(Identifier.email("page.admt@example.com"))).admtAllowed("pay-later")).isFalse();
    String requestId = match(done.getBody(), "id=\"request-id\">([^<]+)<");
    assertThat(jdbc.queryForObject("select request_type || ' ' || channel || ' ' || status from privacy_case where request_id = ?",
        String.class, requestId)).isEqualTo("ADMT_OPT_OUT WEB_FORM IN_EFFECT");

    String statusUrl = match(done.getBody(), "id=\"status-link\" href=\"([^\"]+)\"").replace("&amp;", "&");
    assertThat(http.getForObject(statusUrl, String.class))
        .contains("id=\"admt-in-effect\"")
        .contains("We are telling our service\n      providers and contractors to stop too, by");

    caseJobs.runAsyncSteps(new RequestId(requestId));
    String status = http.getForObject(statusUrl, String.class);
    assertThat(status)
        .contains("Your opt-out of automated decisionmaking")
        .contains("id=\"admt-in-effect\"")
        .contains("<li>Pay-later financing eligibility</li>")
        .contains("Service providers and contractors told to stop:")
        .contains("We will not ask you to allow it again before");
  }

  @Test
  void anAgentSubmitsWithTheConsumersPermission() {
    ResponseEntity<String> done = post(form("scope", "all", "email", "agent.page@example.com", "agentName", "Pat Agent",
        "agentPermission", "yes"));
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
    String requestId = match(done.getBody(), "id=\"request-id\">([^<]+)<");
    assertThat(jdbc.queryForObject("select channel from privacy_case where request_id = ?", String.class, requestId)).isEqualTo("AGENT");
    assertThat(http.withBasicAuth("officer", "officer").getForObject("/staff/cases/" + requestId, String.class))
        .contains("Automated decisionmaking opted out of").contains("<li>all uses (present and future)</li>");
    assertThat(http.withBasicAuth("officer", "officer").getForObject("/staff/cases/" + requestId + "/export", String.class))
        .contains("\"admtOptOut\":{\"allUses\":true,\"uses\":[]}");
  }

  @Test
  void eachMistakeIsExplainedOnTheFieldAndNothingIsStored() {
    int before = jdbc.queryForObject("select count(*) from privacy_case", Integer.class);
    assertMistake(post(form("email", "x@example.com")), "scope", "Choose what to opt out of.");
    assertMistake(post(form("scope", "some", "email", "x@example.com")), "uses", "Choose at least one use");
    assertMistake(post(form("scope", "some", "use", "face-scan", "email", "x@example.com")), "uses", "Is not a use you can opt out of");
    assertMistake(post(form("scope", "all")), "email", "Enter the email address you use with us");
    assertMistake(post(form("scope", "all", "email", "no-at-sign")), "email", "Enter an email address like");
    assertMistake(post(form("scope", "all", "email", "x@example.com", "agentName", "Pat Agent")), "agentPermission",
        "signed written permission");
    assertMistake(post(form("scope", "all", "email", "x@example.com", "agentPermission", "yes")), "agentName", "Enter your name");
    assertMistake(post(form("scope", "everything", "email", "x@example.com")), "scope", "Choose what to opt out of.");
    // what was typed is kept
    assertThat(post(form("scope", "some", "email", "kept@example.com")).getBody()).contains("value=\"kept@example.com\"");
    assertThat(jdbc.queryForObject("select count(*) from privacy_case", Integer.class)).isEqualTo(before);
  }

  private ResponseEntity<String> post(MultiValueMap<String, String> form) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return http.postForEntity("/privacy/admt/opt-out", new HttpEntity<>(form, headers), String.class);
  }

  private static MultiValueMap<String, String> form(String... pairs) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return form;
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
