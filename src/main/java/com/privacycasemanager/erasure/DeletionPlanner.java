package com.privacycasemanager.erasure;

import com.privacycasemanager.datamap.Collected.TableRows;
import com.privacycasemanager.datamap.Collector;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DataMap;
import com.privacycasemanager.datamap.DataMap.Condition;
import com.privacycasemanager.datamap.DataMap.DataSystem;
import com.privacycasemanager.datamap.DataMap.RetentionRule;
import com.privacycasemanager.datamap.DataMap.Table;
import com.privacycasemanager.datamap.DeletionException;
import com.privacycasemanager.datamap.Erasure;
import com.privacycasemanager.erasure.DeletionPlan.Action;
import com.privacycasemanager.request.Subject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Works out what deleting a consumer does in one system: every row reachable from the consumer is
 * deleted, erased column by column, or kept under the first of its table's exceptions that matches,
 * a reviewer's legal hold, or a kept parent row. A row that would be deleted but has kept child
 * rows is kept too (the children still refer to it).
 */
@Component
public class DeletionPlanner {

  private final Collector collector;
  private final ConnectedSystems systems;
  private final Clock clock;
  private final ZoneId zone;

  public DeletionPlanner(Collector collector, ConnectedSystems systems, Clock clock, @Value("${privacy.time-zone}") ZoneId zone) {
    this.collector = collector;
    this.systems = systems;
    this.clock = clock;
    this.zone = zone;
  }

  /** A reviewer's legal hold on one table: its rows (and their child rows) are kept. */
  public record Hold(String table, String reason) {}

  /**
   * @param rootKeys keys of root-table rows already known to be the consumer's (from an earlier
   *     plan), found even when their identifiers no longer match
   */
  public DeletionPlan plan(String systemId, Subject subject, Map<String, Collection<Object>> rootKeys, List<Hold> holds) {
    DataSystem system = systems.map().system(systemId).orElseThrow();
    List<TableRows> found = collector.reachable(systemId, subject, rootKeys);
    Map<String, TableRows> byTable = new HashMap<>();
    for (TableRows rows : found) {
      byTable.put(rows.table().toLowerCase(), rows);
    }
    List<Table> order = parentsFirst(system);
    // per table: key -> the row's decision
    Map<String, Map<Object, Decision>> decisions = new HashMap<>();
    LocalDate today = clock.instant().atZone(zone).toLocalDate();
    for (Table table : order) {
      TableRows rows = byTable.get(table.name().toLowerCase());
      Map<Object, Decision> tableDecisions = new LinkedHashMap<>();
      decisions.put(table.name().toLowerCase(), tableDecisions);
      if (rows == null) {
        continue;
      }
      int keyIndex = index(rows, table.key());
      int parentIndex = table.parent() == null ? -1 : index(rows, table.parent().column());
      Hold hold = holds.stream().filter(h -> h.table().equalsIgnoreCase(table.name())).findFirst().orElse(null);
      boolean deletesRows = table.columns().get(table.key()).erasure() == Erasure.DELETE_ROW;
      for (Object[] row : rows.rows()) {
        Decision parent = parentIndex < 0 ? null
            : decisions.get(table.parent().table().toLowerCase()).get(row[parentIndex]);
        Decision decision;
        if (parent != null && parent.kept()) {
          decision = new Decision(Action.KEEP, parent.basis, parent.reason, null, parent);
        } else if (hold != null) {
          decision = new Decision(Action.KEEP, DeletionException.LEGAL_HOLD, hold.reason(), null, parent);
        } else {
          RetentionRule rule = table.exceptions().stream().filter(r -> matches(r.when(), rows, row, today)).findFirst().orElse(null);
          if (rule != null) {
            decision = new Decision(rule.keep() == null ? Action.KEEP : Action.KEEP_PART, rule.basis(), rule.reason(), rule, parent);
          } else {
            decision = new Decision(deletesRows ? Action.DELETE : Action.ERASE, null, null, null, parent);
          }
        }
        tableDecisions.put(row[keyIndex], decision);
      }
    }
    // a kept row's parent cannot be deleted while the row refers to it
    for (int i = order.size() - 1; i >= 0; i--) {
      for (Decision d : decisions.get(order.get(i).name().toLowerCase()).values()) {
        if (d.kept() && d.parent != null && d.parent.action == Action.DELETE) {
          d.parent.action = Action.KEEP;
          d.parent.basis = d.basis;
          d.parent.reason = "Kept because records we keep refer to it: " + d.reason;
        }
      }
    }
    List<DeletionPlan.Rows> groups = new ArrayList<>();
    for (Table table : system.tables()) {
      Map<String, List<Object>> keysByGroup = new LinkedHashMap<>();
      Map<String, Decision> sample = new LinkedHashMap<>();
      decisions.get(table.name().toLowerCase()).forEach((key, d) -> {
        String group = d.action + "|" + d.basis + "|" + d.reason + "|" + (d.rule == null ? "" : String.valueOf(d.rule.keep()));
        keysByGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(key);
        sample.putIfAbsent(group, d);
      });
      keysByGroup.forEach((group, keys) -> {
        Decision d = sample.get(group);
        List<String> kept = d.action == Action.KEEP_PART
            ? table.columns().keySet().stream().filter(c -> DataMap.keeps(table, d.rule, c)).toList()
            : List.of();
        groups.add(new DeletionPlan.Rows(table.name(), d.action, d.basis, d.reason, kept, keys));
      });
    }
    return new DeletionPlan(systemId, groups);
  }

