package com.privacycasemanager.erasure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.ProcessTestSupport;
import com.privacycasemanager.verification.IdentityVerification;
import com.privacycasemanager.verification.IdentityVerification.Confirmation;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Drives requests to delete on the demo business. Each test deletes a customer of its own: ids
 * 150–299 (1–40 are read by the collection tests, 100–149 corrected by the correction tests, 300
 * deleted by the browser test), never one another test claimed; verified to a reasonably high degree with that
 * customer's real name, street and postal code and a signed declaration.
 */
abstract class DeletionTestSupport extends ProcessTestSupport {

  static final Pattern LINK = Pattern.compile("/privacy/verify/(CCPA-[0-9]{8}-[0-9A-F]{8})\\?t=([A-Za-z0-9_-]+)");
  static final String AD_NETWORK = "ad-network";
  static final String ANALYTICS = "analytics";

  @Autowired IntakeService intake;
  @Autowired CaseRepository cases;
  @Autowired IdentityVerification verification;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired ConnectedSystems systems;
  @Autowired DeletionRepository deletions;

  JdbcTemplate shop() {
    return new JdbcTemplate(systems.dataSource("shop"));
  }

  JdbcTemplate marketing() {
    return new JdbcTemplate(systems.dataSource("marketing"));
  }

  /**
   * A demo customer from {@code from} up with at least one order still being processed, one
   * fulfilled order, activity and a marketing subscription: every kind of row a deletion meets.
   */
  long customerWithEverything() {
    for (long id = 150; id < 300; id++) {
      if (CLAIMED.contains(id)) {
        continue;
      }
      boolean processing = count(shop(), "select count(*) from orders where customer_id = ? and status <> 'FULFILLED'", id) > 0;
      boolean fulfilled = count(shop(), "select count(*) from orders where customer_id = ? and status = 'FULFILLED'", id) > 0;
      boolean activity = count(shop(), "select count(*) from activity_log where customer_id = ?", id) > 0;
      boolean subscribed = count(marketing(), "select count(*) from subscribers where email = ?", DemoBusiness.customerEmail(id)) > 0;
      if (processing && fulfilled && activity && subscribed) {
        CLAIMED.add(id);
        return id;
      }
    }
    throw new AssertionError("no unclaimed demo customer with every kind of row left");
  }

  /** Customers a test has deleted (or is deleting) in this JVM's shared demo business. */
  private static final java.util.Set<Long> CLAIMED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static int count(JdbcTemplate jdbc, String sql, Object arg) {
    return jdbc.queryForObject(sql, Integer.class, arg);
  }

  /** A request to delete with the customer's own name, street and postal code and a declaration. */
  RequestId submitDelete(long customer) {
    Map<String, Object> row = shop().queryForMap("select full_name, street, postal_code from customers where id = ?", customer);
    Map<String, String> points = new LinkedHashMap<>();
    points.put("name", (String) row.get("FULL_NAME"));
    points.put("street", (String) row.get("STREET"));
    points.put("postalCode", (String) row.get("POSTAL_CODE"));
    IntakeRequest body = new IntakeRequest("DELETE", DemoBusiness.customerEmail(customer), (String) row.get("FULL_NAME"), null,
        points, null, null, new IntakeRequest.Declaration((String) row.get("FULL_NAME"), true), null, null);
    return intake.submit(body, Channel.API, null).record().requestId();
  }

  ProcessInstance instance(RequestId id) {
    return instance(id, ProcessKeys.RIGHT_TO_DELETE);
  }

  List<Job> jobs(ProcessInstance instance, String activityId) {
    return management.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).list();
  }

  /** Acknowledgement, email link, confirmation: returns with the case waiting at the preview job. */
  ProcessInstance verified(RequestId id) throws Exception {
    ProcessInstance delete = instance(id);
    sendMail(delete);
    ProcessInstance verify = called(delete, ProcessKeys.VERIFY_IDENTITY);
    mail.purgeEmailFromAllMailboxes();
    sendMail(verify);
    MimeMessage link = lastMessage();
    Matcher m = LINK.matcher((String) link.getContent());
    assertThat(m.find()).as("a confirmation link").isTrue();
    assertThat(verification.confirm(id, m.group(2))).isEqualTo(Confirmation.CONFIRMED);
    return delete;
  }

  /** Runs every erasure job (one per system) of the case. */
  void eraseEverySystem(ProcessInstance delete) {
    List<Job> erasures = jobs(delete, "Task_EraseSystem");
    assertThat(erasures).as("one erasure job per system").hasSize(2);
    erasures.forEach(j -> execute(j));
  }

  MimeMessage lastMessage() {
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).isNotEmpty();
    return received[received.length - 1];
  }

  void recipientAnswers(String recipientId, int status) {
    recipients.stubFor(post(urlEqualTo("/hooks/" + recipientId)).willReturn(aResponse().withStatus(status)));
  }

  /** Every row of every demo table, in key order: the whole state of both systems. */
  Map<String, List<Map<String, Object>>> snapshot() {
    Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
    for (String table : List.of("customers", "orders", "order_items", "activity_log", "device_locations")) {
      all.put("shop." + table, new ArrayList<>(shop().queryForList("select * from " + table + " order by id")));
    }
    for (String table : List.of("subscribers", "email_events")) {
      all.put("marketing." + table, new ArrayList<>(marketing().queryForList("select * from " + table + " order by id")));
    }
    return all;
  }
}
