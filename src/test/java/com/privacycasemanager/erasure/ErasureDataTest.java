package com.privacycasemanager.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.privacycasemanager.datamap.ColumnErasure;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.datamap.KeyedHash;
import com.privacycasemanager.request.RequestId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a deletion leaves in the demo business, row by row: the consumer's deletable rows gone,
 * erasable columns erased, exactly the excepted rows kept, and every other consumer's rows
 * unchanged to the byte; also after a system fails and is retried, and when erasure runs twice.
 */
class ErasureDataTest extends DeletionTestSupport {

  static final Instant NOW = Instant.parse("2026-11-02T18:00:00Z");

  @Autowired EraseConsumerData eraseConsumerData;

  @Test
  void afterDeletionOnlyTheExceptedRowsOfTheConsumerRemainAndEveryoneElseIsUnchanged() throws Exception {
    ClockUtil.setCurrentTime(Date.from(NOW));
    long customer = customerWithEverything();
    long oldOrder = makeOneFulfilledOrderOlderThanSevenYears(customer);
    Map<String, Object> identity = shop().queryForMap("select * from customers where id = ?", customer);
    Map<String, List<Map<String, Object>>> before = snapshot();

    RequestId id = submitDelete(customer);
    ProcessInstance delete = approved(id);
    eraseEverySystem(delete);

    Map<String, List<Map<String, Object>>> after = snapshot();
    assertThat(after).isEqualTo(expectedAfterDeletion(before, customer));
    assertThat(rows(after, "shop.orders", "ID", oldOrder)).as("an order older than 7 years is deleted").isEmpty();
    // values only this consumer has (a street or a name may be someone else's too, or stay on an order being delivered)
    for (String column : List.of("EMAIL", "SSN", "PASSWORD_HASH")) {
      Object value = identity.get(column);
      assertThat(everyValue(after)).as("no system holds the consumer's " + column).doesNotContain(value);
    }

    // running the erasure again changes nothing more, and reads back the same receipt
    var receipt = deletions.receipt(id);
    for (String system : List.of("shop", "marketing")) {
      DeletionPlan plan = deletions.plan(id, system);
      eraseConsumerData.apply(plan);
      assertThat(eraseConsumerData.verify(plan)).containsExactlyInAnyOrderElementsOf(
          receipt.stream().filter(l -> l.systemId().equals(system)).toList());
    }
    assertThat(snapshot()).isEqualTo(after);
  }

  @Test
  void aFailingSystemRetriesOnItsOwnRaisesAnIncidentAndEndsLikeAnUninterruptedRun() throws Exception {
    ClockUtil.setCurrentTime(Date.from(NOW));
    long customer = customerWithEverything();
    Map<String, List<Map<String, Object>>> before = snapshot();
    RequestId id = submitDelete(customer);
    ProcessInstance delete = approved(id);

    marketing().execute("alter table subscribers rename to subscribers_offline");
    try {
      List<Job> erasures = jobs(delete, "Task_EraseSystem");
      Job marketingJob = erasures.stream().filter(j -> "marketing".equals(runtime.getVariable(j.getExecutionId(), "systemId"))).findFirst().orElseThrow();
      Job shopJob = erasures.stream().filter(j -> "shop".equals(runtime.getVariable(j.getExecutionId(), "systemId"))).findFirst().orElseThrow();
      for (int attempt = 1; attempt <= 3; attempt++) {
        assertThatThrownBy(() -> management.executeJob(marketingJob.getId()))
            .hasMessageContaining("erasure in system 'marketing' failed")
            .hasMessageNotContaining(DemoBusiness.customerEmail(customer));
        assertThat(management.createJobQuery().jobId(marketingJob.getId()).singleResult().getRetries()).isEqualTo(3 - attempt);
      }
      Incident incident = runtime.createIncidentQuery().processInstanceId(delete.getId()).singleResult();
      assertThat(incident.getActivityId()).isEqualTo("Task_EraseSystem");
      assertThat(incident.getIncidentMessage()).contains("marketing").doesNotContain(DemoBusiness.customerEmail(customer));
      assertThat(marketing().queryForObject("select count(*) from subscribers_offline where email = ?", Integer.class,
          DemoBusiness.customerEmail(customer))).as("the failed system's transaction rolled back").isEqualTo(1);

      execute(shopJob);
      assertThat(count(shop(), "select count(*) from activity_log where customer_id = ?", customer)).as("the other system goes on").isZero();
      assertThat(delete).isWaitingAt("Task_EraseSystem");
    } finally {
      marketing().execute("alter table subscribers_offline rename to subscribers");
    }
    Job retried = jobs(delete, "Task_EraseSystem").get(0);
    management.setJobRetries(retried.getId(), 1);
    execute(management.createJobQuery().jobId(retried.getId()).singleResult());
    assertThat(delete).isWaitingAt("Task_SendOutcome");
    assertThat(runtime.createIncidentQuery().processInstanceId(delete.getId()).count()).isZero();
    assertThat(snapshot()).isEqualTo(expectedAfterDeletion(before, customer));
  }