  /** The root-table keys of a plan, for planning the same consumer again. */
  public Map<String, Collection<Object>> rootKeys(DeletionPlan plan) {
    DataSystem system = systems.map().system(plan.systemId()).orElseThrow();
    Map<String, Collection<Object>> keys = new HashMap<>();
    for (DeletionPlan.Rows rows : plan.rows()) {
      Table table = system.table(rows.table()).orElseThrow();
      if (table.isRoot()) {
        keys.computeIfAbsent(table.name(), t -> new ArrayList<>()).addAll(rows.keys());
      }
    }
    return keys;
  }

  /** Tables in an order where every parent comes before its children. */
  static List<Table> parentsFirst(DataSystem system) {
    List<Table> order = new ArrayList<>();
    List<Table> pending = new ArrayList<>(system.tables());
    while (!pending.isEmpty()) {
      for (var it = pending.iterator(); it.hasNext(); ) {
        Table table = it.next();
        if (table.parent() == null || order.stream().anyMatch(t -> t.name().equalsIgnoreCase(table.parent().table()))) {
          order.add(table);
          it.remove();
        }
      }
    }
    return order;
  }

  private static boolean matches(Condition when, TableRows rows, Object[] row, LocalDate today) {
    Object value = row[index(rows, when.column())];
    String text = value == null ? null : value.toString();
    if (when.in() != null && (text == null || !when.in().contains(text))) {
      return false;
    }
    if (when.notIn() != null && text != null && when.notIn().contains(text)) {
      return false;
    }
    if (when.within() != null) {
      if (text == null || text.length() < 10) {
        return false;
      }
      LocalDate date = LocalDate.parse(text.substring(0, 10));
      return !date.isBefore(today.minus(when.within()));
    }
    return true;
  }

  private static int index(TableRows rows, String column) {
    for (int i = 0; i < rows.columns().size(); i++) {
      if (rows.columns().get(i).equalsIgnoreCase(column)) {
        return i;
      }
    }
    throw new IllegalStateException("column " + column + " not collected from " + rows.table());
  }

  /** One row's decision; mutable only while a kept child row raises its parent to kept. */
  private static final class Decision {
    Action action;
    DeletionException basis;
    String reason;
    final RetentionRule rule;
    final Decision parent;

    Decision(Action action, DeletionException basis, String reason, RetentionRule rule, Decision parent) {
      this.action = action;
      this.basis = basis;
      this.reason = reason;
      this.rule = rule;
      this.parent = parent;
    }

    boolean kept() {
      return action == Action.KEEP || action == Action.KEEP_PART;
    }
  }
}
