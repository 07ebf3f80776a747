package com.privacycasemanager.datamap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.mock.env.MockEnvironment;

/** A wrong data map fails startup with a message naming the entry; the shipped maps load. */
class DataMapLoaderTest {

  static final String SYSTEM_HEAD = """
      business: {name: Test}
      purposes: [{id: orders, description: Orders}]
      sources: [{id: consumer, description: You}]
      systems:
        - id: shop
          datasource: {url: "jdbc:h2:mem:x"}
          tables:
      """;

  @Test
  void theShippedMapsLoad() {
    MockEnvironment env = new MockEnvironment()
        .withProperty("privacy.mail.business-name", "Shop").withProperty("privacy.mail.from", "p@example.com")
        .withProperty("privacy.public-base-url", "http://localhost").withProperty("privacy.demo-business.shop-url", "jdbc:h2:mem:a")
        .withProperty("privacy.demo-business.marketing-url", "jdbc:h2:mem:b").withProperty("wiremock.port", "1");
    DataMap map = DataMapLoader.load(new ClassPathResource("data-map.yml"), "data-map.yml", env::resolveRequiredPlaceholders);
    assertThat(map.systems()).extracting(DataMap.DataSystem::id).containsExactly("shop", "marketing");
    assertThat(map.verificationDataPoints()).containsKeys("name", "phone", "street", "postalCode", "birthDate", "orderNumber");
    assertThat(map.recipients()).hasSize(3);
    assertThat(DataMapLoader.load(new ClassPathResource("data-map-test.yml"), "t", env::resolveRequiredPlaceholders).systems()).hasSize(2);
  }

  @Test
  void referencesBetweenEntriesAreChecked() {
    assertFails("""
          - name: orders
            key: id
            parent: {table: customers, column: customer_id}
            retention: 7 years
            columns:
              id: {category: COMMERCIAL_INFORMATION}
              customer_id: {category: IDENTIFIERS}
        """, "system 'shop' table 'orders': parent table 'customers' is not in this system");
    assertFails("""
          - name: customers
            key: id
            identity: {EMAIL: email}
            retention: forever
            columns:
              id: {category: IDENTIFIERS}
        """, "table 'customers': identity column 'email' must be listed under columns");
    assertFails("""
          - name: customers
            key: id
            identity: {EMAIL: email}
            retention: 1 year
            purposes: [marketing]
            columns:
              id: {category: IDENTIFIERS}
              email: {category: IDENTIFIERS}
        """, "table 'customers': purpose 'marketing' is not listed under purposes");
    assertFails("""
          - name: customers
            key: id
            identity: {EMAIL: email}
            columns:
              id: {category: IDENTIFIERS}
              email: {category: IDENTIFIERS}
        """, "table 'customers': retention is required");
    assertFails("""
          - name: "customers; drop table x"
            key: id
            identity: {EMAIL: id}
            retention: 1 year
            columns:
              id: {category: IDENTIFIERS}
        """, "is not a plain SQL identifier");
    assertFails("""
          - name: customers
            key: id
            identity: {EMAIL: email}
            retention: 1 year
            columns:
              id: {category: IDENTIFIERS}
              email: {category: FAVOURITE_COLOURS}
        """, "systems[0].tables[0].columns.email.category");
    assertFails("""
          - name: logs
            key: id
            retention: 1 year
            columns:
              id: {category: INTERNET_ACTIVITY}
        """, "table 'logs': needs identity columns or a parent");
  }

