package com.privacycasemanager.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.support.CaseTestSupport;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Cases started by other systems through {@code POST /engine-rest/.../start}. */
class EngineRestStartTest extends CaseTestSupport {

  @Autowired TestRestTemplate http;
  @Autowired CaseRepository cases;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired PreferenceStore preferences;

  @Test
  void aRestStartGetsARequestIdACaseRecordAndNoPersonalVariables() {
    ResponseEntity<JsonNode> response =
        start("demo", "demo", "opt-out", Map.of(
            "variables", Map.of(
                "email", Map.of("value", "rest.started@example.com", "type", "String"),
                "name", Map.of("value", "Rest Started", "type", "String"),
                "type", Map.of("value", "OPT_OUT_SHARING", "type", "String"))));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    String businessKey = response.getBody().path("businessKey").asText();
    assertThat(RequestId.isValid(businessKey)).as(businessKey).isTrue();
    String instanceId = response.getBody().path("id").asText();

    CaseRecord record = cases.get(new RequestId(businessKey));
    assertThat(record.type()).isEqualTo(RequestType.OPT_OUT_SHARING);
    assertThat(record.channel()).isEqualTo(Channel.ENGINE_REST);
    assertThat(record.subject().email()).isEqualTo("rest.started@example.com");
    assertThat(record.subject().name()).isEqualTo("Rest Started");
    assertThat(record.status()).isEqualTo(CaseStatus.IN_EFFECT);

    assertThat(runtime.getVariables(instanceId))
        .containsOnlyKeys("requestId", "requestType")
        .containsEntry("requestId", businessKey)
        .containsEntry("requestType", "OPT_OUT_SHARING");
    // nor in history: not the current value, not the value at start
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instanceId).list())
        .extracting("name")
        .doesNotContain("email", "name", "phone", "deviceId", "agentName");
    assertThat(history.createHistoricDetailQuery().processInstanceId(instanceId).list()).isEmpty();
    assertThat(preferences.check(List.of(Identifier.email("rest.started@example.com"))).get(Preference.SHARING)).isFalse();
  }

  @Test
  void aRestStartWithARequestIdBusinessKeyKeepsIt() {
    ResponseEntity<JsonNode> response =
        start("demo", "demo", "limit-sensitive", Map.of(
            "businessKey", "CCPA-20261124-0000ABCD",
            "variables", Map.of("deviceId", Map.of("value", "device-0000abcd", "type", "String"))));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody().path("businessKey").asText()).isEqualTo("CCPA-20261124-0000ABCD");
    CaseRecord record = cases.get(new RequestId("CCPA-20261124-0000ABCD"));
    assertThat(record.type()).isEqualTo(RequestType.LIMIT_SENSITIVE);
    assertThat(record.subject().deviceId()).isEqualTo("device-0000abcd");

    // the same request id again is not a second case
    ResponseEntity<JsonNode> again =
        start("demo", "demo", "limit-sensitive", Map.of(
            "businessKey", "CCPA-20261124-0000ABCD",
            "variables", Map.of("deviceId", Map.of("value", "device-0000abcd", "type", "String"))));
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("CCPA-20261124-0000ABCD")
            .processDefinitionKey("limit-sensitive").count()).isEqualTo(1);
  }

  @Test
  void badStartsAreRefusedAndLeaveNothingBehind() {
    long before = runtime.createProcessInstanceQuery().count();
    assertThat(start("demo", "demo", "opt-out", Map.of("variables", Map.of())).getStatusCode())
        .as("no identifier")
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(start("demo", "demo", "opt-out", Map.of(
            "variables", Map.of("email", Map.of("value", "x@example.com"), "type", Map.of("value", "DELETE")))).getStatusCode())
        .as("type of another process")
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(start("demo", "demo", "opt-out", Map.of(
            "variables", Map.of("email", Map.of("value", "not-an-email")))).getStatusCode())
        .as("bad email")
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(start("demo", "demo", "opt-out", Map.of(
            "businessKey", "my-own-key", "variables", Map.of("email", Map.of("value", "x@example.com")))).getStatusCode())
        .as("business key that is not a request id")
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(start("demo", "demo", "right-to-know", Map.of(
            "variables", Map.of("phone", Map.of("value", "+1 415 555 0100")))).getStatusCode())
        .as("a request to know without an email to confirm it by")
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void aRequestToKnowStartedThroughEngineRestIsACaseLikeAnyOther() {
    ResponseEntity<JsonNode> started = start("demo", "demo", "right-to-know", Map.of("variables", Map.of(
        "email", Map.of("value", "rest.know@example.com"), "type", Map.of("value", "PORTABILITY"))));
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    String id = started.getBody().path("businessKey").asText();
    CaseRecord record = cases.get(new RequestId(id));
    assertThat(record.type()).isEqualTo(RequestType.PORTABILITY);
    assertThat(record.channel()).isEqualTo(Channel.ENGINE_REST);
    assertThat(record.subject().email()).isEqualTo("rest.know@example.com");
    assertThat(runtime.getVariables(started.getBody().path("id").asText())).containsEntry("requestType", "PORTABILITY")
        .doesNotContainKey("email");
  }

  @Test
  void engineRestNeedsCredentialsAndAuthorization() {
    ResponseEntity<String> anonymous = http.getForEntity("/engine-rest/process-definition", String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> wrong =
        http.withBasicAuth(lockoutProbeUser("camunda-admin"), "wrong").getForEntity("/engine-rest/process-definition", String.class);
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    // a reviewer works tasks; starting cases is not theirs
    assertThat(start("reviewer", "reviewer", "opt-out", Map.of(
            "variables", Map.of("email", Map.of("value", "y@example.com")))).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  private ResponseEntity<JsonNode> start(String user, String password, String key, Map<String, Object> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, password)
        .postForEntity("/engine-rest/process-definition/key/" + key + "/start", new HttpEntity<>(body, headers), JsonNode.class);
  }
}
