package com.privacycasemanager.correction;

import com.privacycasemanager.correction.CorrectionRepository.RowRef;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DataMap.DataSystem;
import com.privacycasemanager.datamap.DataMap.Table;
import com.privacycasemanager.datamap.IdentityKind;
import com.privacycasemanager.request.Subject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The keys of a consumer's rows in every table holding a correctable column, found as
 * {@code access.Collector} finds rows: identity columns holding one of the consumer's identifiers,
 * then parent links to any depth. Only key columns are read, and there is no look-back: a
 * correction reaches all of the consumer's rows.
 */
@Component
public class ConsumerRows {

  private static final int IN_BATCH = 500;

  private final ConnectedSystems systems;

  public ConsumerRows(ConnectedSystems systems) {
    this.systems = systems;
  }

  public List<RowRef> find(Subject subject) {
    List<RowRef> rows = new ArrayList<>();
    for (DataSystem system : systems.map().systems()) {
      try (Connection c = systems.dataSource(system.id()).getConnection()) {
        c.setReadOnly(true);
        Map<String, List<Object>> keys = keys(c, system, subject);
        for (Table table : system.tables()) {
          if (table.columns().values().stream().anyMatch(col -> col.correctable())) {
            for (Object key : keys.getOrDefault(table.name(), List.of())) {
              rows.add(new RowRef(system.id(), table.name(), key));
            }
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("finding the consumer's rows in system '" + system.id() + "' failed: SQLState " + e.getSQLState());
      }
    }
    return rows;
  }

  private Map<String, List<Object>> keys(Connection c, DataSystem system, Subject subject) throws SQLException {
    Map<String, List<Object>> found = new LinkedHashMap<>();
    // only tables with a correctable column and the parents leading to them
    java.util.Set<String> needed = new java.util.HashSet<>();
    for (Table table : system.tables()) {
      if (table.columns().values().stream().anyMatch(col -> col.correctable())) {
        for (Table t = table; t != null; t = t.parent() == null ? null : system.table(t.parent().table()).orElseThrow()) {
          needed.add(t.name());
        }
      }
    }
    List<Table> pending = new ArrayList<>(system.tables().stream().filter(t -> needed.contains(t.name())).toList());
    boolean progress = true;
    while (!pending.isEmpty() && progress) {
      progress = false;
      for (var it = pending.iterator(); it.hasNext(); ) {
        Table table = it.next();
        if (table.isRoot()) {
          found.put(table.name(), roots(c, table, subject));
        } else {
          Table parent = system.table(table.parent().table()).orElseThrow();
          List<Object> parentKeys = found.get(parent.name());
          if (parentKeys == null) {
            continue;
          }
          found.put(table.name(), children(c, table, parentKeys));
        }
        it.remove();
        progress = true;
      }
    }
    return found;
  }

  private List<Object> roots(Connection c, Table table, Subject subject) throws SQLException {
    List<String> conditions = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    for (Map.Entry<IdentityKind, String> identity : table.identity().entrySet()) {
      String value = switch (identity.getKey()) {
        case EMAIL -> subject.email();
        case ACCOUNT_ID -> subject.accountId();
      };
      if (value != null && !value.isBlank()) {
        conditions.add(identity.getValue() + " = ?");
        args.add(identity.getKey().canonical(value));
      }
    }
    if (conditions.isEmpty()) {
      return List.of();
    }
    return query(c, table, "(" + String.join(" or ", conditions) + ")", args);
  }

  private List<Object> children(Connection c, Table table, List<Object> parentKeys) throws SQLException {
    List<Object> all = new ArrayList<>();
    for (int from = 0; from < parentKeys.size(); from += IN_BATCH) {
      List<Object> batch = parentKeys.subList(from, Math.min(parentKeys.size(), from + IN_BATCH));
      all.addAll(query(c, table, table.parent().column() + " in (" + String.join(",", Collections.nCopies(batch.size(), "?")) + ")", batch));
    }
    return all;
  }

  private static List<Object> query(Connection c, Table table, String where, List<Object> args) throws SQLException {
    List<Object> keys = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement("select " + table.key() + " from " + table.name() + " where " + where + " order by " + table.key())) {
      for (int i = 0; i < args.size(); i++) {
        st.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getObject(1));
        }
      }
    }
    return keys;
  }
}
