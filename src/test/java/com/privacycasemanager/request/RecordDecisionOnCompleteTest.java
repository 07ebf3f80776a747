package com.privacycasemanager.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.records.AuditVerifier;
import com.privacycasemanager.support.CaseTestSupport;
import com.privacycasemanager.support.Decisions;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The decision entry of user tasks beyond the shipped models' happy paths: a task without a form,
 * and a choice no option of the form offered (as {@code /engine-rest} lets anyone send). Each test
 * deploys a probe process of its own and removes it again.
 */
class RecordDecisionOnCompleteTest extends CaseTestSupport {

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired AuditVerifier verifier;

  private String deployment;

  @AfterEach
  void removeProbe() {
    if (deployment != null) {
      repository.deleteDeployment(deployment, true);
    }
  }

  @Test
  void aTaskWithoutAFormCompletesAndIsRecordedWithItsUser() {
    deploy(Bpmn.createExecutableProcess("decisionProbe").camundaHistoryTimeToLive(1).startEvent()
        .userTask("Task_Probe").camundaCandidateGroups("privacy-officers").endEvent().done());
    RequestId id = newCaseId();
    runtime.startProcessInstanceByKey("decisionProbe", id.value());

    completeAs("officer", "privacy-officers", task(id), Variables.createVariables().putValue("approved", true));

    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id.value()).count()).isZero();
    var entry = Decisions.recorded(verifier, id, "Task_Probe");
    assertThat(entry.actor()).isEqualTo("officer");
    assertThat(entry.detail()).isEqualTo("task=Task_Probe");
  }

  @Test
  void aChoiceNoOptionOfferedIsWithheldAndFreeTextIsOnlyGiven() {
    deploy(Bpmn.createExecutableProcess("decisionProbe").camundaHistoryTimeToLive(1).startEvent()
        .userTask("Task_Probe").camundaCandidateGroups("privacy-reviewers")
        .camundaFormRef("review-correction").camundaFormRefBinding("latest").endEvent().done());
    RequestId id = newCaseId();
    runtime.startProcessInstanceByKey("decisionProbe", id.value(), Variables.createVariables()
        .putValue("requestedFields", Spin.JSON("[{\"label\":\"postal code\",\"value\":\"postalCode\"}]")));

    completeAs("reviewer", "privacy-reviewers", task(id), Variables.createVariables()
        .putValue("approvedFields", Spin.JSON("[\"postalCode\",\"jane.doe@example.com\"]"))
        .putValue("deleteInstead", false)
        .putValue("approved", true)
        .putValue("reviewNote", "Jane Doe called from 415 555 0100"));

    var entry = Decisions.recorded(verifier, id, "Task_Probe");
    assertThat(entry.actor()).isEqualTo("reviewer");
    assertThat(entry.detail())
        .isEqualTo("task=Task_Probe approvedFields=[postalCode,(withheld)] deleteInstead=false approved=true reviewNote=given");
  }

  private void deploy(BpmnModelInstance model) {
    deployment = repository.createDeployment().name("decision-probe").addModelInstance("decision-probe.bpmn", model).deploy().getId();
  }

  private Task task(RequestId id) {
    return tasks.createTaskQuery().processInstanceBusinessKey(id.value()).singleResult();
  }

  private void completeAs(String userId, String group, Task task, java.util.Map<String, Object> variables) {
    identity.setAuthentication(userId, List.of(group));
    try {
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** A request id of its own (the trail does not require a case row). */
  private static RequestId newCaseId() {
    String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong()).toUpperCase();
    return new RequestId("CCPA-20261201-" + ("00000000" + suffix).substring(suffix.length()).substring(0, 8));
  }
}
