package com.privacycasemanager.records;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.records.AuditVerifier.Problem;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.CaseTestSupport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hash-chained case trail: a real case leaves a valid chain, concurrent appends stay one
 * chain, and an entry edited, removed or reordered straight in the database is named. The
 * database is shared with every other test, so each tampering is undone before the test ends.
 */
class AuditTrailTest extends CaseTestSupport {

  @Autowired CaseRepository cases;
  @Autowired AuditVerifier verifier;
  @Autowired IntakeService intake;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactionManager;

  @Test
  void aCaseRunToTheEndLeavesAValidChainWithEveryEntryHashed() {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    RequestId id = intake.submit(
        new IntakeRequest("OPT_OUT_SALE", "audit.chain@example.com", null, null, null, null, null, null, null, null), Channel.API, null)
        .record().requestId();
    caseJobs.runDueJobs(id);
    assertThat(cases.get(id).status()).isEqualTo(CaseStatus.COMPLETED);

    var entries = verifier.entries(id);
    assertThat(entries).hasSizeGreaterThanOrEqualTo(3);
    assertThat(entries).allSatisfy(e -> {
      assertThat(e.entry().sequence()).isPositive();
      assertThat(e.hash()).hasSize(64).isNotEqualTo(e.previousHash());
    });
    assertThat(entries).extracting(e -> e.entry().detail()).noneMatch(d -> d != null && d.contains("audit.chain@example.com"));
    var result = verifier.verify();
    assertThat(result.valid()).as("%s", result.firstProblem()).isTrue();
    assertThat(result.entries()).isGreaterThanOrEqualTo(entries.size());
  }

