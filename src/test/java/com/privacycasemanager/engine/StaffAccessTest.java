package com.privacycasemanager.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.support.CaseTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Demo users, groups, Tasklist filters and authorizations as a reviewer and an officer meet them. */
class StaffAccessTest extends CaseTestSupport {

  @Autowired TestRestTemplate http;
  @Autowired IntakeService intake;
  @Autowired JdbcTemplate jdbc;

  @Test
  void eachGroupSeesItsOwnFilterAndItsTasksInIt() {
    // LIMIT_SENSITIVE has a recipient without endpoint: a task for privacy-reviewers
    openManualNotificationTask("filter.me@example.com");

    JsonNode reviewerFilters = http.withBasicAuth("reviewer", "reviewer").getForObject("/engine-rest/filter", JsonNode.class);
    assertThat(reviewerFilters.findValuesAsText("name")).containsExactly(IdentitySetup.REVIEWER_FILTER);
    String filterId = reviewerFilters.get(0).path("id").asText();
    JsonNode tasks = http.withBasicAuth("reviewer", "reviewer")
        .postForObject("/engine-rest/filter/" + filterId + "/list", json("{}"), JsonNode.class);
    assertThat(tasks.findValuesAsText("taskDefinitionKey")).contains("Task_NotifyRecipientByHand");

    JsonNode officerFilters = http.withBasicAuth("officer", "officer").getForObject("/engine-rest/filter", JsonNode.class);
    assertThat(officerFilters.findValuesAsText("name")).containsExactly(IdentitySetup.OFFICER_FILTER);
    JsonNode officerTasks = http.withBasicAuth("officer", "officer")
        .postForObject("/engine-rest/filter/" + officerFilters.get(0).path("id").asText() + "/list", json("{}"), JsonNode.class);
    assertThat(officerTasks.findValuesAsText("taskDefinitionKey")).doesNotContain("Task_NotifyRecipientByHand");
  }

  @Test
  void aReviewerCompletesTheirTaskWithTheDocumentedVariables() {
    openManualNotificationTask("complete.me@example.com");
    JsonNode tasks = http.withBasicAuth("reviewer", "reviewer")
        .getForObject("/engine-rest/task?taskDefinitionKey=Task_NotifyRecipientByHand&candidateGroup=privacy-reviewers", JsonNode.class);
    assertThat(tasks.size()).isPositive();
    String taskId = tasks.get(0).path("id").asText();
    ResponseEntity<String> completed = http.withBasicAuth("reviewer", "reviewer").postForEntity(
        "/engine-rest/task/" + taskId + "/complete",
        json("{\"variables\":{\"approved\":{\"value\":true},\"reviewNote\":{\"value\":\"Called their DPO\"}}}"),
        String.class);
    assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    // an officer may not work a reviewer's task
    openManualNotificationTask("not.for.officers@example.com");
    String reviewersTask = processEngine.getTaskService().createTaskQuery()
        .taskDefinitionKey("Task_NotifyRecipientByHand").list().get(0).getId();
    ResponseEntity<String> forbidden = http.withBasicAuth("officer", "officer")
        .postForEntity("/engine-rest/task/" + reviewersTask + "/complete", json("{}"), String.class);
    assertThat(forbidden.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void theWebappsNeedALogin() {
    ResponseEntity<String> api = http.getForEntity("/camunda/api/engine/engine/default/task/count", String.class);
    assertThat(api.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(login("reviewer", "reviewer", "tasklist")).isEqualTo(HttpStatus.OK);
    assertThat(login("reviewer", "reviewer", "cockpit")).as("reviewers have no Cockpit").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(login("officer", "officer", "cockpit")).isEqualTo(HttpStatus.OK);
    assertThat(login("demo", "demo", "admin")).isEqualTo(HttpStatus.OK);
  }

  /**
   * Spring Session keeps the webapps' session in the database: Camunda's login (the session
   * attribute {@code authenticatedUser}, a serializable {@code Authentications}) is a row there, so
   * another node reading the same database knows the reviewer (ClusterNodeLossIT shows it on two).
   */
  @Test
  void aWebappLoginIsKeptInTheDatabase() {
    ResponseEntity<String> login = loginResponse("reviewer", "reviewer", "tasklist");
    assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
    String session = login.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
        .filter(c -> c.startsWith("SESSION="))
        .map(c -> c.split(";", 2)[0])
        .findFirst()
        .orElseThrow();
    HttpHeaders cookie = new HttpHeaders();
    cookie.set(HttpHeaders.COOKIE, session);
    ResponseEntity<JsonNode> who = http.exchange(
        "/camunda/api/admin/auth/user/default", org.springframework.http.HttpMethod.GET, new HttpEntity<>(cookie), JsonNode.class);
    assertThat(who.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(who.getBody().path("userId").asText()).isEqualTo("reviewer");
    String sessionId = new String(java.util.Base64.getDecoder().decode(session.substring("SESSION=".length())),
        java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(jdbc.queryForObject(
            "select count(*) from spring_session s join spring_session_attributes a on a.session_primary_id = s.primary_id"
                + " where s.session_id = ? and a.attribute_name = 'authenticatedUser'",
            Integer.class, sessionId))
        .isEqualTo(1);
  }

  /** Logs in the way the webapps do: with the CSRF token cookie the app page hands out. */
  private HttpStatus login(String user, String password, String app) {
    return HttpStatus.valueOf(loginResponse(user, password, app).getStatusCode().value());
  }

  private ResponseEntity<String> loginResponse(String user, String password, String app) {
    ResponseEntity<String> page = http.getForEntity("/camunda/app/" + app + "/", String.class);
    String cookies = String.join("; ", page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream().map(c -> c.split(";", 2)[0]).toList());
    String xsrf = page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
        .filter(c -> c.startsWith("XSRF-TOKEN="))
        .map(c -> c.substring("XSRF-TOKEN=".length()).split(";", 2)[0])
        .findFirst()
        .orElseThrow();
    HttpHeaders form = new HttpHeaders();
    form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    form.set("X-XSRF-TOKEN", xsrf);
    form.set(HttpHeaders.COOKIE, cookies);
    return http.postForEntity(
        "/camunda/api/admin/auth/user/default/login/" + app,
        new HttpEntity<>("username=" + user + "&password=" + password, form),
        String.class);
  }

  /**
   * A LIMIT_SENSITIVE case reaches the recipient without endpoint once its acknowledgement job and
   * the job after it (a mail step commits on its own) ran.
   */
  private void openManualNotificationTask(String email) {
    var id = intake.submit(new IntakeRequest("LIMIT_SENSITIVE", email, null, null, null, null, null, null, null, null), Channel.API, null)
        .record().requestId().value();
    var instance = processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult();
    for (int step = 0; step < 2; step++) {
      var job = processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).executable().singleResult();
      processEngine.getManagementService().executeJob(job.getId());
    }
  }

  private static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

}
