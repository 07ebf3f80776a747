package com.privacycasemanager.erasure;

import com.privacycasemanager.datamap.ColumnErasure;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DataMap.Column;
import com.privacycasemanager.datamap.DataMap.DataSystem;
import com.privacycasemanager.datamap.DataMap.Table;
import com.privacycasemanager.datamap.DataMapException;
import com.privacycasemanager.datamap.Erasure;
import com.privacycasemanager.erasure.DeletionPlan.Action;
import com.privacycasemanager.erasure.DeletionRepository.ReceiptLine;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.RequestId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * {@code ${eraseConsumerData.erase(execution)}}: carries out a case's deletion plan in one system
 * (the multi-instance element variable {@code systemId}), in one transaction of that system, then
 * reads the rows back and records the receipt. Runs as its own async job per system, so a failing
 * system retries and raises its own incident while the others go on. Applying a plan twice changes
 * nothing more: deleted rows are gone, nulls stay null, a keyed hash is never hashed again.
 */
@Component("eraseConsumerData")
public class EraseConsumerData {

  public static final String SYSTEM_ID = "systemId";
  private static final int BATCH = 500;

  private final ConnectedSystems systems;
  private final DeletionRepository deletions;
  private final ColumnErasure erasure;
  private final CaseRepository cases;
  private final Clock clock;

  public EraseConsumerData(
      ConnectedSystems systems, DeletionRepository deletions, ColumnErasure erasure, CaseRepository cases, Clock clock) {
    this.systems = systems;
    this.deletions = deletions;
    this.erasure = erasure;
    this.cases = cases;
    this.clock = clock;
  }

  /** The multi-instance collection: every system of the data map. */
  public List<String> systemIds(DelegateExecution execution) {
    return systems.map().systems().stream().map(DataSystem::id).toList();
  }

  public void erase(DelegateExecution execution) {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    String systemId = (String) execution.getVariable(SYSTEM_ID);
    DeletionPlan plan = deletions.plan(id, systemId);
    apply(plan);
    List<ReceiptLine> receipt = verify(plan);
    Instant now = clock.instant();
    deletions.saveReceipt(id, systemId, receipt, now);
    int deleted = receipt.stream().filter(l -> l.action().equals("DELETED")).mapToInt(ReceiptLine::rows).sum();
    int kept = receipt.stream().filter(l -> l.column().equals("*") && l.action().startsWith("KEPT")).mapToInt(ReceiptLine::rows).sum();
    cases.recordEvent(id, "SYSTEM_ERASED", "system=" + systemId + " rowsDeleted=" + deleted + " rowsKept=" + kept, now);
  }

