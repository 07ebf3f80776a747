package com.privacycasemanager.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseRepository.CaseEvent;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.support.CaseTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Drives a preference case up to the notify-recipients call and reads what it recorded. Test
 * recipients (recipients-test.yml): ad-network (webhook, ON_DELIVERY), analytics (webhook,
 * CALLBACK), print-shop (no endpoint, by hand).
 */
abstract class NotificationTestSupport extends CaseTestSupport {

  static final String AD_NETWORK = "ad-network";
  static final String ANALYTICS = "analytics";
  static final String PRINT_SHOP = "print-shop";
  static final String AD_NETWORK_SECRET = "test-webhook-secret-ad-network";
  static final String ANALYTICS_SECRET = "test-webhook-secret-analytics";

  static final String CONSUMER_EMAIL = "jane.consumer@example.com";
  static final String CONSUMER_DEVICE = "device-0123456789";

  @Autowired IntakeService intake;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired DeliveryRepository deliveries;
  @Autowired CaseRepository cases;
  @Autowired TestRestTemplate rest;

  /** A case as the intake API opens it; returns the request process, waiting to email the acknowledgement. */
  ProcessInstance submit(RequestType type) {
    String requestId =
        intake
            .submit(
                new IntakeRequest(type.name(), CONSUMER_EMAIL, null, null, null, null, null, null, null, CONSUMER_DEVICE),
                Channel.API,
                null)
            .record()
            .requestId()
            .value();
    return runtimeService
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(requestId)
        .processDefinitionKey(type.processKey())
        .singleResult();
  }

  /**
   * Sends the acknowledgement email, then runs the step after it (a mail step commits on its own),
   * which starts notify-recipients; returns the called instance.
   */
  ProcessInstance startPropagation(ProcessInstance requestProcess) {
    execute(job("Task_SendAcknowledgement", requestProcess));
    execute(job("Task_SendAcknowledgement", requestProcess));
    ProcessInstance called = calledProcessInstance(ProcessKeys.NOTIFY_RECIPIENTS, requestProcess);
    return called;
  }

  /** The delivery job of one recipient's branch. */
  Job deliveryJob(ProcessInstance notify, String recipientId) {
    return managementService.createJobQuery().processInstanceId(notify.getId()).activityId("Task_DeliverNotification").list()
        .stream()
        .filter(j -> recipientId.equals(runtimeService.getVariable(j.getExecutionId(), "recipientId")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no delivery job for " + recipientId));
  }

  /** Runs a job that is expected to fail; returns what it threw. */
  Exception executeFailing(Job job) {
    try {
      managementService.executeJob(job.getId());
    } catch (Exception e) {
      return e;
    }
    throw new AssertionError("the job did not fail");
  }

  Job reload(Job job) {
    return managementService.createJobQuery().jobId(job.getId()).singleResult();
  }

  /** The one manual task of a notify-recipients instance. */
  Task manualTask(ProcessInstance notify) {
    return taskService.createTaskQuery().processInstanceId(notify.getId()).taskDefinitionKey("Task_NotifyRecipientByHand")
        .singleResult();
  }

  Delivery delivery(ProcessInstance process, String recipientId) {
    return deliveries
        .find(process.getBusinessKey(), recipientId)
        .orElseThrow(() -> new AssertionError("no recipient_delivery row for " + recipientId));
  }

  List<CaseEvent> events(ProcessInstance process) {
    return cases.events(new RequestId(process.getBusinessKey()));
  }

  Instant dueAt(ProcessInstance process) {
    return cases.get(new RequestId(process.getBusinessKey())).dueAt();
  }

  static String deliveryKey(ProcessInstance process, String recipientId) {
    return process.getBusinessKey() + ":" + recipientId;
  }

  static String hookPath(String recipientId) {
    return "/hooks/" + recipientId;
  }

  void recipientAnswers(String recipientId, int status) {
    recipients.stubFor(post(urlEqualTo(hookPath(recipientId))).willReturn(aResponse().withStatus(status)));
  }

  /**
   * The signature a recipient computes, written out here rather than taken from WebhookSigner so
   * that a change there cannot make both sides agree on something wrong.
   */
  static String signature(String secret, String timestamp, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, message, 0, prefix.length);
    System.arraycopy(body, 0, message, prefix.length, body.length);
    return "v1=" + HexFormat.of().formatHex(mac.doFinal(message));
  }

  /** POSTs a freshly signed acknowledgement, as a recipient would. */
  ResponseEntity<String> acknowledge(String recipientId, String secret, String deliveryKey) {
    return postAcknowledgement(recipientId, secret, Instant.now().getEpochSecond(), "{\"deliveryKey\":\"" + deliveryKey + "\"}");
  }

  ResponseEntity<String> postAcknowledgement(String recipientId, String secret, long timestamp, String body) {
    try {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      HttpHeaders headers = new HttpHeaders();
      headers.setContentType(MediaType.APPLICATION_JSON);
      headers.set("X-PCM-Timestamp", String.valueOf(timestamp));
      headers.set("X-PCM-Signature", signature(secret, String.valueOf(timestamp), bytes));
      return postAcknowledgement(recipientId, headers, bytes);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  ResponseEntity<String> postAcknowledgement(String recipientId, HttpHeaders headers, byte[] body) {
    return rest.postForEntity(
        baseUrl() + "/api/recipients/" + recipientId + "/acknowledgements", new HttpEntity<>(body, headers), String.class);
  }

  /**
   * Completes a task as a staff member would in Tasklist (authorizations are on), then logs out
   * again so that the test's own queries are not filtered by that user's permissions.
   */
  void completeAs(String userId, String group, Task task, Object... variables) {
    identityService.setAuthentication(userId, List.of(group));
    try {
      complete(task, withVariables(variables[0].toString(), variables[1], java.util.Arrays.copyOfRange(variables, 2, variables.length)));
    } finally {
      identityService.clearAuthentication();
    }
  }
}
