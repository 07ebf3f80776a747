package com.privacycasemanager.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.privacycasemanager.access.AccessPackages;
import com.privacycasemanager.correction.ConsumerRows;
import com.privacycasemanager.correction.CorrectionCaseFile;
import com.privacycasemanager.correction.CorrectionCaseFile.FieldView;
import com.privacycasemanager.correction.CorrectionRepository.RowRef;
import com.privacycasemanager.datamap.Collected;
import com.privacycasemanager.datamap.Collector;
import com.privacycasemanager.datamap.ColumnErasure;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.datamap.KeyedHash;
import com.privacycasemanager.datamap.LookBack;
import com.privacycasemanager.notification.RecipientDeliveries;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.Subject;
import com.privacycasemanager.support.Zips;
import com.privacycasemanager.verification.IdentityVerification.Confirmation;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * After a deletion that kept rows under the data map's exceptions (orders being delivered, tax
 * records), the consumer's next request still finds what is kept, by the keyed hash the erasure
 * wrote in place of the email: a request to know, a second deletion's preview, a correction and
 * the case file. Nobody else finds those rows.
 */
class AfterPartialDeletionTest extends DeletionTestSupport {

  /** Monday 2026-11-02, 10:00 in California. */
  static final Instant RECEIVED = Instant.parse("2026-11-02T18:00:00Z");
  static final ZoneId LA = ZoneId.of("America/Los_Angeles");

  @Autowired RecipientDeliveries recipientDeliveries;
  @Autowired AccessPackages packages;
  @Autowired Collector collector;
  @Autowired DeletionPlanner planner;
  @Autowired DeletionReview review;
  @Autowired ConsumerRows consumerRows;
  @Autowired CorrectionCaseFile correctionCaseFile;
  @Autowired TestRestTemplate http;

  @Test
  void aRequestToKnowAfterAPartialDeletionFindsTheKeptOrdersAndTheirCategories() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    long customer = customerWithEverything();
    deletedToTheEnd(customer);
    int keptOrders = keptOrders(customer);
    assertThat(keptOrders).as("the fixture: orders kept under an exception").isPositive();
    String shippingStreet = shop().queryForObject(
        "select min(shipping_street) from orders where customer_id = ? and status not in ('FULFILLED', 'CANCELLED')", String.class, customer);
    assertThat(shippingStreet).as("an order being delivered keeps its shipping address").isNotNull();

    RequestId know = submitKnow("KNOW_CATEGORIES", DemoBusiness.customerEmail(customer));
    ProcessInstance instance = instance(know, ProcessKeys.RIGHT_TO_KNOW);
    confirmEmail(know);
    assertThat(instance).isWaitingAt("Task_ReviewDisclosure");
    String summary = (String) runtime.getVariable(instance.getId(), "reviewSummary");
    assertThat(summary)
        .contains("- Online shop / customers: 1 row")
        .contains("- Online shop / orders: " + keptOrders + (keptOrders == 1 ? " row" : " rows"))
        .contains("Sensitive personal information")
        .contains("Customer records")
        .doesNotContain("Nothing found");

    complete(task(instance), withVariables("approved", true, "reviewNote", "kept orders listed"));
    caseJobs.runAsyncSteps(know);
    assertThat(instance).isEnded();
    Map<String, String> answer = Zips.unzip(packages.open(know).orElseThrow());
    assertThat(answer.get("index.html")).doesNotContain("We found no personal information about you.");
    assertThat(answer.get("categories.json")).contains("payment card number").contains("shipping address");

