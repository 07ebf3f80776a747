package com.privacycasemanager.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.ProcessTestSupport;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * An authorized agent's request over the API: the agent learns where to upload the signed
 * permission only from the answer to the request, after the case started. Review agent permission
 * must show the reviewer what is on file when they open it: the process waits for the upload (until
 * the wait ends, when the task says nothing is on file), and a late upload updates the open task.
 */
class AgentPermissionReviewTest extends ProcessTestSupport {

  /** Monday 2026-11-02, 10:00 in California. */
  static final Instant RECEIVED = Instant.parse("2026-11-02T18:00:00Z");
  /** Seven days after receipt: Monday 2026-11-09, 23:59:59 PST. */
  static final Instant WAIT_OVER = Instant.parse("2026-11-10T07:59:59Z");

  @Autowired TestRestTemplate http;

  @Test
  void anUploadAfterTheCaseStartedIsOnFileWhenTheReviewerOpensTheTask() {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    JsonNode accepted = submitAsAgent("agent.upload.later@example.com");
    RequestId id = new RequestId(accepted.path("requestId").asText());
    // the job executor runs the case's first steps as soon as it starts, before the agent can upload
    caseJobs.runAsyncSteps(id);

    assertThat(upload(accepted.path("agentPermissionUploadUrl").asText()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    caseJobs.runAsyncSteps(id);

    Task review = reviewTask(id);
    assertThat(review).as("the review task").isNotNull();
    assertThat(formVariable(review, "agentPermissionOnFile")).isTrue();
  }

  @Test
  void withoutAnUploadTheTaskAppearsWhenTheWaitIsOverAndALateUploadStillShows() {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    JsonNode accepted = submitAsAgent("agent.no.upload@example.com");
    RequestId id = new RequestId(accepted.path("requestId").asText());
    caseJobs.runAsyncSteps(id);
    ProcessInstance verify = called(instance(id, ProcessKeys.RIGHT_TO_KNOW), ProcessKeys.VERIFY_IDENTITY);
    assertThat(verify).isWaitingAt("Task_AwaitAgentPermission");
    assertThat(reviewTask(id)).as("no review before the wait is over").isNull();
    assertThat(timer(verify, "Event_AgentPermissionWaitOver").getDuedate()).isEqualTo(Date.from(WAIT_OVER));

    ClockUtil.setCurrentTime(Date.from(WAIT_OVER.plusSeconds(1)));
    caseJobs.runDueJobs(id);
    assertThat(verify).hasPassed("Event_AgentPermissionWaitOver").isWaitingAt("Task_ReviewAgentPermission");
    Task review = reviewTask(id);
    assertThat(formVariable(review, "agentPermissionOnFile")).as("nothing uploaded").isFalse();

    assertThat(upload(accepted.path("agentPermissionUploadUrl").asText()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(formVariable(review, "agentPermissionOnFile")).as("the open task shows the late upload").isTrue();
  }

  @Test
  void anUploadBeforeVerificationStartsNeedsNoWait() {
    ClockUtil.setCurrentTime(Date.from(RECEIVED));
    JsonNode accepted = submitAsAgent("agent.upload.first@example.com");
    RequestId id = new RequestId(accepted.path("requestId").asText());
    assertThat(upload(accepted.path("agentPermissionUploadUrl").asText()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    caseJobs.runAsyncSteps(id);
    ProcessInstance verify = called(instance(id, ProcessKeys.RIGHT_TO_KNOW), ProcessKeys.VERIFY_IDENTITY);
    assertThat(verify).isWaitingAt("Task_ReviewAgentPermission").hasNotPassed("Task_AwaitAgentPermission");
    assertThat(formVariable(reviewTask(id), "agentPermissionOnFile")).isTrue();
  }

  // ------------------------------------------------------------------ helpers

  JsonNode submitAsAgent(String email) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> response = http.postForEntity("/api/privacy/requests", new HttpEntity<>(
        "{\"type\":\"KNOW_CATEGORIES\",\"email\":\"" + email + "\",\"agent\":{\"name\":\"Pat Agent\",\"permission\":true}}", headers),
        JsonNode.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    return response.getBody();
  }

  ResponseEntity<String> upload(String path) {
    LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    HttpHeaders part = new HttpHeaders();
    part.setContentType(MediaType.APPLICATION_PDF);
    form.add("file", new HttpEntity<>(new ByteArrayResource("%PDF-1.4 signed by the consumer".getBytes()) {
      @Override
      public String getFilename() {
        return "permission.pdf";
      }
    }, part));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.postForEntity(path, new HttpEntity<>(form, headers), String.class);
  }

  Task reviewTask(RequestId id) {
    return processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(id.value())
        .taskDefinitionKey("Task_ReviewAgentPermission").singleResult();
  }

  /** A variable of the task's form as Tasklist loads it when the reviewer opens the task. */
  boolean formVariable(Task task, String name) {
    ResponseEntity<JsonNode> variables = http.withBasicAuth("reviewer", "reviewer")
        .getForEntity("/engine-rest/task/" + task.getId() + "/form-variables", JsonNode.class);
    assertThat(variables.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(variables.getBody().has(name)).as(name + " among the form variables").isTrue();
    return variables.getBody().path(name).path("value").asBoolean();
  }
}
