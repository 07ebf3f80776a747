package com.privacycasemanager.datamap;

import com.privacycasemanager.datamap.Collected.SystemRows;
import com.privacycasemanager.datamap.Collected.TableRows;
import com.privacycasemanager.datamap.DataMap.Column;
import com.privacycasemanager.datamap.DataMap.DataSystem;
import com.privacycasemanager.datamap.DataMap.Table;
import com.privacycasemanager.request.CcpaCategory;
import com.privacycasemanager.request.Subject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Finds every row reachable from a consumer: rows of identity tables whose identity columns hold
 * one of the consumer's identifiers (or, in a column erased by keyed hash, the keyed hash of one:
 * what a deletion kept under an exception still belongs to the consumer), then, following each
 * table's parent link, the child rows of the rows already found, to any depth. A table with a time
 * column contributes only rows dated within the look-back. Only the columns the data map lists are
 * read.
 */
@Component
public class Collector {

  private static final int IN_BATCH = 500;

  private final ConnectedSystems systems;
  private final KeyedHash keyedHash;

  public Collector(ConnectedSystems systems, KeyedHash keyedHash) {
    this.systems = systems;
    this.keyedHash = keyedHash;
  }

  public Collected collect(Subject subject, LookBack lookBack) {
    List<SystemRows> result = new ArrayList<>();
    for (DataSystem system : systems.map().systems()) {
      try (Connection c = systems.dataSource(system.id()).getConnection()) {
        c.setReadOnly(true);
        result.add(new SystemRows(system.id(), system.displayName(), collect(c, system, subject, lookBack, Map.of(), false)));
      } catch (SQLException e) {
        throw new CollectionFailedException(system.id(), e);
      }
    }
    return new Collected(lookBack, result);
  }

  /**
   * For a deletion: every row of one system reachable from the consumer's identifiers or from root
   * rows known by key ({@code rootKeys}: root table name to keys; a retried erasure reaches rows
   * whose identifiers it already erased), whatever their date, with raw values (never-disclose
   * values included: they are erased, never shown). Tables in data map order.
   */
  public List<TableRows> reachable(String systemId, Subject subject, Map<String, Collection<Object>> rootKeys) {
    DataSystem system = systems.map().system(systemId).orElseThrow();
    try (Connection c = systems.dataSource(system.id()).getConnection()) {
      c.setReadOnly(true);
      return collect(c, system, subject, null, rootKeys, true);
    } catch (SQLException e) {
      throw new CollectionFailedException(system.id(), e);
    }
  }

