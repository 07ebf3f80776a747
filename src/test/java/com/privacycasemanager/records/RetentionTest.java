package com.privacycasemanager.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.support.CaseTestSupport;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Retention (11 CCR §7101(a), 24 months): with the clock moved past it, the purge removes exactly
 * the expired case records and their rows, and the engine's history cleanup removes exactly the
 * expired history. The fixture lives in 2020–2021, older than any case another test writes, so
 * the purge in the shared database removes nothing of theirs.
 */
class RetentionTest extends CaseTestSupport {

  @Autowired JdbcTemplate jdbc;
  @Autowired com.privacycasemanager.request.CaseRepository caseRepository;
  @Autowired RecordsRetention retention;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;

  /** The project's tables with rows of a case (written out here, so a table the purge forgets fails the test). */
  private static final List<String> CASE_TABLES = List.of(
      "verification", "case_data_point", "access_package", "recipient_delivery",
      "deletion_plan", "deletion_hold", "erasure_receipt", "correction_field", "correction_target", "correction_document");

  private static final String ANSWERED_EARLY = "CCPA-20201220-0000E001";
  private static final String NEVER_ANSWERED_EARLY = "CCPA-20210201-0000E002";
  private static final String ANSWERED_LATER = "CCPA-20201201-0000E003";
  private static final String NEVER_ANSWERED_LATER = "CCPA-20210301-0000E004";

  @Test
  void thePurgeRemovesExactlyTheRecordsPastRetentionAndTheirRowsButKeepsSuppressionsAndPreferences() {
    CaseRecordFixture cases = new CaseRecordFixture(jdbc);
    cases.insert(ANSWERED_EARLY, "DELETE", at("2020-12-20T18:00:00Z"), java.time.Duration.ofDays(21), "FULFILLED", null);
    cases.open(NEVER_ANSWERED_EARLY, "KNOW_SPECIFIC", at("2021-02-01T18:00:00Z"));
    cases.insert(ANSWERED_LATER, "CORRECT", at("2020-12-01T18:00:00Z"), java.time.Duration.ofDays(90), "PARTIAL", null);
    cases.open(NEVER_ANSWERED_LATER, "OPT_OUT_ALL", at("2021-03-01T18:00:00Z"));
    for (String id : List.of(ANSWERED_EARLY, NEVER_ANSWERED_EARLY, ANSWERED_LATER, NEVER_ANSWERED_LATER)) {
      rowsOfEveryTable(id);
    }
    int otherCases = countOthers();

    // 2023-02-15 in Los Angeles: the cutoff is 2021-02-15
    ClockUtil.setCurrentTime(Date.from(at("2023-02-15T20:00:00Z")));
    assertThat(retention.cutoff()).isEqualTo(at("2021-02-15T20:00:00Z"));
    RecordsRetention.Purged purged = retention.purge();

    assertThat(purged.caseRecords()).isEqualTo(2);
    assertThat(purged.relatedRows()).as("one row per table of each").isEqualTo(2 * 10);
    assertGone(ANSWERED_EARLY);
    assertGone(NEVER_ANSWERED_EARLY);
    assertKept(ANSWERED_LATER);
    assertKept(NEVER_ANSWERED_LATER);
    assertThat(countOthers()).as("cases of other tests").isEqualTo(otherCases);
    for (String id : List.of(ANSWERED_EARLY, NEVER_ANSWERED_EARLY)) {
      assertThat(count("deletion_suppression", id)).as("suppression outlives the case").isEqualTo(1);
      assertThat(count("preference_event", id)).as("the preference stays in force").isEqualTo(1);
      assertThat(count("case_event", id)).as("the audit trail stays whole, so its chain stays verifiable").isEqualTo(1);
    }

    // a month and a half later the other two are past retention as well
    ClockUtil.setCurrentTime(Date.from(at("2023-04-02T20:00:00Z")));
    assertThat(retention.purge().caseRecords()).isEqualTo(2);
    assertGone(ANSWERED_LATER);
    assertGone(NEVER_ANSWERED_LATER);
    assertThat(countOthers()).isEqualTo(otherCases);
    assertThat(retention.purge()).isEqualTo(new RecordsRetention.Purged(0, 0));
  }

