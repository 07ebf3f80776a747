package com.privacycasemanager.erasure;

import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DataMap.DataSystem;
import com.privacycasemanager.datamap.DataMap.Table;
import com.privacycasemanager.erasure.DeletionPlanner.Hold;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.RequestId;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * {@code ${deletionReview}}: the preview a reviewer approves (what each system's rows will lose and
 * what is kept under which exception; counts and column names, never values), the tables a
 * reviewer may put on legal hold, and the reviewer's decision, which fixes the plan erasure runs.
 */
@Component("deletionReview")
public class DeletionReview {

  /** Process variables of the review task. */
  public static final String PREVIEW = "deletionPreview";
  public static final String LEGAL_HOLDS = "legalHolds";
  public static final String LEGAL_HOLD_REASON = "legalHoldReason";

  private final DeletionPlanner planner;
  private final DeletionRepository deletions;
  private final ConnectedSystems systems;
  private final CaseRepository cases;
  private final Clock clock;

  public DeletionReview(DeletionPlanner planner, DeletionRepository deletions, ConnectedSystems systems, CaseRepository cases, Clock clock) {
    this.planner = planner;
    this.deletions = deletions;
    this.systems = systems;
    this.cases = cases;
    this.clock = clock;
  }

  /** Task_PreviewDeletion: plans every system (no holds yet) and shows the reviewer the summary. */
  public void preview(DelegateExecution execution) {
    RequestId id = id(execution);
    CaseRecord record = cases.get(id);
    List<DeletionPlan> plans = new ArrayList<>();
    for (DataSystem system : systems.map().systems()) {
      DeletionPlan plan = planner.plan(system.id(), record.subject(), Map.of(), List.of());
      deletions.savePlan(id, plan);
      plans.add(plan);
    }
    execution.setVariable(PREVIEW, summary(plans));
    execution.setVariable("rowsFound", plans.stream().flatMap(p -> p.rows().stream()).mapToInt(r -> r.keys().size()).sum());
    cases.updateStatus(id, CaseStatus.IN_REVIEW);
    cases.recordEvent(id, "DELETION_PREVIEWED", null, clock.instant());
  }

  /** The review form's legal hold choices: each table the consumer has rows in ({@code system.table}). */
  public SpinJsonNode holdOptions(DelegateExecution execution) {
    RequestId id = id(execution);
    ArrayNode options = new ObjectMapper().createArrayNode();
    for (DataSystem system : systems.map().systems()) {
      DeletionPlan plan = deletions.plan(id, system.id());
      for (Table table : system.tables()) {
        if (!plan.forTable(table.name()).isEmpty()) {
          options.addObject().put("label", system.displayName() + " / " + table.name()).put("value", system.id() + "." + table.name());
        }
      }
    }
    return Spin.JSON(options.toString());
  }

  /**
   * Task_RecordReview: on approval, stores the reviewer's legal holds and fixes each system's plan
   * with them (planned again from the same rows, so nothing found at preview is lost). The decision
   * itself, with the reviewer's name, is the review task's own entry of the audit chain.
   */
  public void recordReview(DelegateExecution execution) {
    if (!Boolean.TRUE.equals(execution.getVariable("approved"))) {
      return;
    }
    RequestId id = id(execution);
    Instant now = clock.instant();
    String by = currentUser(execution);
    List<String> held = heldTables(execution.getVariable(LEGAL_HOLDS));
    String reason = text(execution.getVariable(LEGAL_HOLD_REASON));
    if (!held.isEmpty() && reason == null) {
      throw new IllegalArgumentException("a legal hold needs a reason (legalHoldReason)");
    }
    CaseRecord record = cases.get(id);
    for (DataSystem system : systems.map().systems()) {
      List<Hold> holds = new ArrayList<>();
      for (String ref : held) {
        if (ref.startsWith(system.id() + ".")) {
          holds.add(new Hold(ref.substring(system.id().length() + 1), reason));
        }
      }
      deletions.saveHolds(id, system.id(), holds, by, now);
      DeletionPlan previewed = deletions.plan(id, system.id());
      deletions.savePlan(id, planner.plan(system.id(), record.subject(), planner.rootKeys(previewed), holds));
    }
  }

