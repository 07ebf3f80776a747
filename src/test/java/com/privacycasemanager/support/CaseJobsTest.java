package com.privacycasemanager.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.RequestId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The shared job helper inside the history-cleanup window, whatever the hour the suite runs at:
 * the engine clock is moved just past the cleanup job's due date, so that job is executable (as it
 * is every night from 01:00 in the JVM's time zone), and a case is still driven to its end.
 */
class CaseJobsTest extends CaseTestSupport {

  @Autowired IntakeService intake;
  @Autowired CaseRepository cases;
  @Autowired HistoryService history;
  @Autowired ManagementService management;

  @Test
  void aCaseRunsToItsEndInsideTheCleanupWindowAndTheEnginesOwnJobIsLeftAlone() {
    assertThat(history.findHistoryCleanupJobs()).as("a cleanup window is configured").isNotEmpty();
    Job cleanup = history.findHistoryCleanupJobs().get(0);
    Instant due = cleanup.getDuedate() == null ? ClockUtil.getCurrentTime().toInstant() : cleanup.getDuedate().toInstant();
    ClockUtil.setCurrentTime(Date.from(due.plus(1, ChronoUnit.MINUTES)));
    assertThat(management.createJobQuery().jobId(cleanup.getId()).executable().count())
        .as("inside the window the cleanup job is executable and has no process instance").isOne();
    assertThat(cleanup.getProcessInstanceId()).isNull();

    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    RequestId id = intake.submit(
        new IntakeRequest("OPT_OUT_SALE", "case.jobs@example.com", null, null, null, null, null, null, null, null), Channel.API, null)
        .record().requestId();
    caseJobs.runDueJobs(id);

    assertThat(cases.get(id).status()).isEqualTo(CaseStatus.COMPLETED);
    assertThat(caseJobs.all(id)).extracting(Job::getId).doesNotContain(cleanup.getId());
    Job after = management.createJobQuery().jobId(cleanup.getId()).singleResult();
    assertThat(after).as("the engine's own job was not run by the test").isNotNull();
    assertThat(after.getDuedate()).isEqualTo(cleanup.getDuedate());
  }
}
