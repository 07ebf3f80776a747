package com.privacycasemanager.admt;

import static com.privacycasemanager.admt.OwnDemoShop.RECEIVED;
import static com.privacycasemanager.admt.OwnDemoShop.demoCustomer;
import static com.privacycasemanager.admt.OwnDemoShop.la;
import static com.privacycasemanager.admt.OwnDemoShop.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.privacycasemanager.admt.AdmtExplanation.ColumnSummary;
import com.privacycasemanager.admt.AdmtExplanation.Numbers;
import com.privacycasemanager.admt.AdmtExplanation.ValueCount;
import com.privacycasemanager.admt.AdmtExplanation.WithheldColumn;
import com.privacycasemanager.admt.ConsumerOutputs.Output;
import com.privacycasemanager.admt.Withholding.Ground;
import com.privacycasemanager.datamap.AdmtUse;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The answer to a request to access ADMT for the pay-later use (11 CCR §7222): what the data map
 * says of the use, the consumer's outputs listed up to four uses in the 12 months before receipt
 * and summed up from five on (§7222(j)), and output columns a reviewer withholds, with the basis.
 */
class AdmtAnswersTest {

  static final OwnDemoShop shop = new OwnDemoShop();

  /** Inside the 12 months before {@link OwnDemoShop#RECEIVED}, which start 2025-11-02 00:00 in Los Angeles. */
  static final LocalDateTime START = LocalDateTime.of(2025, 11, 2, 0, 0);

  @AfterAll
  static void close() {
    shop.close();
  }

  @Test
  void theAnswerSaysThePurposeTheLogicItsParametersAndHowTheOutputIsUsed() {
    AdmtUse use = shop.payLater();
    AdmtExplanation answer = shop.answers.answer(demoCustomer(1), "pay-later", RECEIVED, Withholding.none());

    assertThat(answer.useId()).isEqualTo("pay-later");
    assertThat(answer.name()).isEqualTo("Pay-later financing eligibility");
    assertThat(answer.significantDecision()).isEqualTo("financial or lending services");
    assertThat(answer.purpose()).isEqualTo(use.purpose()).contains("pay later");
    assertThat(answer.logic().description()).isEqualTo(use.logic());
    assertThat(answer.logic().parameters())
        .containsExactly("Identifiers", "Commercial information", "Inferences drawn to create a profile");
    assertThat(answer.logic().outputType()).isEqualTo(use.output().type());
    assertThat(answer.outcome().outputUse()).isEqualTo(use.output().use());
    assertThat(answer.outcome().humanRole()).isEqualTo(use.humanRole()).contains("credit team");
    assertThat(answer.withheld()).isEmpty();
  }

  @Test
  void customerOnesSixChecksInTheYearAreAnsweredInAggregate() {
    AdmtExplanation answer = shop.answers.answer(demoCustomer(1), "pay-later", RECEIVED, Withholding.none());

    assertThat(answer.outputs().inPeriod()).isEqualTo(6);
    assertThat(answer.outputs().total()).isEqualTo(6);
    assertThat(answer.outputs().aggregated()).isTrue();
    assertThat(answer.outputs().listed()).isEmpty();
    assertThat(answer.outputs().aggregate().decisions()).isEqualTo(6);
    Integer approved = shop.shop().queryForObject(
        "select count(*) from financing_decisions where customer_id = 1 and outcome = 'APPROVED'", Integer.class);
    ColumnSummary outcomes = answer.outputs().aggregate().column("outcome").orElseThrow();
    assertThat(outcomes.values()).extracting(ValueCount::value, ValueCount::count).contains(
        org.assertj.core.groups.Tuple.tuple("APPROVED", approved)).hasSizeBetween(1, 2);
    assertThat(outcomes.values()).extracting(ValueCount::count).containsOnly(approved, 6 - approved);
  }

  @Test
  void aConsumerWithoutDecisionsIsStillToldHowTheUseWorks() {
    AdmtExplanation answer = shop.answers.answer(subject("nobody@example.org"), "pay-later", RECEIVED, Withholding.none());

    assertThat(answer.outputs().total()).isZero();
    assertThat(answer.outputs().aggregated()).isFalse();
    assertThat(answer.outputs().listed()).isEmpty();
    assertThat(answer.purpose()).isEqualTo(shop.payLater().purpose());
    assertThat(answer.logic().description()).isEqualTo(shop.payLater().logic());
  }