  /** The held {@code system.table} references, each checked against the data map. */
  List<String> heldTables(Object value) {
    List<String> refs = new ArrayList<>();
    if (value instanceof SpinJsonNode json && json.isArray()) {
      json.elements().forEach(e -> refs.add(e.stringValue()));
    } else if (value instanceof Collection<?> list) {
      list.forEach(e -> refs.add(String.valueOf(e)));
    } else if (value instanceof String s && !s.isBlank()) {
      String text = s.trim();
      if (text.startsWith("[")) {
        Spin.JSON(text).elements().forEach(e -> refs.add(e.stringValue()));
      } else {
        for (String part : text.split(",")) {
          refs.add(part.trim());
        }
      }
    }
    for (String ref : refs) {
      String[] parts = ref.split("\\.", 2);
      boolean known = parts.length == 2
          && systems.map().system(parts[0]).flatMap(s -> s.table(parts[1])).isPresent();
      if (!known) {
        throw new IllegalArgumentException("legal hold '" + ref + "' is not a system.table of the data map");
      }
    }
    return refs;
  }

  /** The case's current plan as the reviewer saw it (after approval: with the legal holds), for the case file. */
  public String summary(RequestId id) {
    List<DeletionPlan> plans = new ArrayList<>();
    for (DataSystem system : systems.map().systems()) {
      plans.add(deletions.plan(id, system.id()));
    }
    return summary(plans);
  }

  /** For reviewers and the case file: per system and table, what happens to how many rows. */
  String summary(List<DeletionPlan> plans) {
    StringBuilder s = new StringBuilder();
    int rows = 0;
    for (DeletionPlan plan : plans) {
      DataSystem system = systems.map().system(plan.systemId()).orElseThrow();
      s.append(system.displayName()).append(plan.isEmpty() ? ": nothing found\n" : "\n");
      for (DeletionPlan.Rows group : plan.rows()) {
        rows += group.keys().size();
        Table table = system.table(group.table()).orElseThrow();
        s.append("- ").append(table.name()).append(": ").append(count(group.keys().size())).append(' ').append(describe(table, group)).append('\n');
      }
    }
    if (rows == 0) {
      s.append("Nothing found: the consumer will be told we hold no personal information about them to delete.\n");
    }
    return s.toString();
  }

  static String describe(Table table, DeletionPlan.Rows group) {
    return switch (group.action()) {
      case DELETE -> "deleted";
      case ERASE -> "erased (" + erasedText(table, group) + ")"
          + retainedColumns(table);
      case KEEP_PART -> "kept in part under " + EraseConsumerData.keptBecause(group) + " (kept: "
          + EraseConsumerData.labels(table, group.kept()) + "; " + erasedText(table, group) + ")";
      case KEEP -> "kept under " + EraseConsumerData.keptBecause(group);
    };
  }

  private static String erasedText(Table table, DeletionPlan.Rows group) {
    List<String> parts = new ArrayList<>();
    for (String column : EraseConsumerData.erasedColumns(table, group)) {
      parts.add(table.columns().get(column).labelOr(column) + " " + switch (table.columns().get(column).erasure()) {
        case HASH -> "replaced by a keyed hash";
        case REPLACE -> "replaced";
        default -> "cleared";
      });
    }
    return parts.isEmpty() ? "nothing to erase" : String.join(", ", parts);
  }

  private static String retainedColumns(Table table) {
    List<String> kept = new ArrayList<>();
    table.columns().forEach((name, column) -> {
      if (column.erasure() == com.privacycasemanager.datamap.Erasure.RETAIN) {
        kept.add(column.labelOr(name) + " (" + column.retainBecause() + ")");
      }
    });
    return kept.isEmpty() ? "" : "; kept: " + String.join(", ", kept);
  }

  private static String count(int n) {
    return n + (n == 1 ? " row" : " rows");
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  static String currentUser(DelegateExecution execution) {
    var auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return auth == null || auth.getUserId() == null ? "a reviewer" : auth.getUserId();
  }

  private static RequestId id(DelegateExecution execution) {
    return new RequestId(execution.getProcessBusinessKey());
  }
}
