package com.privacycasemanager.erasure;

import com.privacycasemanager.datamap.Collected.TableRows;
import com.privacycasemanager.datamap.Collector;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DataMap.DataSystem;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.VerificationLevel;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The degree of certainty a deletion needs (11 CCR §7062), configurable with {@code
 * privacy.verification.delete}: {@code HIGH} (the default), {@code REASONABLE}, or {@code
 * BY_SENSITIVITY}, which asks the reasonably high degree only when the consumer's data includes
 * sensitive personal information, where an unauthorised deletion would harm them most (§7062(d)).
 */
@Component
public class DeletionVerificationPolicy {

  /** How deletions are verified. */
  public enum DeletionVerification {
    HIGH,
    REASONABLE,
    BY_SENSITIVITY
  }

  private final DeletionVerification deletion;
  private final Collector collector;
  private final ConnectedSystems systems;

  public DeletionVerificationPolicy(
      @Value("${privacy.verification.delete:HIGH}") DeletionVerification deletion, Collector collector, ConnectedSystems systems) {
    this.deletion = deletion;
    this.collector = collector;
    this.systems = systems;
  }

  public VerificationLevel requiredFor(CaseRecord record) {
    return switch (deletion) {
      case HIGH -> VerificationLevel.HIGH;
      case REASONABLE -> VerificationLevel.REASONABLE;
      case BY_SENSITIVITY -> holdsSensitiveData(record) ? VerificationLevel.HIGH : VerificationLevel.REASONABLE;
    };
  }

  private boolean holdsSensitiveData(CaseRecord record) {
    for (DataSystem system : systems.map().systems()) {
      for (TableRows rows : collector.reachable(system.id(), record.subject(), Map.of())) {
        var table = system.table(rows.table()).orElseThrow();
        for (int i = 0; i < rows.columns().size(); i++) {
          if (table.columns().get(rows.columns().get(i)).sensitive()) {
            final int column = i;
            if (rows.rows().stream().anyMatch(row -> row[column] != null)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }
}
