package com.privacycasemanager.admt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.request.Subject;
import com.privacycasemanager.support.CaseTestSupport;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application's own beans answer from its demo business (read only: the context is shared):
 * customer 1's six pay-later checks of the last year in aggregate, nothing for a stranger; and
 * the answer is JSON as the application writes it.
 */
class AdmtApplicationTest extends CaseTestSupport {

  static final Instant RECEIVED = Instant.parse("2026-11-02T18:00:00Z");

  @Autowired AdmtAnswers answers;
  @Autowired AdmtOutputs outputs;
  @Autowired ConnectedSystems systems;
  @Autowired ObjectMapper json;

  @Test
  void customerOneIsAnsweredInAggregateAndAStrangerGetsTheExplanationOnly() {
    Subject alex = new Subject(DemoBusiness.customerEmail(1), null, null, null, null, null);
    Integer decisions = new JdbcTemplate(systems.dataSource("shop"))
        .queryForObject("select count(*) from financing_decisions where customer_id = 1", Integer.class);

    assertThat(outputs.of(alex, systems.map().admtUse("pay-later").orElseThrow()).outputs()).hasSize(decisions);
    AdmtExplanation answer = answers.answer(alex, "pay-later", RECEIVED, Withholding.none());
    assertThat(answer.outputs().inPeriod()).isEqualTo(6);
    assertThat(answer.outputs().aggregate().decisions()).isEqualTo(6);

    AdmtExplanation stranger = answers.answer(new Subject("nobody@example.org", null, null, null, null, null), "pay-later",
        RECEIVED, Withholding.none());
    assertThat(stranger.outputs().total()).isZero();
    assertThat(stranger.purpose()).isEqualTo(answer.purpose()).isNotBlank();
  }

  @Test
  void theAnswerIsJson() throws Exception {
    Subject alex = new Subject(DemoBusiness.customerEmail(1), null, null, null, null, null);
    AdmtExplanation answer = answers.answer(alex, "pay-later", RECEIVED,
        Withholding.of("model_version", Withholding.Ground.SECURITY_FRAUD_SAFETY, "It helps game the fraud checks."));

    JsonNode tree = json.readTree(json.writeValueAsString(answer));
    assertThat(tree.path("purpose").asText()).isEqualTo(answer.purpose());
    assertThat(tree.path("logic").path("parameters")).hasSize(3);
    assertThat(tree.path("outputs").path("aggregate").path("decisions").asInt()).isEqualTo(6);
    assertThat(tree.path("outputs").path("period").path("from").isMissingNode()).isFalse();
    assertThat(tree.path("withheld").path(0).path("basis").asText()).isEqualTo("It helps game the fraud checks.");
  }
}
