package com.privacycasemanager.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.datamap.Collected;
import com.privacycasemanager.datamap.Collected.TableRows;
import com.privacycasemanager.datamap.Collector;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.datamap.LookBack;
import com.privacycasemanager.request.Subject;
import com.privacycasemanager.support.CaseTestSupport;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Collection on the demo data, checked against SQL written independently of the collector: every
 * row of the consumer in both systems, nothing of anyone else — including the customer who shares
 * the consumer's name and postal address.
 */
class CollectionTest extends CaseTestSupport {

  static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  static final Instant RECEIVED = Instant.parse("2026-11-02T18:00:00Z");

  @Autowired Collector collector;
  @Autowired ConnectedSystems systems;

  JdbcTemplate shop() {
    return new JdbcTemplate(systems.dataSource("shop"));
  }

  JdbcTemplate marketing() {
    return new JdbcTemplate(systems.dataSource("marketing"));
  }

  @Test
  void theTwoAlexRiverasShareANameAndAnAddressButNoRows() {
    assertThat(shop().queryForList("select full_name, street, postal_code from customers where id in (1, 2)"))
        .as("the fixture: same name and address").hasSize(2)
        .allSatisfy(r -> assertThat(r.values().toString()).contains("Alex Rivera").contains("12 Ocean Avenue").contains("90401"));

    Collected one = collector.collect(subject(1), LookBack.of(RECEIVED, true, LA));
    Collected two = collector.collect(subject(2), LookBack.of(RECEIVED, true, LA));
    assertThat(ids(one, "shop", "customers")).containsExactly(1L);
    assertThat(ids(two, "shop", "customers")).containsExactly(2L);
    for (String table : List.of("orders", "activity_log", "device_locations")) {
      Set<Object> owners = new HashSet<>(column(one, "shop", table, "customer_id"));
      assertThat(owners).as(table).isSubsetOf(Set.of(1L));
    }
    Set<Object> itemsOfOne = new HashSet<>(ids(one, "shop", "order_items"));
    Set<Object> itemsOfTwo = new HashSet<>(ids(two, "shop", "order_items"));
    itemsOfOne.retainAll(itemsOfTwo);
    assertThat(itemsOfOne).isEmpty();
  }

  @Test
  void everyRowOfTheConsumerInBothSystemsIsFoundBackTo2022() {
    for (long customer = 1; customer <= 40; customer++) {
      Collected found = collector.collect(subject(customer), LookBack.of(RECEIVED, true, LA));
      Instant since = LookBack.of(RECEIVED, true, LA).since();
      assertRowsMatch(found, customer, since);
    }
  }

  @Test
  void theDefaultLookBackIsTheTwelveMonthsBeforeReceipt() {
    Instant since = LookBack.of(RECEIVED, false, LA).since();
    assertThat(since).isEqualTo(Instant.parse("2025-11-02T07:00:00Z"));
    long withOldRows = 0;
    for (long customer = 1; customer <= 40; customer++) {
      Collected found = collector.collect(subject(customer), LookBack.of(RECEIVED, false, LA));
      assertRowsMatch(found, customer, since);
      Collected all = collector.collect(subject(customer), LookBack.of(RECEIVED, true, LA));
      if (all.rowCount() > found.rowCount()) {
        withOldRows++;
      }
    }
    assertThat(withOldRows).as("the demo data has rows older than 12 months for most customers").isGreaterThan(20);
  }