  @Test
  void theActingCamundaUserIsRecordedAndPartOfTheHash() {
    RequestId id = newCaseId();
    identity.setAuthenticatedUserId("officer");
    try {
      cases.recordEvent(id, "AUDIT_TEST", "by=officer", Instant.now());
    } finally {
      identity.clearAuthentication();
    }
    cases.recordEvent(id, "AUDIT_TEST", "no user", Instant.now());
    var entries = verifier.entries(id);
    assertThat(entries).extracting(e -> e.entry().actor()).containsExactly("officer", null);

    long sequence = entries.get(0).entry().sequence();
    jdbc.update("update case_event set actor = 'reviewer' where sequence_no = ?", sequence);
    try {
      assertFinding(Problem.EDITED, sequence, id);
    } finally {
      jdbc.update("update case_event set actor = 'officer' where sequence_no = ?", sequence);
    }
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void anEditedEntryIsNamed() {
    RequestId id = newCaseId();
    List<Long> sequences = appendThree(id);
    long edited = sequences.get(1);
    jdbc.update("update case_event set detail = 'nothing to see' where sequence_no = ?", edited);
    try {
      assertFinding(Problem.EDITED, edited, id);
    } finally {
      jdbc.update("update case_event set detail = 'second' where sequence_no = ?", edited);
    }

    Instant original = verifier.entries(id).get(2).entry().at();
    jdbc.update("update case_event set at = ? where sequence_no = ?", java.sql.Timestamp.from(original.minusSeconds(3600)), sequences.get(2));
    try {
      assertFinding(Problem.EDITED, sequences.get(2), id);
    } finally {
      jdbc.update("update case_event set at = ? where sequence_no = ?", java.sql.Timestamp.from(original), sequences.get(2));
    }
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void aRemovedEntryIsNamedInTheMiddleAndAtTheEnd() {
    RequestId id = newCaseId();
    List<Long> sequences = appendThree(id);
    for (long removed : List.of(sequences.get(1), sequences.get(2))) {
      Map<String, Object> row = jdbc.queryForMap("select * from case_event where sequence_no = ?", removed);
      jdbc.update("delete from case_event where sequence_no = ?", removed);
      try {
        var result = verifier.verify();
        assertThat(result.valid()).isFalse();
        assertThat(result.firstProblem().problem()).isEqualTo(Problem.REMOVED);
        assertThat(result.firstProblem().sequence()).isEqualTo(removed);
        assertThat(result.entries()).isEqualTo(removed - 1);
      } finally {
        jdbc.update("insert into case_event (id, request_id, at, kind, detail, actor, sequence_no, prev_hash, entry_hash)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            row.get("ID"), row.get("REQUEST_ID"), row.get("AT"), row.get("KIND"), row.get("DETAIL"), row.get("ACTOR"),
            row.get("SEQUENCE_NO"), row.get("PREV_HASH"), row.get("ENTRY_HASH"));
      }
      assertThat(verifier.verify().valid()).isTrue();
    }
  }

  @Test
  void aReorderedEntryIsNamed() {
    RequestId id = newCaseId();
    List<Long> sequences = appendThree(id);
    long first = sequences.get(0);
    long second = sequences.get(1);
    swap(first, second);
    try {
      var finding = assertFinding(Problem.REORDERED, first, id);
      assertThat(finding.detail()).contains("after the entry now numbered " + second);
    } finally {
      swap(first, second);
    }
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void anEntryWrittenStraightIntoTheTableIsOutsideTheChain() {
    RequestId id = newCaseId();
    jdbc.update("insert into case_event (request_id, at, kind, detail) values (?, current_timestamp, 'FORGED', 'x')", id.value());
    try {
      var result = verifier.verify();
      assertThat(result.valid()).isFalse();
      assertThat(result.firstProblem().problem()).isEqualTo(Problem.NOT_CHAINED);
      assertThat(result.firstProblem().requestId()).isEqualTo(id.value());
    } finally {
      jdbc.update("delete from case_event where request_id = ? and kind = 'FORGED'", id.value());
    }
  }

  @Test
  void concurrentAppendsFormOneChainAndARolledBackOneLeavesNoGap() throws Exception {
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);
    List<RequestId> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(newCaseId());
    }
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (RequestId id : ids) {
        done.add(threads.submit(() -> {
          for (int n = 0; n < 15; n++) {
            int entry = n;
            // two entries per transaction, as a delegate writes them, with other work between
            transaction.executeWithoutResult(status -> {
              cases.recordEvent(id, "AUDIT_TEST", "a" + entry, Instant.now());
              sleepAWhile();
              cases.recordEvent(id, "AUDIT_TEST", "b" + entry, Instant.now());
            });
            cases.recordEvent(id, "AUDIT_TEST", "c" + entry, Instant.now());
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      threads.shutdown();
    }
    RequestId rolledBack = ids.get(0);
    transaction.executeWithoutResult(status -> {
      cases.recordEvent(rolledBack, "AUDIT_TEST", "rolled back", Instant.now());
      status.setRollbackOnly();
    });
    for (RequestId id : ids) {
      assertThat(verifier.entries(id)).hasSize(45);
    }
    var result = verifier.verify();
    assertThat(result.valid()).as("%s", result.firstProblem()).isTrue();
    Long last = jdbc.queryForObject("select last_sequence from audit_chain_head", Long.class);
    assertThat(result.entries()).isEqualTo(last);
  }

  private static void sleepAWhile() {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(3));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private AuditVerifier.Finding assertFinding(Problem problem, long sequence, RequestId id) {
    var result = verifier.verify();
    assertThat(result.valid()).isFalse();
    assertThat(result.firstProblem().problem()).as("%s", result.firstProblem()).isEqualTo(problem);
    assertThat(result.firstProblem().sequence()).isEqualTo(sequence);
    assertThat(result.firstProblem().requestId()).isEqualTo(id.value());
    assertThat(result.entries()).isEqualTo(sequence - 1);
    return result.firstProblem();
  }

  private List<Long> appendThree(RequestId id) {
    for (String detail : List.of("first", "second", "third")) {
      cases.recordEvent(id, "AUDIT_TEST", detail, Instant.now());
    }
    List<Long> sequences = verifier.entries(id).stream().map(e -> e.entry().sequence()).toList();
    assertThat(sequences).hasSize(3);
    assertThat(sequences.get(2) - sequences.get(0)).isEqualTo(2);
    assertThat(verifier.verify().valid()).isTrue();
    return sequences;
  }

  private void swap(long a, long b) {
    jdbc.update("update case_event set sequence_no = -1 where sequence_no = ?", a);
    jdbc.update("update case_event set sequence_no = ? where sequence_no = ?", a, b);
    jdbc.update("update case_event set sequence_no = ? where sequence_no = -1", b);
  }

  /** A request id of its own (the trail does not require a case row). */
  private static RequestId newCaseId() {
    String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong()).toUpperCase();
    return new RequestId("CCPA-20261201-" + ("00000000" + suffix).substring(suffix.length()).substring(0, 8));
  }
}
