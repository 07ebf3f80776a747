package com.privacycasemanager.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.privacycasemanager.datamap.AdmtMapTest;
import com.privacycasemanager.datamap.DataMap;
import com.privacycasemanager.datamap.DataMapException;
import com.privacycasemanager.datamap.IncentiveProgram;
import com.privacycasemanager.datamap.PrivacyNotice;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The self-checks of the financial incentive programs (§7080(b), §7081, §1798.125(a)) against the
 * shipped data map and against programs that break each rule, each failing with a message that
 * names the program and what is missing; and what the data map refuses at startup.
 */
class IncentiveChecksTest {

  private static final String PROGRAM = """
      incentives:
        - id: club
          name: Club
          summary: Points for data.
          materialTerms: [One point per dollar.]
          categories: [IDENTIFIERS]
          incentive: {type: PRICE_DIFFERENCE, description: 5% off, valuePerConsumer: 10, per: year}
          valuation: {estimate: 12, method: REVENUE, inputs: {revenue: "$12 per member"}, explanation: Revenue per member., calculatedOn: 2026-10-01}
          restsOnConsentTo: [SHARING]
          enrolment: {system: shop, table: customers}
          howToJoin: Tick the box.
          rightsEffects: {KNOW: UNCHANGED, DELETE: ENDS_WITH_DATA, CORRECT: UNCHANGED, OPT_OUT: ENDS, LIMIT: UNCHANGED, ADMT_OPT_OUT: UNCHANGED, ADMT_ACCESS: UNCHANGED}
      """;

  @Test
  void theShippedProgramPassesBothChecks() {
    DataMap map = AdmtMapTest.shippedMap();
    assertThat(map.incentives()).extracting(IncentiveProgram::id).containsExactly("rewards");
    CheckResult valuation = SelfChecks.incentiveValuation(map.incentives());
    assertThat(valuation.passed()).as(valuation.found()).isTrue();
    CheckResult fair = SelfChecks.nonDiscrimination(map.incentives(), true, Set.of("incentive-withdrawal"), policy(map));
    assertThat(fair.passed()).as(fair.found()).isTrue();
    assertThat(SelfChecks.nonDiscrimination(map.incentives(), true, Set.of(), policy(map)).found())
        .contains("Process 'incentive-withdrawal' is not deployed");
  }

  @Test
  void aProgramWithoutAValuationMethodIsNotOfferedAndTheCheckNamesIt() {
    DataMap map = withProgram(PROGRAM.replace("method: REVENUE, ", ""));
    IncentiveProgram club = map.incentive("club").orElseThrow();
    assertThat(club.offerable()).isFalse();
    CheckResult result = SelfChecks.incentiveValuation(map.incentives());
    assertThat(result.isGap()).isTrue();
    assertThat(result.found()).contains("Program 'club' names no valuation method of 11 CCR §7081(a) (valuation.method), so it may not be offered");

    DataMap noEstimate = withProgram(PROGRAM.replace("estimate: 12, ", ""));
    assertThat(SelfChecks.incentiveValuation(noEstimate.incentives()).found())
        .contains("Program 'club' has no good-faith estimate of the value of the consumer's data (valuation.estimate)");
    DataMap noValuation = withProgram(PROGRAM.replaceAll("(?m)^ +valuation: .*\\n", ""));
    assertThat(SelfChecks.incentiveValuation(noValuation.incentives()).found())
        .contains("has no good-faith estimate").contains("names no valuation method");
  }

  @Test
  void anIncentiveWorthMoreThanTheDataIsFlagged() {
    CheckResult result = SelfChecks.incentiveValuation(withProgram(PROGRAM.replace("valuePerConsumer: 10", "valuePerConsumer: 15")).incentives());
    assertThat(result.isGap()).isTrue();
    assertThat(result.found()).contains("Program 'club''s incentive ($15.00) is larger than the estimated value of the consumer's data ($12.00)");
    assertThat(SelfChecks.incentiveValuation(withProgram(PROGRAM.replace("valuePerConsumer: 10, ", "")).incentives()).found())
        .contains("does not state what its incentive is worth");
    assertThat(SelfChecks.incentiveValuation(withProgram(PROGRAM.replace("inputs: {revenue: \"$12 per member\"}, ", "")).incentives())
        .found()).contains("does not document its calculation");
    assertThat(SelfChecks.incentiveValuation(withProgram(PROGRAM).incentives()).passed()).isTrue();
  }

