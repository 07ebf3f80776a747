package com.privacycasemanager.admt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.support.CaseTestSupport;
import java.util.Collections;
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
 * The never-start rule end to end (11 CCR §7221(m)): an opt-out sent to the intake API, then the
 * demo shop's pay-later decision system asks the check before it scores; and every new endpoint's
 * bad input.
 */
class AdmtOptOutApiTest extends CaseTestSupport {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired ConnectedSystems systems;

  @Test
  void afterAnOptOutTheDecisionSystemRefersTheConsumerToAPersonAndScoresEveryoneElse() {
    String optedOut = DemoBusiness.customerEmail(3);
    String other = DemoBusiness.customerEmail(4);
    int before3 = decisions(3);
    int before4 = decisions(4);

    ResponseEntity<JsonNode> accepted = intake("{\"type\":\"ADMT_OPT_OUT\",\"email\":\"" + optedOut + "\",\"admtUses\":[\"pay-later\"]}");
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(accepted.getBody().path("status").asText()).isEqualTo("IN_EFFECT");

    // the very next call: the model does not run for them
    JsonNode referred = decide(optedOut).getBody();
    assertThat(referred.path("automated").asBoolean()).isFalse();
    assertThat(referred.path("outcome").asText()).isEqualTo("REFERRED_TO_CREDIT_TEAM");
    assertThat(referred.path("alternative").asText()).contains("a member of our credit team");
    assertThat(referred.has("score") && !referred.path("score").isNull()).isFalse();
    assertThat(decisions(3)).as("no output written about the opted-out consumer").isEqualTo(before3);

    // everyone else is scored, and the output is kept where the data map says
    ResponseEntity<JsonNode> scored = decide(other);
    assertThat(scored.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(scored.getBody().path("automated").asBoolean()).isTrue();
    assertThat(scored.getBody().path("score").asInt()).isBetween(300, 900);
    assertThat(scored.getBody().path("outcome").asText()).isIn("APPROVED", "DECLINED");
    assertThat(decisions(4)).isEqualTo(before4 + 1);

    // what any decision system reads from the check API
    JsonNode check = check("email=" + optedOut).getBody();
    assertThat(check.path("admtAllowed").path("pay-later").asBoolean()).isFalse();
    assertThat(check.path("admtAllowed").path("credit-limit").asBoolean()).as("a use not named stays allowed").isTrue();
    assertThat(check.path("admtDoNotAskBefore").path("pay-later").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(check.path("admtDoNotAskBefore").has("credit-limit")).isFalse();
    assertThat(check.path("saleAllowed").asBoolean()).isTrue();
    JsonNode unaffected = check("email=" + other).getBody();
    assertThat(unaffected.path("admtAllowed").path("pay-later").asBoolean()).isTrue();
    assertThat(unaffected.path("admtDoNotAskBefore").size()).isZero();
  }

  @Test
  void theAllUsesOptionRefusesEveryUse() {
    String consumer = DemoBusiness.customerEmail(5);
    assertThat(intake("{\"type\":\"ADMT_OPT_OUT\",\"email\":\"" + consumer + "\"}").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    JsonNode check = check("email=" + consumer).getBody();
    assertThat(check.path("admtAllowed").path("pay-later").asBoolean()).isFalse();
    assertThat(check.path("admtAllowed").path("credit-limit").asBoolean()).isFalse();
    assertThat(decide(consumer).getBody().path("automated").asBoolean()).isFalse();
  }

  @Test
  void aRequestTheRuleCannotApplyIsRefusedByFieldAndNothingIsStored() {
    int cases = cases();
    assertProblem(intake("{\"type\":\"ADMT_OPT_OUT\",\"email\":\"x@example.com\",\"admtUses\":[\"pay-later\",\"face-scan\"]}"),
        "admtUses[1]");
    assertProblem(intake("{\"type\":\"ADMT_OPT_OUT\",\"email\":\"x@example.com\",\"admtUses\":[null]}"), "admtUses[0]");
    assertProblem(intake("{\"type\":\"ADMT_OPT_OUT\",\"email\":\"x@example.com\",\"admtUses\":[\"pay-later\"]"
        + ",\"admtUses\":" + many(51) + "}"), "admtUses");
    assertProblem(intake("{\"type\":\"ADMT_OPT_OUT\",\"deviceId\":\"device-admt-0001\"}"), "email");
    assertProblem(intake("{\"type\":\"ADMT_OPT_OUT\",\"email\":\"x@example.com\",\"dataPoints\":{\"postalCode\":\"90401\"}}"), "dataPoints");
    assertProblem(intake("{\"type\":\"ADMT_OPT_OUT\",\"email\":\"x@example.com\",\"includeBeyond12Months\":true}"), "includeBeyond12Months");
    assertProblem(intake("{\"type\":\"OPT_OUT_ALL\",\"email\":\"x@example.com\",\"admtUses\":[\"pay-later\"]}"), "admtUses");
    assertProblem(intake("{\"type\":\"KNOW_CATEGORIES\",\"email\":\"x@example.com\",\"admtUses\":[]}"), "admtUses");
    assertProblem(intake("{\"type\":\"ADMT_OPT_OUT\",\"email\":\"x@example.com\",\"agent\":{\"name\":\"Sam\",\"permission\":false}}"),
        "agent.permission");
    assertProblem(intake("{\"type\":\"ADMT_OPT_OUT\",\"email\":\"x@example.com\",\"admtUses\":\"pay-later\"}"), null);
    assertThat(cases()).isEqualTo(cases);
    assertThat(jdbc.queryForObject("select count(*) from admt_opt_out_use", Integer.class))
        .isEqualTo(jdbc.queryForObject("select count(*) from admt_opt_out_use u join privacy_case c on c.request_id = u.request_id",
            Integer.class));
  }

  @Test
  void theDecisionSystemAnswersOnlyItsUsersAndRefusesBadApplications() {
    int rows = jdbc(systems).queryForObject("select count(*) from financing_decisions", Integer.class);
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.postForEntity("/api/demo/pay-later/decisions", new HttpEntity<>("{\"email\":\"a@example.com\"}", json), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("reviewer", "reviewer").postForEntity("/api/demo/pay-later/decisions",
        new HttpEntity<>("{\"email\":\"a@example.com\"}", json), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertProblem(decideBody("{}"), "email");
    assertProblem(decideBody(""), "email");
    assertProblem(decideBody("{\"email\":\"no-at-sign\"}"), "email");
    assertProblem(decideBody("{\"email\":\"a\\u0000b@example.com\"}"), "email");
    ResponseEntity<JsonNode> unknown = decideBody("{\"email\":\"not.a.customer@example.com\"}");
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    ResponseEntity<JsonNode> broken = decideBody("{\"email\":");
    assertThat(broken.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(broken.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(jdbc(systems).queryForObject("select count(*) from financing_decisions", Integer.class)).isEqualTo(rows);
  }

  private ResponseEntity<JsonNode> intake(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.postForEntity("/api/privacy/requests", new HttpEntity<>(body, headers), JsonNode.class);
  }

  private ResponseEntity<JsonNode> decide(String email) {
    return decideBody("{\"email\":\"" + email + "\"}");
  }

  private ResponseEntity<JsonNode> decideBody(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth("adsystem", "adsystem")
        .postForEntity("/api/demo/pay-later/decisions", new HttpEntity<>(body, headers), JsonNode.class);
  }

  private ResponseEntity<JsonNode> check(String query) {
    return http.withBasicAuth("adsystem", "adsystem").getForEntity("/api/preferences/check?" + query, JsonNode.class);
  }

  private int decisions(long customer) {
    return jdbc(systems).queryForObject("select count(*) from financing_decisions where customer_id = ?", Integer.class, customer);
  }

  private static JdbcTemplate jdbc(ConnectedSystems systems) {
    return new JdbcTemplate(systems.dataSource("shop"));
  }

  private int cases() {
    return jdbc.queryForObject("select count(*) from privacy_case", Integer.class);
  }

  private static String many(int n) {
    return "[" + String.join(",", Collections.nCopies(n, "\"pay-later\"")) + "]";
  }

  private static void assertProblem(ResponseEntity<JsonNode> response, String field) {
    assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    if (field != null) {
      assertThat(response.getBody().path("fields").has(field)).as("fields has %s in %s", field, response.getBody()).isTrue();
    }
  }
}