  /** Verified, previewed and approved: waiting at the erasure jobs. */
  ProcessInstance approved(RequestId id) throws Exception {
    ProcessInstance delete = verified(id);
    execute(job(delete));
    complete(task(delete), withVariables("approved", true, "reviewNote", "ok"));
    return delete;
  }

  long makeOneFulfilledOrderOlderThanSevenYears(long customer) {
    long order = shop().queryForObject("select min(id) from orders where customer_id = ? and status = 'FULFILLED'", Long.class, customer);
    shop().update("update orders set ordered_at = ? where id = ?", Timestamp.valueOf("2015-03-01 10:00:00"), order);
    return order;
  }

  /**
   * What the data map says a deletion of this customer leaves, worked out from the rows alone:
   * activity, locations and email events deleted; the customer and subscriber rows kept with
   * only key, creation date and consent, identifiers hashed; orders still being processed kept
   * whole; orders from the last 7 years kept without card and shipping address; older orders
   * deleted with their items; everything else unchanged.
   */
  Map<String, List<Map<String, Object>>> expectedAfterDeletion(Map<String, List<Map<String, Object>>> before, long customer) {
    String email = DemoBusiness.customerEmail(customer);
    Map<String, List<Map<String, Object>>> expected = new LinkedHashMap<>();
    before.forEach((table, rows) -> {
      List<Map<String, Object>> copy = new ArrayList<>();
      rows.forEach(r -> copy.add(new LinkedHashMap<>(r)));
      expected.put(table, copy);
    });
    Timestamp sevenYearsAgo = Timestamp.valueOf(NOW.atZone(java.time.ZoneId.of("America/Los_Angeles")).toLocalDate().minusYears(7).atStartOfDay());
    Set<Object> deletedOrders = new HashSet<>();
    for (Map<String, Object> order : expected.get("shop.orders")) {
      if (!Objects.equals(((Number) order.get("CUSTOMER_ID")).longValue(), customer)) {
        continue;
      }
      if (!"FULFILLED".equals(order.get("STATUS"))) {
        continue;
      }
      if (((Timestamp) order.get("ORDERED_AT")).before(sevenYearsAgo)) {
        deletedOrders.add(order.get("ID"));
      } else {
        order.put("CARD_NUMBER", null);
        order.put("SHIPPING_STREET", null);
      }
    }
    expected.get("shop.orders").removeIf(o -> deletedOrders.contains(o.get("ID")));
    expected.get("shop.order_items").removeIf(i -> deletedOrders.contains(i.get("ORDER_ID")));
    expected.get("shop.activity_log").removeIf(r -> ((Number) r.get("CUSTOMER_ID")).longValue() == customer);
    expected.get("shop.device_locations").removeIf(r -> ((Number) r.get("CUSTOMER_ID")).longValue() == customer);
    for (Map<String, Object> row : expected.get("shop.customers")) {
      if (((Number) row.get("ID")).longValue() == customer) {
        for (String column : List.of("FULL_NAME", "PHONE", "STREET", "CITY", "POSTAL_CODE", "BIRTH_DATE", "SSN", "PASSWORD_HASH",
            "SECURITY_ANSWER", "LOYALTY_SEGMENT")) {
          row.put(column, null);
        }
        row.put("EMAIL", hashed(after("shop.customers", "ID", customer, "EMAIL")));
      }
    }
    Set<Object> subscribers = new HashSet<>();
    for (Map<String, Object> row : expected.get("marketing.subscribers")) {
      if (email.equals(row.get("EMAIL"))) {
        subscribers.add(row.get("ID"));
        row.put("FIRST_NAME", null);
        row.put("POSTAL_CODE", null);
        row.put("INTERESTS", null);
        row.put("EMAIL", hashed(after("marketing.subscribers", "ID", row.get("ID"), "EMAIL")));
      }
    }
    expected.get("marketing.email_events").removeIf(r -> subscribers.contains(r.get("SUBSCRIBER_ID")));
    return expected;
  }

  /** The value now in the database, checked to be a keyed hash (its exact value depends on the secret). */
  static Object hashed(Object value) {
    assertThat(value).asString().startsWith(KeyedHash.PREFIX).hasSize(KeyedHash.PREFIX.length() + 40);
    return value;
  }

  Object after(String table, String keyColumn, Object key, String column) {
    var jdbc = table.startsWith("shop.") ? shop() : marketing();
    return jdbc.queryForObject("select " + column + " from " + table.substring(table.indexOf('.') + 1) + " where " + keyColumn + " = ?",
        Object.class, key);
  }

  static List<Map<String, Object>> rows(Map<String, List<Map<String, Object>>> all, String table, String column, Object value) {
    return all.get(table).stream().filter(r -> Objects.equals(((Number) r.get(column)).longValue(), ((Number) value).longValue())).toList();
  }

  static Set<Object> everyValue(Map<String, List<Map<String, Object>>> all) {
    Set<Object> values = new HashSet<>();
    all.values().forEach(rows -> rows.forEach(r -> values.addAll(r.values())));
    return values;
  }
}
