package com.privacycasemanager.datamap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.privacycasemanager.datamap.AdmtUse.SignificantDecision;
import com.privacycasemanager.request.CcpaCategory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

/** The data map's ADMT section: the shipped use, and each wrong entry failing startup by the use's name. */
public class AdmtMapTest {

  public static final String HEAD = """
      business: {name: Test}
      purposes: [{id: financing, description: Financing}]
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
            - name: decisions
              key: id
              parent: {table: customers, column: customer_id}
              time: decided_at
              retention: 25 months
              columns:
                id: {category: INFERENCES, erasure: DELETE_ROW}
                customer_id: {category: IDENTIFIERS}
                decided_at: {category: INFERENCES}
                score: {category: INFERENCES}
      admt:
        - id: scoring
          name: Credit scoring
          decision: FINANCIAL_LENDING
          purpose: Deciding whether to offer credit.
          logic: A model weighs the order history.
          parameters: [COMMERCIAL_INFORMATION]
          output: {type: A score, use: Applied at once}
          humanRole: The credit team sets the threshold.
      """;

  @Test
  void theShippedMapDescribesThePayLaterUse() {
    DataMap map = shippedMap();
    assertThat(map.admt()).extracting(AdmtUse::id).containsExactly("pay-later", "credit-line");
    AdmtUse appealed = map.admtUse("credit-line").orElseThrow();
    assertThat(appealed.appealOffered()).isTrue();
    assertThat(appealed.exception().reviewerGroup()).isEqualTo("credit-reviewers");
    assertThat(appealed.exception().outcomeColumn()).isEqualTo("appeal_outcome");
    assertThat(appealed.outputs()).isEqualTo(new AdmtUse.Outputs("shop", "credit_line_reviews", "reviewed_at"));
    AdmtUse use = map.admtUse("pay-later").orElseThrow();
    assertThat(use.decision()).isEqualTo(SignificantDecision.FINANCIAL_LENDING);
    assertThat(use.parameters()).containsExactly(CcpaCategory.IDENTIFIERS, CcpaCategory.COMMERCIAL_INFORMATION, CcpaCategory.INFERENCES);
    assertThat(use.outputs()).isEqualTo(new AdmtUse.Outputs("shop", "financing_decisions", "decided_at"));
    assertThat(use.optOutOffered()).isTrue();
    assertThat(use.appealOffered()).isFalse();
    assertThat(use.alternative()).contains("credit team");
    assertThat(map.system("shop").orElseThrow().table("financing_decisions")).isPresent();
  }

  @Test
  void aUseWithItsOutputsTableAndAnAlternativeLoads() {
    DataMap map = load(HEAD + """
            outputs: {system: shop, table: decisions, time: decided_at}
            alternative: A person decides instead.
        """);
    assertThat(map.admtUse("scoring")).isPresent();
  }

  @Test
  void aMissingOutputsTableOrColumnNamesTheUse() {
    assertFails(HEAD + """
            outputs: {system: shop, table: credit_decisions, time: decided_at}
            alternative: A person decides instead.
        """, "admt use 'scoring': outputs table 'credit_decisions' is not a table of system 'shop' in the data map");
    assertFails(HEAD + """
            outputs: {system: crm, table: decisions, time: decided_at}
            alternative: A person decides instead.
        """, "admt use 'scoring': outputs system 'crm' is not in the data map");
    assertFails(HEAD + """
            outputs: {system: shop, table: decisions, time: scored_at}
            alternative: A person decides instead.
        """, "admt use 'scoring': outputs time column 'scored_at' must be listed under the columns of shop.decisions");
    assertFails(HEAD + """
            alternative: A person decides instead.
        """, "admt use 'scoring': outputs needs system, table and time");
  }

  @Test
  void anOptOutNeedsAnAlternativeAndAnAppealItsReviewers() {
    assertFails(HEAD + """
            outputs: {system: shop, table: decisions, time: decided_at}
        """, "admt use 'scoring': alternative is required");
    assertFails(HEAD + """
            outputs: {system: shop, table: decisions, time: decided_at}
            exception: {basis: HUMAN_APPEAL}
        """, "admt use 'scoring': a HUMAN_APPEAL exception needs reviewerGroup");
    DataMap appeal = load(HEAD + """
            outputs: {system: shop, table: decisions, time: decided_at}
            exception: {basis: HUMAN_APPEAL, reviewerGroup: credit-reviewers, howToAppeal: Use the appeal form.}
        """);
    assertThat(appeal.admtUse("scoring").orElseThrow().appealOffered()).isTrue();
    assertThat(appeal.admtUse("scoring").orElseThrow().optOutOffered()).isFalse();
  }

  @Test
  void anAppealsOutcomeColumnMustBeAColumnOfTheOutputsTable() {
    assertFails(HEAD + """
            outputs: {system: shop, table: decisions, time: decided_at}
            exception: {basis: HUMAN_APPEAL, reviewerGroup: r, howToAppeal: Write to us., outcomeColumn: appeal_result}
        """, "admt use 'scoring': exception.outcomeColumn 'appeal_result' must be listed under the columns of shop.decisions");
    assertFails(HEAD + """
            outputs: {system: shop, table: decisions, time: decided_at}
            exception: {basis: ADMISSION_HIRING, outcomeColumn: score}
        """, "admt use 'scoring': exception.outcomeColumn belongs to a HUMAN_APPEAL exception");
    DataMap written = load(HEAD + """
            outputs: {system: shop, table: decisions, time: decided_at}
            exception: {basis: HUMAN_APPEAL, reviewerGroup: r, howToAppeal: Write to us., outcomeColumn: score}
        """);
    assertThat(written.admtUse("scoring").orElseThrow().exception().outcomeColumn()).isEqualTo("score");
  }

  @Test
  void whatTheNoticeMustSayIsRequired() {
    assertFails(HEAD.replace("    purpose: Deciding whether to offer credit.\n", "") + """
            outputs: {system: shop, table: decisions, time: decided_at}
            alternative: A person decides instead.
        """, "admt use 'scoring': name, decision, purpose and logic are required");
    assertFails(HEAD.replace("    parameters: [COMMERCIAL_INFORMATION]\n", "") + """
            outputs: {system: shop, table: decisions, time: decided_at}
            alternative: A person decides instead.
        """, "admt use 'scoring': parameters must name the categories");
    assertFails(HEAD.replace("    decision: FINANCIAL_LENDING\n", "    decision: ADVERTISING\n") + """
            outputs: {system: shop, table: decisions, time: decided_at}
            alternative: A person decides instead.
        """, "ADVERTISING");
  }

  /** The bundled data-map.yml, its placeholders filled as the embedded default would (base URL {@code https://shop.example}). */
  public static DataMap shippedMap() {
    MockEnvironment env = new MockEnvironment()
        .withProperty("privacy.mail.business-name", "Example Shop").withProperty("privacy.mail.from", "privacy@shop.example")
        .withProperty("privacy.public-base-url", "https://shop.example").withProperty("privacy.demo-business.shop-url", "jdbc:h2:mem:a")
        .withProperty("privacy.demo-business.marketing-url", "jdbc:h2:mem:b");
    return DataMapLoader.load(new ClassPathResource("data-map.yml"), "data-map.yml", env::resolveRequiredPlaceholders);
  }

  public static DataMap load(String yaml) {
    return DataMapLoader.load(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)), "m.yml", s -> s);
  }

  private static void assertFails(String yaml, String message) {
    assertThatThrownBy(() -> load(yaml))
        .isInstanceOf(DataMapException.class)
        .hasMessageContaining("data map m.yml")
        .hasMessageContaining(message);
  }
}