  @Test
  void theEngineDefaultsItsHistoryTimeToLiveToTheRetentionAndCleansUpByRemovalTime() {
    ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    // 24 months of 365.25 / 12 days, rounded up
    assertThat(engine.getHistoryTimeToLive()).isEqualTo("P731D");
    assertThat(engine.getHistoryRemovalTimeStrategy()).isEqualTo("end");
    assertThat(engine.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(engine.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
    assertThat(history.findHistoryCleanupJobs()).as("scheduled because a window is configured").isNotEmpty();

    // a process deployed without its own time to live gets the default (the model API writes
    // P180D into a new model unless told otherwise)
    String definitionId = repository.createDeployment().name("retention-probe")
        .addModelInstance("retention-probe.bpmn",
            Bpmn.createExecutableProcess("retentionProbe").camundaHistoryTimeToLiveString(null).startEvent().endEvent().done())
        .deployWithResult().getDeployedProcessDefinitions().get(0).getId();
    assertThat(repository.getProcessDefinition(definitionId).getHistoryTimeToLive()).isEqualTo(731);

    ClockUtil.setCurrentTime(Date.from(at("2020-06-01T12:00:00Z")));
    String old = runtime.startProcessInstanceById(definitionId).getId();
    ClockUtil.setCurrentTime(Date.from(at("2021-06-01T12:00:00Z")));
    String young = runtime.startProcessInstanceById(definitionId).getId();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(old).singleResult().getRemovalTime())
        .isEqualTo(Date.from(at("2022-06-02T12:00:00Z")));

    // 2023-02-15: the first ended more than 731 days ago, the second not
    ClockUtil.setCurrentTime(Date.from(at("2023-02-15T12:00:00Z")));
    Job cleanup = history.cleanUpHistoryAsync(true);
    management.executeJob(cleanup.getId());

    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(old).count()).isZero();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(young).count()).isEqualTo(1);
  }

  /** A row in every table the purge covers, plus a suppression hash and a preference event it must keep. */
  private void rowsOfEveryTable(String id) {
    Timestamp t = Timestamp.from(at("2020-12-01T00:00:00Z"));
    caseRepository.recordEvent(new com.privacycasemanager.request.RequestId(id), "RECEIVED", null, t.toInstant());
    jdbc.update("insert into verification (request_id, required_level, level_reached, email_links_sent) values (?, 'HIGH', 'NONE', 0)", id);
    jdbc.update("insert into case_data_point (request_id, name, point_value) values (?, 'name', 'x')", id);
    jdbc.update("insert into access_package (request_id, kind, created_at, expires_at, row_count, size_bytes, downloads, content)"
        + " values (?, 'SPECIFIC', ?, ?, 0, 0, 0, ?)", id, t, t, new byte[] {1});
    jdbc.update("insert into recipient_delivery (request_id, recipient_id, delivery_key, status, attempts) values (?, 'r', ?, 'SENT', 1)", id, id + ":r");
    jdbc.update("insert into deletion_plan (request_id, system_id, table_name, action, row_count, row_keys) values (?, 's', 't', 'DELETE', 0, '[]')", id);
    jdbc.update("insert into deletion_hold (request_id, system_id, table_name, reason, held_by, held_at) values (?, 's', 't', 'r', 'u', ?)", id, t);
    jdbc.update("insert into erasure_receipt (request_id, system_id, table_name, column_name, action, row_count, verified_at)"
        + " values (?, 's', 't', 'c', 'DELETED', 0, ?)", id, t);
    jdbc.update("insert into correction_field (request_id, field) values (?, 'name')", id);
    jdbc.update("insert into correction_target (request_id, system_id, table_name, row_key, numeric_key) values (?, 's', 't', '1', true)", id);
    jdbc.update("insert into correction_document (request_id, file_name, content_type, content) values (?, 'f.pdf', 'application/pdf', ?)", id, new byte[] {1});
    jdbc.update("insert into deletion_suppression (identifier_key, identifier_type, request_id, recorded_at) values (?, 'EMAIL', ?, ?)", "k-" + id, id, t);
    jdbc.update("insert into preference_event (identifier_type, identifier_key, preference, allowed, source, request_id, recorded_at)"
        + " values ('EMAIL', ?, 'SALE', false, 'REQUEST', ?, ?)", "k-" + id, id, t);
  }

  private void assertGone(String id) {
    assertThat(count("privacy_case", id)).as(id).isZero();
    for (String table : CASE_TABLES) {
      assertThat(count(table, id)).as(table + " of " + id).isZero();
    }
  }

  private void assertKept(String id) {
    assertThat(count("privacy_case", id)).as(id).isEqualTo(1);
    for (String table : CASE_TABLES) {
      assertThat(count(table, id)).as(table + " of " + id).isEqualTo(1);
    }
  }

  private int count(String table, String id) {
    return jdbc.queryForObject("select count(*) from " + table + " where request_id = ?", Integer.class, id);
  }

  private int countOthers() {
    return jdbc.queryForObject("select count(*) from privacy_case where request_id not like 'CCPA-202%-0000E00%'", Integer.class);
  }

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }
}