  @Test
  void fourUsesInTheTwelveMonthsAreEachListed() {
    String email = shop.newCustomer();
    shop.decide(email, 700, START, START.plusMonths(3), START.plusMonths(6), START.plusMonths(9));
    shop.decide(email, 500, START.minusMinutes(1), LocalDateTime.of(2026, 11, 2, 10, 1)); // just before, just after

    AdmtExplanation answer = shop.answers.answer(subject(email), "pay-later", RECEIVED, Withholding.none());

    assertThat(answer.outputs().inPeriod()).isEqualTo(4);
    assertThat(answer.outputs().aggregated()).isFalse();
    assertThat(answer.outputs().aggregate()).isNull();
    assertThat(answer.outputs().listed()).extracting(Output::time).containsExactly(
        la(LocalDateTime.of(2026, 11, 2, 10, 1)), la(START.plusMonths(9)), la(START.plusMonths(6)), la(START.plusMonths(3)),
        la(START), la(START.minusMinutes(1)));
    assertThat(answer.outputs().listed().get(1).values())
        .containsEntry("pay-later eligibility score", 700)
        .containsEntry("pay-later eligibility", "APPROVED");
  }

  @Test
  void fiveUsesInTheTwelveMonthsAreSummedUpAndOlderOnesStillListed() {
    String email = shop.newCustomer();
    shop.decide(email, 700, START, START.plusMonths(2), START.plusMonths(4));
    shop.decide(email, 500, START.plusMonths(6), START.plusMonths(8));
    LocalDateTime older = LocalDateTime.of(2024, 6, 1, 12, 0);
    shop.decide(email, 650, older);

    AdmtExplanation answer = shop.answers.answer(subject(email), "pay-later", RECEIVED, Withholding.none());

    assertThat(answer.outputs().inPeriod()).isEqualTo(5);
    assertThat(answer.outputs().total()).isEqualTo(6);
    assertThat(answer.outputs().aggregated()).isTrue();
    AdmtExplanation.Aggregate aggregate = answer.outputs().aggregate();
    assertThat(aggregate.decisions()).isEqualTo(5);
    assertThat(aggregate.first()).isEqualTo(la(START));
    assertThat(aggregate.last()).isEqualTo(la(START.plusMonths(8)));
    assertThat(aggregate.column("outcome").orElseThrow().values())
        .containsExactly(new ValueCount("APPROVED", 3), new ValueCount("DECLINED", 2));
    assertThat(aggregate.column("score").orElseThrow().numbers())
        .isEqualTo(new Numbers(new BigDecimal("500"), new BigDecimal("620.00"), new BigDecimal("700")));
    assertThat(aggregate.column("amount_cents").orElseThrow().numbers().max()).isEqualByComparingTo("25000");
    assertThat(aggregate.column("main_factors").orElseThrow().values())
        .containsExactly(new ValueCount("orders paid on time; age of the account", 5));
    assertThat(aggregate.columns()).extracting(ColumnSummary::column).doesNotContain("id", "customer_id");
    // outside the period, so listed whatever the aggregate
    assertThat(answer.outputs().listed()).extracting(Output::time).containsExactly(la(older));
  }