    // the specific pieces the same collection gives a request verified to a reasonably high degree
    RequestId specific = submitKnow("KNOW_SPECIFIC", DemoBusiness.customerEmail(customer));
    packages.build(specific, true, null);
    Map<String, String> pieces = Zips.unzip(packages.open(specific).orElseThrow());
    assertThat(pieces.get("personal-information.json")).contains(shippingStreet).contains(Collected.WITHHELD);
    assertThat(pieces.get("csv/shop-orders.csv").split("\r\n")).hasSize(keptOrders + 1);
  }

  @Test
  void aSecondDeletionsPreviewListsWhatIsStillHeld() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    long customer = customerWithEverything();
    deletedToTheEnd(customer);
    int delivering = count(shop(), "select count(*) from orders where customer_id = ? and status not in ('FULFILLED', 'CANCELLED')", customer);

    RequestId second = submitDelete(DemoBusiness.customerEmail(customer).toUpperCase(Locale.ROOT));
    Subject subject = cases.get(second).subject();
    // what Task_PreviewDeletion plans and shows the reviewer
    List<DeletionPlan> plans = new ArrayList<>();
    for (String system : List.of("shop", "marketing")) {
      plans.add(planner.plan(system, subject, Map.of(), List.of()));
    }
    assertThat(review.summary(plans))
        .contains("- customers: 1 row erased")
        .contains("- orders: " + delivering + (delivering == 1 ? " row" : " rows") + " kept under §1798.105(d)(1) COMPLETE_TRANSACTION")
        .contains("- subscribers: 1 row erased")
        .doesNotContain("Nothing found");
  }

  @Test
  void aCorrectionAfterAPartialDeletionShowsWhatEachSystemHoldsNow() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    long customer = customerWithEverything();
    deletedToTheEnd(customer);
    String email = DemoBusiness.customerEmail(customer);
    IntakeRequest body = new IntakeRequest("CORRECT", email, null, null, null, Map.of("street", "1 Corrected Street"), null,
        new IntakeRequest.Declaration("A Consumer", true), null, null);
    RequestId correct = intake.submit(body, Channel.API, null).record().requestId();

    assertThat(consumerRows.find(cases.get(correct).subject()))
        .extracting(RowRef::system, RowRef::table, r -> ((Number) r.key()).longValue())
        .contains(org.assertj.core.groups.Tuple.tuple("shop", "customers", customer));
    FieldView street = correctionCaseFile.of(cases.get(correct)).orElseThrow().fields().get(0);
    assertThat(street.held()).containsExactly("Online shop / customers: (empty)");

    ResponseEntity<String> page = http.withBasicAuth("reviewer", "reviewer").getForEntity("/staff/cases/" + correct.value(), String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("Online shop / customers: (empty)").doesNotContain("nothing held");
  }

  @Test
  void nobodyElseFindsTheRowsADeletionKept() throws Exception {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    long customer = customerWithEverything();
    deletedToTheEnd(customer);
    String hashed = shop().queryForObject("select email from customers where id = ?", String.class, customer);
    assertThat(hashed).startsWith(KeyedHash.PREFIX);
    LookBack all = LookBack.of(RECEIVED, true, LA);

    Collected stranger = collector.collect(new Subject("someone.else@example.org", null, null, null, null, null), all);
    assertThat(stranger.isEmpty()).isTrue();
    Collected byTheHash = collector.collect(new Subject(hashed, null, null, null, null, hashed), all);
    assertThat(byTheHash.isEmpty()).as("the stored hash is no identifier of anyone").isTrue();
    long neighbour = 3;
    Collected other = collector.collect(new Subject(DemoBusiness.customerEmail(neighbour), null, null, null, null, null), all);
    assertThat(ids(other, "customers")).containsExactly(neighbour);
    assertThat(ids(other, "orders")).hasSize(count(shop(),
        "select count(*) from orders where customer_id = " + neighbour + " and ordered_at >= ?", Timestamp.from(all.since())));
  }

  // ------------------------------------------------------------------ helpers

  /** A deletion of the customer, verified, approved, erased, answered and confirmed by every recipient. */
  void deletedToTheEnd(long customer) throws Exception {
    RequestId id = submitDelete(customer);
    ProcessInstance delete = verified(id);
    caseJobs.runAsyncSteps(id);
    recipientAnswers(AD_NETWORK, 200);
    recipientAnswers(ANALYTICS, 202);
    complete(task(delete), withVariables("approved", true, "reviewNote", "preview checked"));
    caseJobs.runAsyncSteps(id);
    assertThat(recipientDeliveries.acknowledgeByRecipient(ANALYTICS, id.value() + ":" + ANALYTICS)).isTrue();
    assertThat(delete).isEnded().hasPassed("Event_Deleted");
    assertThat(shop().queryForObject("select email from customers where id = ?", String.class, customer))
        .startsWith(KeyedHash.PREFIX);
  }

  /** Orders of the customer still held (kept whole or in part) since 2022, the longest look-back. */
  int keptOrders(long customer) {
    return count(shop(), "select count(*) from orders where customer_id = " + customer + " and ordered_at >= ?",
        Timestamp.from(LookBack.of(RECEIVED, true, LA).since()));
  }

  RequestId submitKnow(String type, String email) {
    IntakeRequest body = new IntakeRequest(type, email, null, null, null, null, Boolean.TRUE, null, null, null);
    return intake.submit(body, Channel.API, null).record().requestId();
  }

  /** A request to delete from the email as given (no data points: the preview, not verification, is looked at). */
  RequestId submitDelete(String email) {
    IntakeRequest body = new IntakeRequest("DELETE", email, null, null, null, null, null,
        new IntakeRequest.Declaration("A Consumer", true), null, null);
    return intake.submit(body, Channel.API, null).record().requestId();
  }

  /** Runs the case to its emailed link and confirms it. */
  void confirmEmail(RequestId id) throws Exception {
    mail.purgeEmailFromAllMailboxes();
    caseJobs.runAsyncSteps(id);
    Matcher m = LINK.matcher((String) lastMessage().getContent());
    assertThat(m.find()).as("a confirmation link").isTrue();
    assertThat(verification.confirm(id, m.group(2))).isEqualTo(Confirmation.CONFIRMED);
    caseJobs.runAsyncSteps(id);
  }

  static List<Object> ids(Collected collected, String table) {
    List<Object> ids = new ArrayList<>();
    for (var system : collected.systems()) {
      for (var rows : system.tables()) {
        if (rows.table().equalsIgnoreCase(table)) {
          int key = rows.columns().indexOf("id");
          rows.rows().forEach(r -> ids.add(((Number) r[key]).longValue()));
        }
      }
    }
    return ids;
  }
}