  @Test
  void endingAnEnrolmentForARightIsDiscrimination() {
    DataMap know = withProgram(PROGRAM.replace("KNOW: UNCHANGED", "KNOW: ENDS"));
    CheckResult result = SelfChecks.nonDiscrimination(know.incentives(), true, Set.of("incentive-withdrawal"), policy(know));
    assertThat(result.isGap()).isTrue();
    assertThat(result.found()).contains("Program 'club' ends an enrolment when its member exercises KNOW, which treats the consumer differently");

    DataMap noSharing = withProgram(PROGRAM.replace("restsOnConsentTo: [SHARING]", "restsOnConsentTo: []"));
    assertThat(SelfChecks.nonDiscrimination(noSharing.incentives(), true, Set.of("incentive-withdrawal"), policy(noSharing)).found())
        .contains("exercises OPT_OUT").contains("its opt-in does not consent to sale or sharing");

    DataMap correctWithData = withProgram(PROGRAM.replace("CORRECT: UNCHANGED", "CORRECT: ENDS_WITH_DATA"));
    assertThat(SelfChecks.nonDiscrimination(correctWithData.incentives(), true, Set.of("incentive-withdrawal"), policy(correctWithData))
        .found()).contains("ends with the data an enrolment when its member exercises CORRECT");

    DataMap unsaid = withProgram(PROGRAM.replace(", LIMIT: UNCHANGED", ""));
    assertThat(SelfChecks.nonDiscrimination(unsaid.incentives(), true, Set.of("incentive-withdrawal"), policy(unsaid)).found())
        .contains("does not say what happens to an enrolment when its member exercises LIMIT");
    assertThat(SelfChecks.nonDiscrimination(withProgram(PROGRAM).incentives(), true, Set.of("incentive-withdrawal"),
        policy(withProgram(PROGRAM))).passed()).isTrue();
  }

  @Test
  void theDataMapRefusesAProgramItCannotNotice() {
    assertThatThrownBy(() -> withProgram(PROGRAM.replace("    summary: Points for data.\n", "")))
        .isInstanceOf(DataMapException.class).hasMessageContaining("incentive program 'club': name, summary and howToJoin are required");
    assertThatThrownBy(() -> withProgram(PROGRAM.replace("enrolment: {system: shop, table: customers}", "enrolment: {system: shop, table: members}")))
        .isInstanceOf(DataMapException.class).hasMessageContaining("enrolment table 'members' is not a table of system 'shop'");
    assertThatThrownBy(() -> withProgram(PROGRAM.replace("howToJoin: Tick the box.", "howToJoin: Tick the box.\n    withdrawalRecipients: [nobody]")))
        .isInstanceOf(DataMapException.class).hasMessageContaining("withdrawal recipient 'nobody' is not in the recipients registry");
    assertThatThrownBy(() -> withProgram(PROGRAM.replace("method: REVENUE", "method: GUESSWORK")))
        .isInstanceOf(DataMapException.class).hasMessageContaining("GUESSWORK");
  }

  private static final String HEAD = """
      business: {name: Test}
      purposes: [{id: loyalty, description: Loyalty}]
      sources: [{id: derived, description: Ours}]
      systems:
        - id: shop
          datasource: {url: "jdbc:h2:mem:x"}
          tables:
            - name: customers
              key: id
              identity: {EMAIL: email}
              retention: 1 year
              columns:
                id: {category: IDENTIFIERS, erasure: DELETE_ROW}
                email: {category: IDENTIFIERS}
      """;

  private static DataMap withProgram(String program) {
    return AdmtMapTest.load(HEAD + program);
  }

  private static PrivacyNotice policy(DataMap map) {
    return PrivacyNotice.of(map, List.of(), "https://shop.example");
  }
}