  @Test
  void withholdingLeavesTheColumnOutAndSaysWhyButKeepsTheExplanation() {
    Withholding withholding = Withholding.of("main_factors", Ground.TRADE_SECRET, "The factor weights are our scoring model.")
        .and("model_version", Ground.SECURITY_FRAUD_SAFETY, "Knowing the model version helps game the fraud checks.");
    String listedEmail = shop.newCustomer();
    shop.decide(listedEmail, 700, START.plusDays(1));

    AdmtExplanation listed = shop.answers.answer(subject(listedEmail), "pay-later", RECEIVED, withholding);
    AdmtExplanation aggregated = shop.answers.answer(demoCustomer(1), "pay-later", RECEIVED, withholding);

    for (AdmtExplanation answer : List.of(listed, aggregated)) {
      assertThat(answer.purpose()).isEqualTo(shop.payLater().purpose());
      assertThat(answer.logic().description()).isEqualTo(shop.payLater().logic());
      assertThat(answer.logic().parameters()).hasSize(3);
      assertThat(answer.outcome().outputUse()).isEqualTo(shop.payLater().output().use());
      assertThat(answer.outcome().humanRole()).isEqualTo(shop.payLater().humanRole());
      assertThat(answer.withheld()).containsExactly(
          new WithheldColumn("main_factors", "main factors of the score", Ground.TRADE_SECRET, Ground.TRADE_SECRET.label(),
              "The factor weights are our scoring model."),
          new WithheldColumn("model_version", "version of the scoring model", Ground.SECURITY_FRAUD_SAFETY,
              Ground.SECURITY_FRAUD_SAFETY.label(), "Knowing the model version helps game the fraud checks."));
      assertThat(answer.outputs().shown()).doesNotContain("main factors of the score", "version of the scoring model")
          .contains("pay-later eligibility score", "pay-later eligibility");
    }
    assertThat(listed.outputs().listed()).singleElement().satisfies(o -> {
      assertThat(o.values()).doesNotContainKeys("main factors of the score", "version of the scoring model");
      assertThat(o.values().values()).doesNotContain("orders paid on time; age of the account", "paylater-2.4");
      assertThat(o.values()).containsEntry("pay-later eligibility score", 700);
    });
    assertThat(aggregated.outputs().aggregate().columns()).extracting(ColumnSummary::column)
        .containsExactly("score", "outcome", "amount_cents");
  }

  @Test
  void aWithholdingNeedsItsBasisAndAnOutputColumn() {
    assertThatThrownBy(() -> Withholding.of("main_factors", Ground.TRADE_SECRET, "  "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("main_factors").hasMessageContaining("basis");
    assertThatThrownBy(() -> Withholding.of("main_factors", Ground.TRADE_SECRET, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("basis");
    assertThatThrownBy(() -> Withholding.of("main_factors", null, "Our model."))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ground");
    assertThatThrownBy(() -> Withholding.of("score", Ground.TRADE_SECRET, "a").and("SCORE", Ground.TRADE_SECRET, "b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    // the explanation itself is no column: only output detail can be withheld (§7222(c))
    for (String notAnOutputColumn : List.of("logic", "purpose", "decided_at")) {
      assertThatThrownBy(() -> shop.answers.answer(demoCustomer(1), "pay-later", RECEIVED,
          Withholding.of(notAnOutputColumn, Ground.TRADE_SECRET, "Our model.")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + notAnOutputColumn + "' is not an output column that can be withheld");
    }
  }

  @Test
  void aThousandDecisionsAreAnswered() {
    String email = shop.newCustomer();
    List<LocalDateTime> times = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      times.add(LocalDateTime.of(2026, 11, 1, 12, 0).minusHours(17L * i));  // back to about 2024-12
    }
    shop.decide(email, 640, times);
    Integer inPeriod = shop.shop().queryForObject(
        "select count(*) from financing_decisions f join customers c on c.id = f.customer_id where c.email = ? and f.decided_at >= ?",
        Integer.class, email, Timestamp.valueOf(START));

    ConsumerOutputs found = shop.outputs.of(subject(email), shop.payLater());
    AdmtExplanation answer = shop.answers.answer(subject(email), "pay-later", RECEIVED, Withholding.none());

    assertThat(found.outputs()).hasSize(1000);
    assertThat(found.outputs()).extracting(Output::time).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(inPeriod).isBetween(400, 999);
    assertThat(answer.outputs().total()).isEqualTo(1000);
    assertThat(answer.outputs().inPeriod()).isEqualTo(inPeriod);
    assertThat(answer.outputs().aggregate().decisions()).isEqualTo(inPeriod);
    assertThat(answer.outputs().aggregate().column("outcome").orElseThrow().values())
        .containsExactly(new ValueCount("APPROVED", inPeriod));
    assertThat(answer.outputs().listed()).hasSize(1000 - inPeriod)
        .allSatisfy(o -> assertThat(o.time()).isBefore(la(START)));
  }
}
