package com.privacycasemanager.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.Preference;
import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.CaseTestSupport;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The limit-sensitive process: its own timer, preference and recipients. */
class LimitSensitiveProcessTest extends CaseTestSupport {

  @Autowired IntakeService intake;
  @Autowired CaseRepository cases;
  @Autowired PreferenceStore preferences;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;

  @Test
  void limitIsInEffectAtOnceAndTheTimerIsFifteenBusinessDaysAfterReceipt() {
    // Wednesday 2026-12-23, 09:00 PST: Christmas Day and New Year's Day fall inside the period
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-23T17:00:00Z")));
    RequestId id =
        intake
            .submit(
                new IntakeRequest("LIMIT_SENSITIVE", "limit.me@example.com", "Lim Itme", null, null, null, null, null, null, null),
                Channel.API,
                null)
            .record()
            .requestId();
    ProcessInstance limit =
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(id.value()).processDefinitionKey(ProcessKeys.LIMIT_SENSITIVE).singleResult();

    assertThat(limit).hasPassed("Task_ApplyPreference").isWaitingAt("Task_SendAcknowledgement");
    assertThat(preferences.check(List.of(Identifier.email("limit.me@example.com"))))
        .containsEntry(Preference.SENSITIVE_USE, false)
        .containsEntry(Preference.SALE, true)
        .containsEntry(Preference.SHARING, true);

    // the acknowledgement, then the step after it (a mail step commits on its own)
    execute(management.createJobQuery().processInstanceId(limit.getId()).executable().singleResult());
    execute(management.createJobQuery().processInstanceId(limit.getId()).executable().singleResult());
    // Dec 23 (1), 24 (2), 28-31 (3-6), Jan 4-8 (7-11), 11-14 (12-15): due Thursday 2027-01-14 23:59:59 PST
    Job timer = management.createJobQuery().processInstanceId(limit.getId()).timers().singleResult();
    assertThat(timer.getDuedate()).isEqualTo(Date.from(Instant.parse("2027-01-15T07:59:59Z")));
    assertThat(cases.get(id).dueAt()).isEqualTo(Instant.parse("2027-01-15T07:59:59Z"));

    // LIMIT_SENSITIVE goes to analytics (callback) and print-shop (by hand) only
    ProcessInstance notify = runtime.createProcessInstanceQuery().superProcessInstanceId(limit.getId()).singleResult();
    assertThat(notify).isWaitingAt("Task_DeliverNotification", "Task_NotifyRecipientByHand");
    assertThat(task(notify)).hasCandidateGroup("privacy-reviewers");
    assertThat(runtime.getVariable(task(notify).getExecutionId(), "recipientName")).isEqualTo("Test Print Shop (contractor)");
    complete(task(notify), withVariables("approved", false, "reviewNote", "Voicemail; trying again tomorrow"));
    assertThat(notify).isWaitingAt("Task_DeliverNotification", "Task_NotifyRecipientByHand");
    // the answer stays in that recipient's branch, never on the process where other branches would read it
    assertThat(runtime.getVariablesLocal(notify.getId())).doesNotContainKeys("approved", "reviewNote");
    complete(task(notify), withVariables("approved", true, "reviewNote", "Emailed their privacy desk"));
    assertThat(notify).isWaitingAt("Task_DeliverNotification").hasPassed("Task_RecordManualNotice");
    assertThat(cases.get(id).status()).isEqualTo(CaseStatus.IN_EFFECT);
  }
}
