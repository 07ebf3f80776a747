package com.privacycasemanager.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.records.AuditVerifier;
import com.privacycasemanager.request.AuditChain.Entry;
import com.privacycasemanager.request.RequestId;
import java.util.List;

/** What the audit chain holds about the human decisions on a case. */
public final class Decisions {

  private Decisions() {}

  /**
   * The one chain entry recording the completion of {@code taskId} on the case, after checking
   * that the whole chain still verifies.
   */
  public static Entry recorded(AuditVerifier verifier, RequestId id, String taskId) {
    List<Entry> entries = all(verifier, id, taskId);
    assertThat(entries).as("one TASK_COMPLETED entry for %s", taskId).hasSize(1);
    return entries.get(0);
  }

  /** Every chain entry recording a completion of {@code taskId}, in chain order; the chain must verify. */
  public static List<Entry> all(AuditVerifier verifier, RequestId id, String taskId) {
    var result = verifier.verify();
    assertThat(result.valid()).as("%s", result.firstProblem()).isTrue();
    return verifier.entries(id).stream()
        .map(AuditVerifier.StoredEntry::entry)
        .filter(e -> e.kind().equals("TASK_COMPLETED") && e.detail() != null && e.detail().split(" ")[0].equals("task=" + taskId))
        .toList();
  }
}
