package com.privacycasemanager.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.ProcessKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The coverage report counts every flow node of a model, boundary events and the nodes inside
 * sub-processes included, and marks a node covered once an execution entered it.
 */
class FlowNodeCoverageTest extends CaseTestSupport {

  @Autowired IntakeService intake;

  @Test
  void everyFlowNodeOfAModelIsCountedAndTheEnteredOnesAreCovered() {
    intake.submit(new IntakeRequest("OPT_OUT_SALE", "coverage.probe@example.com", null, null, null, null, null, null, null, null),
        Channel.API, null);

    List<FlowNodeCoverage.ModelCoverage> models = FlowNodeCoverage.measure(Path.of("processes"));

    assertThat(models).extracting(FlowNodeCoverage.ModelCoverage::processKey).containsExactly(
        ProcessKeys.ADMT_ACCESS, ProcessKeys.ADMT_APPEAL, ProcessKeys.ADMT_OPT_OUT, ProcessKeys.INCENTIVE_WITHDRAWAL,
        ProcessKeys.LIMIT_SENSITIVE, ProcessKeys.NOTIFY_RECIPIENTS, ProcessKeys.OPT_OUT, ProcessKeys.OPT_OUT_SIGNALS,
        ProcessKeys.RESPONSE_CLOCK,
        ProcessKeys.RIGHT_TO_CORRECT, ProcessKeys.RIGHT_TO_DELETE, ProcessKeys.RIGHT_TO_KNOW, ProcessKeys.VERIFY_IDENTITY);
    var optOut = models.stream().filter(m -> m.processKey().equals(ProcessKeys.OPT_OUT)).findFirst().orElseThrow();
    assertThat(optOut.flowNodes()).hasSize(13).contains("Event_PropagationDue", "Gateway_ConfirmedByHand", "Event_OverdueNoted");
    assertThat(optOut.covered()).as("entered before the first asynchronous step")
        .contains("StartEvent_RequestReceived", "Task_ApplyPreference");
    var notify = models.stream().filter(m -> m.processKey().equals(ProcessKeys.NOTIFY_RECIPIENTS)).findFirst().orElseThrow();
    assertThat(notify.flowNodes()).as("the nodes inside the sub-process and its event sub-process")
        .contains("SubProcess_NotifyRecipient", "Event_ReminderDue", "StartEvent_ConfirmedByStaff", "Event_ConfirmedByStaff")
        .doesNotContain("SubProcess_NotifyRecipient#multiInstanceBody");
    assertThat(FlowNodeCoverage.markdown(models))
        .contains("| model | flow nodes | covered | % |")
        .contains("| opt-out | 13 | ");
  }

  @Test
  void theShareIsRoundedDownAndTheNodesNotEnteredAreListed() {
    var line = new FlowNodeCoverage.ModelCoverage("probe", Set.of("Start", "Task", "End"), Set.of("Start", "Task"));

    assertThat(line.percent()).isEqualTo(66.6);
    assertThat(line.uncovered()).containsExactly("End");
    assertThat(FlowNodeCoverage.markdown(List.of(line)))
        .contains("| probe | 3 | 2 | 66.6 (below 90) |")
        .contains("- probe: End");
  }
}