  @Test
  void neverDiscloseValuesAreWithheldAndLabelled() {
    Collected found = collector.collect(subject(1), LookBack.of(RECEIVED, true, LA));
    TableRows customers = table(found, "shop", "customers");
    int ssn = customers.columns().indexOf("ssn");
    int password = customers.columns().indexOf("password_hash");
    int email = customers.columns().indexOf("email");
    Object[] row = customers.rows().get(0);
    assertThat(row[ssn]).isEqualTo(Collected.WITHHELD);
    assertThat(row[password]).isEqualTo(Collected.WITHHELD);
    assertThat(row[email]).isEqualTo("alex.rivera@example.com");
    String realSsn = shop().queryForObject("select ssn from customers where id = 1", String.class);
    assertThat(allValues(found)).contains("alex.rivera@example.com").doesNotContain(realSsn);
    for (Object[] order : table(found, "shop", "orders").rows()) {
      assertThat(order[table(found, "shop", "orders").columns().indexOf("card_number")]).isEqualTo(Collected.WITHHELD);
    }
  }

  @Test
  void aConsumerIsFoundByEmailWhateverItsCase() {
    Subject shouting = new Subject("ALEX.Rivera@Example.COM", null, null, null, null, null);
    assertThat(ids(collector.collect(shouting, LookBack.of(RECEIVED, true, LA)), "shop", "customers")).containsExactly(1L);
    Subject nobody = new Subject("nobody@example.org", null, null, null, null, null);
    assertThat(collector.collect(nobody, LookBack.of(RECEIVED, true, LA)).isEmpty()).isTrue();
  }

  private void assertRowsMatch(Collected found, long customer, Instant since) {
    String email = DemoBusiness.customerEmail(customer);
    java.sql.Timestamp from = java.sql.Timestamp.from(since);
    assertThat(ids(found, "shop", "customers")).containsExactly(customer);
    assertThat(ids(found, "shop", "orders")).containsExactlyInAnyOrderElementsOf(
        shop().queryForList("select id from orders where customer_id = ? and ordered_at >= ?", Long.class, customer, from));
    assertThat(ids(found, "shop", "order_items")).containsExactlyInAnyOrderElementsOf(
        shop().queryForList("select i.id from order_items i join orders o on o.id = i.order_id where o.customer_id = ? and o.ordered_at >= ?",
            Long.class, customer, from));
    assertThat(ids(found, "shop", "activity_log")).containsExactlyInAnyOrderElementsOf(
        shop().queryForList("select id from activity_log where customer_id = ? and occurred_at >= ?", Long.class, customer, from));
    assertThat(ids(found, "shop", "device_locations")).containsExactlyInAnyOrderElementsOf(
        shop().queryForList("select id from device_locations where customer_id = ? and recorded_at >= ?", Long.class, customer, from));
    assertThat(ids(found, "marketing", "subscribers")).containsExactlyInAnyOrderElementsOf(
        marketing().queryForList("select id from subscribers where email = ?", Long.class, email));
    assertThat(ids(found, "marketing", "email_events")).containsExactlyInAnyOrderElementsOf(
        marketing().queryForList("select e.id from email_events e join subscribers s on s.id = e.subscriber_id"
            + " where s.email = ? and e.occurred_at >= ?", Long.class, email, from));
  }

  static Subject subject(long customer) {
    return new Subject(DemoBusiness.customerEmail(customer), null, null, null, null, null);
  }

  static TableRows table(Collected collected, String system, String table) {
    return collected.systems().stream().filter(s -> s.id().equals(system)).findFirst().orElseThrow()
        .tables().stream().filter(t -> t.table().equals(table)).findFirst().orElseThrow();
  }

  static List<Object> column(Collected collected, String system, String table, String column) {
    TableRows rows = table(collected, system, table);
    int index = rows.columns().indexOf(column);
    List<Object> values = new ArrayList<>();
    for (Object[] row : rows.rows()) {
      values.add(row[index] instanceof Number n ? n.longValue() : row[index]);
    }
    return values;
  }

  static List<Object> ids(Collected collected, String system, String table) {
    return column(collected, system, table, "id");
  }

  static String allValues(Collected collected) {
    StringBuilder all = new StringBuilder();
    collected.systems().forEach(s -> s.tables().forEach(t -> t.rows().forEach(r -> all.append(java.util.Arrays.toString(r)))));
    return all.toString();
  }
}