  /**
   * The consumer's rows of the identity tables only (no look-back): what verification compares
   * data points with.
   */
  public List<Map<String, Object>> identityRows(Subject subject) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DataSystem system : systems.map().systems()) {
      try (Connection c = systems.dataSource(system.id()).getConnection()) {
        c.setReadOnly(true);
        for (Table table : system.tables()) {
          if (!table.isRoot()) {
            continue;
          }
          TableRows found = roots(c, table, subject, null, List.of(), false);
          for (Object[] row : found.rows()) {
            Map<String, Object> byColumn = new LinkedHashMap<>();
            for (int i = 0; i < found.columns().size(); i++) {
              byColumn.put(system.id() + "." + table.name() + "." + found.columns().get(i), row[i]);
            }
            rows.add(byColumn);
          }
        }
      } catch (SQLException e) {
        throw new CollectionFailedException(system.id(), e);
      }
    }
    return rows;
  }

  private List<TableRows> collect(
      Connection c, DataSystem system, Subject subject, LookBack lookBack, Map<String, Collection<Object>> rootKeys, boolean raw)
      throws SQLException {
    Map<String, TableRows> found = new LinkedHashMap<>();
    List<Table> pending = new ArrayList<>(system.tables());
    boolean progress = true;
    while (!pending.isEmpty() && progress) {
      progress = false;
      for (var it = pending.iterator(); it.hasNext(); ) {
        Table table = it.next();
        if (table.isRoot()) {
          Collection<Object> known = rootKeys.get(table.name());
          found.put(table.name(), roots(c, table, subject, lookBack, known == null ? List.of() : known, raw));
        } else {
          TableRows parentRows = found.get(system.table(table.parent().table()).orElseThrow().name());
          if (parentRows == null) {
            continue;
          }
          Table parent = system.table(table.parent().table()).orElseThrow();
          found.put(table.name(), children(c, table, keys(parentRows, parent.key()), lookBack, raw));
        }
        it.remove();
        progress = true;
      }
    }
    List<TableRows> ordered = new ArrayList<>();
    for (Table table : system.tables()) {
      ordered.add(found.get(table.name()));
    }
    return ordered;
  }

  private TableRows roots(Connection c, Table table, Subject subject, LookBack lookBack, Collection<?> keys, boolean raw)
      throws SQLException {
    List<String> conditions = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    for (Map.Entry<IdentityKind, String> identity : table.identity().entrySet()) {
      String value =
          switch (identity.getKey()) {
            case EMAIL -> subject.email();
            case ACCOUNT_ID -> subject.accountId();
          };
      String canonical = value == null || value.isBlank() ? null : identity.getKey().canonical(value);
      // a stored keyed hash is what erasure left, never an identifier someone can be found by
      if (canonical != null && !KeyedHash.isHash(canonical)) {
        if (table.columns().get(identity.getValue()).erasure() == Erasure.HASH) {
          conditions.add(identity.getValue() + " in (?, ?)");
          args.add(canonical);
          args.add(keyedHash.of(canonical));
        } else {
          conditions.add(identity.getValue() + " = ?");
          args.add(canonical);
        }
      }
    }
    if (!keys.isEmpty()) {
      conditions.add(table.key() + " in (" + String.join(",", Collections.nCopies(keys.size(), "?")) + ")");
      args.addAll(keys);
    }
    if (conditions.isEmpty()) {
      return empty(table);
    }
    String where = "(" + String.join(" or ", conditions) + ")";
    return query(c, table, where, args, lookBack, raw);
  }

  private TableRows children(Connection c, Table table, List<Object> parentKeys, LookBack lookBack, boolean raw)
      throws SQLException {
    TableRows all = empty(table);
    for (int from = 0; from < parentKeys.size(); from += IN_BATCH) {
      List<Object> batch = parentKeys.subList(from, Math.min(parentKeys.size(), from + IN_BATCH));
      String where = table.parent().column() + " in (" + String.join(",", Collections.nCopies(batch.size(), "?")) + ")";
      all.rows().addAll(query(c, table, where, batch, lookBack, raw).rows());
    }
    return all;
  }

  private TableRows query(Connection c, Table table, String where, List<Object> args, LookBack lookBack, boolean raw)
      throws SQLException {
    TableRows result = empty(table);
    List<String> columns = result.columns();
    StringBuilder sql = new StringBuilder("select ").append(String.join(", ", columns)).append(" from ")
        .append(table.name()).append(" where ").append(where);
    if (lookBack != null && table.time() != null) {
      sql.append(" and ").append(table.time()).append(" >= ?");
    }
    sql.append(" order by ").append(table.key());
    try (PreparedStatement st = c.prepareStatement(sql.toString())) {
      int i = 1;
      for (Object arg : args) {
        st.setObject(i++, arg);
      }
      if (lookBack != null && table.time() != null) {
        st.setTimestamp(i, Timestamp.from(lookBack.since()));
      }
      st.setFetchSize(1000);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Object[] row = new Object[columns.size()];
          for (int col = 0; col < columns.size(); col++) {
            Object value = value(rs.getObject(col + 1));
            // never-disclose values (§7024(d)) are replaced as they are read, so they never leave here
            row[col] = value != null && !raw && result.withheld().get(col) ? Collected.WITHHELD : value;
          }
          result.rows().add(row);
        }
      }
    }
    return result;
  }

  /** Rows keep plain values: text, numbers, booleans, and dates as ISO-8601 text. */
  private static Object value(Object raw) {
    if (raw instanceof Timestamp t) {
      return t.toLocalDateTime().toString();
    }
    if (raw instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (raw instanceof java.time.temporal.TemporalAccessor || raw instanceof java.util.Date) {
      return raw.toString();
    }
    return raw;
  }

  private static TableRows empty(Table table) {
    List<String> columns = new ArrayList<>(table.columns().keySet());
    List<String> labels = new ArrayList<>();
    List<CcpaCategory> categories = new ArrayList<>();
    List<Boolean> withheld = new ArrayList<>();
    for (String name : columns) {
      Column column = table.columns().get(name);
      labels.add(column.labelOr(name));
      categories.add(column.category());
      withheld.add(!column.disclosable());
    }
    return new TableRows(table.name(), columns, labels, categories, withheld, new ArrayList<>());
  }

  private static List<Object> keys(TableRows rows, String keyColumn) {
    int index = -1;
    for (int i = 0; i < rows.columns().size(); i++) {
      if (rows.columns().get(i).equalsIgnoreCase(keyColumn)) {
        index = i;
      }
    }
    List<Object> keys = new ArrayList<>(rows.rows().size());
    for (Object[] row : rows.rows()) {
      keys.add(row[index]);
    }
    return keys;
  }

  /** A system could not be read; names the system, never the consumer. */
  public static class CollectionFailedException extends RuntimeException {
    CollectionFailedException(String system, SQLException cause) {
      super("collection from system '" + system + "' failed: SQLState " + cause.getSQLState() + " " + cause.getClass().getSimpleName());
    }
  }
}
