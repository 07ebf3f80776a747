package com.privacycasemanager.admt;

import static com.privacycasemanager.admt.OwnDemoShop.LA;
import static com.privacycasemanager.admt.OwnDemoShop.RECEIVED;
import static com.privacycasemanager.admt.OwnDemoShop.demoCustomer;
import static com.privacycasemanager.admt.OwnDemoShop.la;
import static com.privacycasemanager.admt.OwnDemoShop.subject;
import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.admt.ConsumerOutputs.Column;
import com.privacycasemanager.admt.ConsumerOutputs.Output;
import com.privacycasemanager.datamap.Collected;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A consumer's outputs of the pay-later use, checked against SQL written independently of the
 * consumer graph walk: every decision of the consumer and nobody else's, newest first, dated in the
 * business's time zone, and counted in the 12 months before receipt.
 */
class AdmtOutputsTest {

  static final OwnDemoShop shop = new OwnDemoShop();

  @AfterAll
  static void close() {
    shop.close();
  }

  @Test
  void customerOnesOutputsAreTheirSixDecisionsNewestFirst() {
    ConsumerOutputs found = shop.outputs.of(demoCustomer(1), shop.payLater());

    List<Map<String, Object>> expected = shop.shop().queryForList(
        "select id, decided_at, score, outcome from financing_decisions where customer_id = 1 order by decided_at desc");
    assertThat(expected).as("the demo: customer 1 has 6 decisions").hasSize(6);
    assertThat(found.useId()).isEqualTo("pay-later");
    assertThat(found.outputs()).extracting(Output::time).containsExactlyElementsOf(
        expected.stream().map(r -> la(((Timestamp) r.get("decided_at")).toLocalDateTime())).toList());
    assertThat(found.outputs()).extracting(o -> ((Number) o.values().get("decision number")).longValue())
        .containsExactlyElementsOf(expected.stream().map(r -> ((Number) r.get("id")).longValue()).toList());
    assertThat(found.outputs()).extracting(o -> o.values().get("pay-later eligibility"))
        .containsExactlyElementsOf(expected.stream().map(r -> r.get("outcome")).toList());
    assertThat(found.outputs()).allSatisfy(o -> assertThat(((Number) o.values().get("customer number")).longValue()).isEqualTo(1L));
  }

  @Test
  void eachOutputHasTheOtherColumnsByLabelInMapOrder() {
    ConsumerOutputs found = shop.outputs.of(demoCustomer(1), shop.payLater());

    assertThat(found.timeLabel()).isEqualTo("time of the eligibility check");
    assertThat(found.columns()).extracting(Column::name)
        .containsExactly("id", "customer_id", "score", "outcome", "main_factors", "model_version", "amount_cents");
    assertThat(found.columns()).filteredOn(Column::reference).extracting(Column::name).containsExactly("id", "customer_id");
    assertThat(found.outputs().get(0).values().keySet()).containsExactly("decision number", "customer number",
        "pay-later eligibility score", "pay-later eligibility", "main factors of the score", "version of the scoring model",
        "pay-later amount offered (cents)");
  }

  @Test
  void aConsumerWithoutDecisionsHasNoOutputs() {
    Long without = shop.shop().queryForObject(
        "select min(id) from customers where id not in (select customer_id from financing_decisions)", Long.class);
    assertThat(without).as("the demo has customers never checked").isNotNull();

    assertThat(shop.outputs.of(demoCustomer(without), shop.payLater()).outputs()).isEmpty();
    assertThat(shop.outputs.of(subject("nobody@example.org"), shop.payLater()).isEmpty()).isTrue();
  }

  @Test
  void theCountIsOfTheTwelveMonthsBeforeTheInstantGiven() {
    ConsumerOutputs found = shop.outputs.of(demoCustomer(1), shop.payLater());
    assertThat(found.countWithin(shop.outputs.twelveMonthsBefore(RECEIVED))).isEqualTo(6);

    Instant later = Instant.parse("2027-05-01T17:00:00Z");
    TwelveMonths period = shop.outputs.twelveMonthsBefore(later);
    assertThat(period.from()).isEqualTo(Instant.parse("2026-05-01T07:00:00Z"));
    Integer expected = shop.shop().queryForObject(
        "select count(*) from financing_decisions where customer_id = 1 and decided_at >= ?", Integer.class,
        Timestamp.valueOf(LocalDateTime.of(2026, 5, 1, 0, 0)));
    assertThat(found.countWithin(period)).isEqualTo(expected).isLessThan(6);
  }

  @Test
  void theTwelveMonthsRunFromMidnightInTheBusinessZoneToReceipt() {
    String email = shop.newCustomer();
    shop.decide(email, 700,
        LocalDateTime.of(2025, 11, 1, 23, 59),  // a minute too early
        LocalDateTime.of(2025, 11, 2, 0, 0),    // the first moment of the period
        LocalDateTime.of(2026, 11, 2, 10, 0),   // receipt is 10:00 in Los Angeles: the last moment
        LocalDateTime.of(2026, 11, 2, 10, 1));  // after receipt
    ConsumerOutputs found = shop.outputs.of(subject(email), shop.payLater());

    TwelveMonths period = TwelveMonths.before(RECEIVED, LA);
    assertThat(found.within(period)).extracting(Output::time)
        .containsExactly(la(LocalDateTime.of(2026, 11, 2, 10, 0)), la(LocalDateTime.of(2025, 11, 2, 0, 0)));
    assertThat(found.outputs()).hasSize(4);
  }

  @Test
  void neverDiscloseValuesAreWithheldAsCollectionWithholdsThem() {
    try (OwnDemoShop secret = new OwnDemoShop(map -> map.replace(
        "model_version: {category: INFERENCES, label: version of the scoring model}",
        "model_version: {category: INFERENCES, label: version of the scoring model, disclose: false}"))) {
      ConsumerOutputs found = secret.outputs.of(demoCustomer(1), secret.payLater());

      assertThat(found.column("model_version")).get().extracting(Column::neverDisclosed).isEqualTo(true);
      assertThat(found.outputs()).hasSize(6).allSatisfy(o -> {
        assertThat(o.values().get("version of the scoring model")).isEqualTo(Collected.WITHHELD);
        assertThat(o.values().values()).doesNotContain("paylater-2.3", "paylater-2.4");
      });
    }
  }
}