  /** Deletes child rows before their parents, then erases columns, and commits once. */
  void apply(DeletionPlan plan) {
    DataSystem system = system(plan.systemId());
    List<Table> order = DeletionPlanner.parentsFirst(system);
    try (Connection c = systems.dataSource(system.id()).getConnection()) {
      c.setAutoCommit(false);
      try {
        for (int i = order.size() - 1; i >= 0; i--) {
          Table table = order.get(i);
          for (DeletionPlan.Rows rows : plan.forTable(table.name())) {
            if (rows.action() == Action.DELETE) {
              for (List<Object> batch : batches(rows.keys())) {
                update(c, "delete from " + table.name() + " where " + in(table.key(), batch.size()), batch);
              }
            }
          }
        }
        for (Table table : order) {
          for (DeletionPlan.Rows rows : plan.forTable(table.name())) {
            List<String> columns = erasedColumns(table, rows);
            if (!columns.isEmpty()) {
              for (List<Object> batch : batches(rows.keys())) {
                eraseColumns(c, table, columns, batch);
              }
            }
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new ErasureFailedException(system.id(), e);
    }
  }

  /** The columns a group's rows lose: every erasable column of an erased row; those a partly kept row does not keep. */
  static List<String> erasedColumns(Table table, DeletionPlan.Rows rows) {
    if (rows.action() != Action.ERASE && rows.action() != Action.KEEP_PART) {
      return List.of();
    }
    List<String> columns = new ArrayList<>();
    table.columns().forEach((name, column) -> {
      boolean keptByRule = rows.action() == Action.KEEP_PART && rows.kept().contains(name);
      if (ColumnErasure.changesValue(column) && !keptByRule) {
        columns.add(name);
      }
    });
    return columns;
  }

  private void eraseColumns(Connection c, Table table, List<String> columns, List<Object> keys) throws SQLException {
    List<String> plain = new ArrayList<>();
    List<String> hashed = new ArrayList<>();
    for (String name : columns) {
      (table.columns().get(name).erasure() == Erasure.HASH ? hashed : plain).add(name);
    }
    if (!plain.isEmpty()) {
      List<String> sets = new ArrayList<>();
      List<Object> args = new ArrayList<>();
      for (String name : plain) {
        Column column = table.columns().get(name);
        if (column.erasure() == Erasure.SET_NULL) {
          sets.add(name + " = null");
        } else {
          sets.add(name + " = ?");
          args.add(column.replacement());
        }
      }
      args.addAll(keys);
      update(c, "update " + table.name() + " set " + String.join(", ", sets) + " where " + in(table.key(), keys.size()), args);
    }
    if (!hashed.isEmpty()) {
      // a keyed hash needs each row's own value: read, hash, write back what is not hashed yet
      String select = "select " + table.key() + ", " + String.join(", ", hashed) + " from " + table.name()
          + " where " + in(table.key(), keys.size());
      String write = "update " + table.name() + " set " + String.join(" = ?, ", hashed) + " = ? where " + table.key() + " = ?";
      try (PreparedStatement read = c.prepareStatement(select); PreparedStatement update = c.prepareStatement(write)) {
        bind(read, keys);
        int pending = 0;
        try (ResultSet rs = read.executeQuery()) {
          while (rs.next()) {
            boolean changed = false;
            for (int i = 0; i < hashed.size(); i++) {
              Column column = table.columns().get(hashed.get(i));
              Object current = rs.getObject(i + 2);
              Object erased = erasure.erased(column, current);
              changed |= erased != current && (erased == null || !erased.equals(current));
              update.setObject(i + 1, erased);
            }
            if (changed) {
              update.setObject(hashed.size() + 1, rs.getObject(1));
              update.addBatch();
              pending++;
            }
          }
        }
        if (pending > 0) {
          update.executeBatch();
        }
      }
    }
  }

  /**
   * Queries the system again: deleted rows must be gone and erased columns must hold their erased
   * form; kept rows are counted as they are. Returns the receipt lines; fails, naming system, table
   * and column (never a value), when something was not erased.
   */
  List<ReceiptLine> verify(DeletionPlan plan) {
    DataSystem system = system(plan.systemId());
    Map<String, ReceiptLine> lines = new LinkedHashMap<>();
    try (Connection c = systems.dataSource(system.id()).getConnection()) {
      c.setReadOnly(true);
      for (Table table : system.tables()) {
        for (DeletionPlan.Rows rows : plan.forTable(table.name())) {
          switch (rows.action()) {
            case DELETE -> {
              int remaining = 0;
              for (List<Object> batch : batches(rows.keys())) {
                remaining += count(c, table, batch);
              }
              if (remaining > 0) {
                throw new ErasureNotVerifiedException(system.id(), table.name(), "*", remaining + " rows still present");
              }
              add(lines, new ReceiptLine(system.id(), table.name(), "*", "DELETED", rows.keys().size(), null));
            }
            case KEEP -> {
              int present = 0;
              for (List<Object> batch : batches(rows.keys())) {
                present += count(c, table, batch);
              }
              add(lines, new ReceiptLine(system.id(), table.name(), "*", "KEPT", present, keptBecause(rows)));
            }
            case ERASE, KEEP_PART -> {
              List<String> erased = erasedColumns(table, rows);
              int present = checkErased(c, system, table, erased, rows.keys());
              if (rows.action() == Action.KEEP_PART) {
                add(lines, new ReceiptLine(system.id(), table.name(), "*", "KEPT_IN_PART", present,
                    keptBecause(rows) + " (kept: " + labels(table, rows.kept()) + ")"));
              }
              for (String column : erased) {
                add(lines, new ReceiptLine(system.id(), table.name(), column, "ERASED", present,
                    table.columns().get(column).erasure().name()));
              }
              if (rows.action() == Action.ERASE) {
                table.columns().forEach((name, column) -> {
                  if (column.erasure() == Erasure.RETAIN) {
                    add(lines, new ReceiptLine(system.id(), table.name(), name, "KEPT", present, column.retainBecause()));
                  }
                });
              }
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new ErasureFailedException(system.id(), e);
    }
    if (lines.isEmpty()) {
      // the receipt says so for a system that holds nothing of the consumer
      add(lines, new ReceiptLine(system.id(), "*", "*", "NOTHING_FOUND", 0, null));
    }
    return new ArrayList<>(lines.values());
  }

  private int checkErased(Connection c, DataSystem system, Table table, List<String> columns, List<Object> keys) throws SQLException {
    int present = 0;
    String select = "select " + table.key() + (columns.isEmpty() ? "" : ", " + String.join(", ", columns)) + " from " + table.name();
    for (List<Object> batch : batches(keys)) {
      try (PreparedStatement st = c.prepareStatement(select + " where " + in(table.key(), batch.size()))) {
        bind(st, batch);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            present++;
            for (int i = 0; i < columns.size(); i++) {
              if (!erasure.isErased(table.columns().get(columns.get(i)), rs.getObject(i + 2))) {
                throw new ErasureNotVerifiedException(system.id(), table.name(), columns.get(i), "a value is not erased");
              }
            }
          }
        }
      }
    }
    return present;
  }

  static String keptBecause(DeletionPlan.Rows rows) {
    return rows.basis().citation() + " " + rows.basis().name() + ": " + rows.reason();
  }

  static String labels(Table table, List<String> columns) {
    return String.join(", ", columns.stream().map(c -> table.columns().get(c).labelOr(c)).toList());
  }

  private static void add(Map<String, ReceiptLine> lines, ReceiptLine line) {
    String key = line.table() + "|" + line.column() + "|" + line.action() + "|" + line.reason();
    lines.merge(key, line, (a, b) -> new ReceiptLine(a.systemId(), a.table(), a.column(), a.action(), a.rows() + b.rows(), a.reason()));
  }

  private static int count(Connection c, Table table, List<Object> keys) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("select count(*) from " + table.name() + " where " + in(table.key(), keys.size()))) {
      bind(st, keys);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static void update(Connection c, String sql, List<Object> args) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      bind(st, args);
      st.executeUpdate();
    }
  }

  private static void bind(PreparedStatement st, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      st.setObject(i + 1, args.get(i));
    }
  }

  private static String in(String column, int n) {
    return column + " in (" + String.join(",", Collections.nCopies(n, "?")) + ")";
  }

  private static List<List<Object>> batches(List<Object> keys) {
    List<List<Object>> batches = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += BATCH) {
      batches.add(keys.subList(from, Math.min(keys.size(), from + BATCH)));
    }
    return batches;
  }

  private DataSystem system(String id) {
    return systems.map().system(id).orElseThrow(() -> new DataMapException("no system '" + id + "' in the data map"));
  }

  /** A system could not be changed or read back; names the system, never the consumer. */
  public static class ErasureFailedException extends RuntimeException {
    ErasureFailedException(String system, SQLException cause) {
      super("erasure in system '" + system + "' failed: SQLState " + cause.getSQLState() + " " + cause.getClass().getSimpleName());
    }
  }

  /** Reading back after erasure found what should be gone. */
  public static class ErasureNotVerifiedException extends RuntimeException {
    ErasureNotVerifiedException(String system, String table, String column, String what) {
      super("erasure in system '" + system + "' not verified: " + table + "." + column + ": " + what);
    }
  }
}