  @Test
  void erasureAndDeletionExceptionsAreChecked() {
    assertFails("""
          - name: customers
            key: id
            identity: {EMAIL: email}
            retention: 1 year
            columns:
              id: {category: IDENTIFIERS, erasure: RETAIN, retainBecause: row key}
              email: {category: IDENTIFIERS, erasure: NULL}
        """, "column 'email': erasure is required (the table's key is not DELETE_ROW, so rows are kept and each column erased;"
        + " note that YAML reads an unquoted NULL as no value: write SET_NULL)");
    assertFails("""
          - name: customers
            key: id
            identity: {EMAIL: email}
            retention: 1 year
            columns:
              id: {category: IDENTIFIERS, erasure: RETAIN, retainBecause: row key}
              email: {category: IDENTIFIERS, erasure: DELETE_ROW}
        """, "column 'email': DELETE_ROW belongs on the key column 'id'");
    String orders = """
          - name: orders
            key: id
            identity: {EMAIL: email}
            retention: 7 years
            exceptions:
              - {basis: LEGAL_OBLIGATION, reason: tax, when: %s, keep: %s}
            columns:
              id: {category: COMMERCIAL_INFORMATION, erasure: DELETE_ROW}
              email: {category: IDENTIFIERS}
              card: {category: SENSITIVE_PERSONAL_INFORMATION, erasure: SET_NULL}
              ordered_at: {category: COMMERCIAL_INFORMATION}
        """;
    assertFails(orders.formatted("{column: placed_at, within: P7Y}", "[ordered_at]"),
        "table 'orders' exceptions[0]: when.column 'placed_at' must be listed under columns");
    assertFails(orders.formatted("{column: ordered_at}", "[ordered_at]"), "table 'orders' exceptions[0]: when needs in, notIn or within");
    assertFails(orders.formatted("{column: ordered_at, within: P7Y}", "[total]"),
        "table 'orders' exceptions[0]: keep names column 'total', which is not listed under columns");
    assertFails(orders.formatted("{column: ordered_at, within: P7Y}", "[ordered_at]"),
        "table 'orders' exceptions[0]: column 'email' is not kept, so it needs erasure SET_NULL, REPLACE, HASH or RETAIN");
    assertFails(orders.formatted("{column: ordered_at, within: seven years}", "[ordered_at]"), "exceptions[0].when.within");
    String valid = SYSTEM_HEAD + orders.formatted("{column: ordered_at, within: P7Y}", "[email, ordered_at]").stripIndent().indent(4);
    DataMap map = DataMapLoader.load(new ByteArrayResource(valid.getBytes(StandardCharsets.UTF_8)), "m.yml", s -> s);
    var rule = map.systems().get(0).tables().get(0).exceptions().get(0);
    assertThat(rule.basis()).isEqualTo(DeletionException.LEGAL_OBLIGATION);
    assertThat(rule.when().within()).isEqualTo(java.time.Period.ofYears(7));
  }

  @Test
  void aCorrectableFieldNamesEveryColumnHoldingIt() {
    MockEnvironment env = new MockEnvironment()
        .withProperty("privacy.mail.business-name", "Shop").withProperty("privacy.mail.from", "p@example.com")
        .withProperty("privacy.public-base-url", "http://localhost").withProperty("privacy.demo-business.shop-url", "jdbc:h2:mem:a")
        .withProperty("privacy.demo-business.marketing-url", "jdbc:h2:mem:b");
    DataMap map = DataMapLoader.load(new ClassPathResource("data-map.yml"), "data-map.yml", env::resolveRequiredPlaceholders);
    // email and postal code live in the shop and in marketing: one field each
    assertThat(map.correctableFields()).containsOnlyKeys("email", "name", "phone", "street", "city", "postalCode", "birthDate", "first_name");
    assertThat(map.correctableFields().get("postalCode")).isEqualTo("postal code");
    assertFails("""
          - name: customers
            key: id
            identity: {EMAIL: email}
            retention: forever
            columns:
              id: {category: IDENTIFIERS}
              email: {category: IDENTIFIERS, field: contactEmail}
        """, "column 'email': field 'contactEmail' only applies to correctable columns");
    assertFails("""
          - name: customers
            key: id
            identity: {EMAIL: email}
            retention: forever
            columns:
              id: {category: IDENTIFIERS}
              email: {category: IDENTIFIERS, correctable: true, field: "contact email"}
        """, "field 'contact email' must be letters, digits and '_'");
  }

  @Test
  void anUnresolvedPlaceholderNamesItself() {
    UnaryOperator<String> env = new MockEnvironment()::resolveRequiredPlaceholders;
    String yaml = SYSTEM_HEAD.replace("jdbc:h2:mem:x", "${SHOP_DB_URL}")
        + "      - {name: t, key: id, identity: {EMAIL: id}, retention: x, columns: {id: {category: IDENTIFIERS}}}\n";
    assertThatThrownBy(() -> DataMapLoader.load(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)), "m.yml", env))
        .isInstanceOf(DataMapException.class).hasMessageContaining("SHOP_DB_URL");
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> DataMapLoader.load(new FileSystemResource(dir.resolve("nope.yml")), "file:nope.yml", s -> s))
        .hasMessageContaining("privacy.data-map.location: file:nope.yml does not exist");
  }

  private static void assertFails(String tables, String message) {
    String yaml = SYSTEM_HEAD + tables.stripIndent().indent(4);
    assertThatThrownBy(() -> DataMapLoader.load(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)), "m.yml", s -> s))
        .isInstanceOf(DataMapException.class)
        .hasMessageContaining("data map m.yml")
        .hasMessageContaining(message);
  }
}
