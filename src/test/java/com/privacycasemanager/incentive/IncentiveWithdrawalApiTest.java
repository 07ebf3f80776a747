package com.privacycasemanager.incentive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.records.MetricsService;
import com.privacycasemanager.records.YearMetrics;
import com.privacycasemanager.support.CaseTestSupport;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
 * {@code POST /api/privacy/requests} of an {@code INCENTIVE_WITHDRAWAL} through the generic
 * intake: in effect on the answer, the same answer for a member and for someone who never joined,
 * and the field in the API's own description. (Bad values of the field: the bad-input contract.)
 */
class IncentiveWithdrawalApiTest extends CaseTestSupport {

  /** Thursday 2026-12-03, 10:00 in California. */
  static final Instant RECEIVED = Instant.parse("2026-12-03T18:00:00Z");

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired ConnectedSystems systems;
  @Autowired MetricsService metrics;

  @Test
  void aMemberAndSomeoneWhoNeverJoinedGetTheSameAnswerAndBothAreWithdrawn() {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    JdbcTemplate shop = new JdbcTemplate(systems.dataSource("shop"));
    String member = DemoBusiness.customerEmail(shop.queryForObject(
        "select min(customer_id) from loyalty_members where customer_id between 41 and 69", Long.class));
    String stranger = DemoBusiness.customerEmail(shop.queryForObject(
        "select min(id) from customers c where id between 41 and 69"
            + " and not exists (select 1 from loyalty_members m where m.customer_id = c.id)", Long.class));

    ResponseEntity<JsonNode> forMember = intake("{\"type\":\"INCENTIVE_WITHDRAWAL\",\"email\":\"" + member
        + "\",\"incentivePrograms\":[\"rewards\"]}");
    ResponseEntity<JsonNode> forStranger = intake("{\"type\":\"INCENTIVE_WITHDRAWAL\",\"email\":\"" + stranger
        + "\",\"incentivePrograms\":[\"rewards\"]}");

    assertThat(forMember.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(forMember.getBody().path("status").asText()).isEqualTo("IN_EFFECT");
    assertThat(forMember.getBody().path("dueAt").asText()).as("business day 15: Wednesday, December 23, 23:59:59 in California")
        .isEqualTo("2026-12-24T07:59:59Z");
    assertThat(withoutId(forStranger)).isEqualTo(withoutId(forMember));

    for (String consumer : new String[] {member, stranger}) {
      JsonNode check = http.withBasicAuth("adsystem", "adsystem")
          .getForObject("/api/preferences/check?email=" + consumer, JsonNode.class);
      assertThat(check.path("incentives").path("rewards").asText()).isEqualTo("withdrawn");
      assertThat(check.path("incentivesDoNotAskBefore").path("rewards").asText()).isEqualTo("2027-12-03");
    }
    assertThat(jdbc.queryForList("select program_id from incentive_withdrawal where request_id = ?", String.class,
        forMember.getBody().path("requestId").asText())).containsExactly("rewards");
  }

  @Test
  void theMetricsLeaveWithdrawalsOutAndKeepTheirRows() {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    List<YearMetrics.Row> before = metrics.forYear(2026).types();
    assertThat(intake("{\"type\":\"INCENTIVE_WITHDRAWAL\",\"email\":\"metrics.withdrawal@example.org\"}").getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    List<YearMetrics.Row> after = metrics.forYear(2026).types();
    assertThat(after).as("§7102 counts no withdrawals: the same groups, the same counts").isEqualTo(before);
  }

  @Test
  void theApiDescriptionShowsTheProgramsAWithdrawalNames() {
    JsonNode field = http.getForObject("/api/openapi", JsonNode.class)
        .path("components").path("schemas").path("IntakeRequest").path("properties").path("incentivePrograms");
    assertThat(field.path("type").asText()).isEqualTo("array");
    assertThat(field.path("items").path("type").asText()).isEqualTo("string");
  }

  private static JsonNode withoutId(ResponseEntity<JsonNode> response) {
    ObjectNode body = response.getBody().deepCopy();
    body.remove("requestId");
    return body;
  }

  private ResponseEntity<JsonNode> intake(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.postForEntity("/api/privacy/requests", new HttpEntity<>(body, headers), JsonNode.class);
  }
}
