package com.privacycasemanager.correction;

import com.privacycasemanager.correction.CorrectionField.Decision;
import com.privacycasemanager.correction.CorrectionField.Result;
import com.privacycasemanager.correction.CorrectionFields.Location;
import com.privacycasemanager.correction.CorrectionRepository.RowRef;
import com.privacycasemanager.datamap.ColumnErasure;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.IdentityKind;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.RequestId;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * {@code ${applyCorrections}} (Task_ApplyCorrections, async with retries): writes each approved
 * field's new value to every column carrying the field, for the consumer's rows only, or erases it
 * there by the column's erasure strategy when deletion was chosen instead (§7023(e)). Running it
 * again changes nothing more: the same value is written again, an erased value erases to itself,
 * and the rows are those found before review plus any found now.
 */
@Component("applyCorrections")
public class ApplyCorrections {

  private static final Pattern US_DATE = Pattern.compile("^(\\d{1,2})/(\\d{1,2})/(\\d{4})$");

  private final CorrectionRepository corrections;
  private final CorrectionFields fields;
  private final ConsumerRows consumerRows;
  private final ConnectedSystems systems;
  private final ColumnErasure erasure;
  private final CaseRepository cases;
  private final Clock clock;

  public ApplyCorrections(
      CorrectionRepository corrections,
      CorrectionFields fields,
      ConsumerRows consumerRows,
      ConnectedSystems systems,
      ColumnErasure erasure,
      CaseRepository cases,
      Clock clock) {
    this.corrections = corrections;
    this.fields = fields;
    this.consumerRows = consumerRows;
    this.systems = systems;
    this.erasure = erasure;
    this.cases = cases;
    this.clock = clock;
  }

  public void execute(DelegateExecution execution) {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    try {
      apply(id);
    } catch (SQLException e) {
      // a driver's message can quote the value; the job's exception goes to logs and Cockpit
      throw new CorrectionFailedException(id, e);
    }
  }

  private void apply(RequestId id) throws SQLException {
    Map<String, List<Object>> rowsByTable = rows(id);
    List<String> summary = new ArrayList<>();
    for (CorrectionField field : corrections.fields(id)) {
      if (field.decision() == Decision.APPROVED) {
        Outcome outcome = correct(field, rowsByTable);
        corrections.recordResult(id, field.field(), outcome.result(), outcome.note());
        summary.add(field.field() + "=" + outcome.result());
      } else if (field.decision() == Decision.DELETE_INSTEAD) {
        Outcome outcome = erase(field, rowsByTable);
        corrections.recordResult(id, field.field(), outcome.result(), outcome.note());
        summary.add(field.field() + "=" + outcome.result());
      }
    }
    cases.recordEvent(id, "CORRECTIONS_APPLIED", String.join(" ", summary), clock.instant());
  }

  /** The consumer's row keys by "system.table": those kept before review, and any found now. */
  private Map<String, List<Object>> rows(RequestId id) {
    List<RowRef> all = new ArrayList<>(corrections.targets(id));
    all.addAll(consumerRows.find(cases.get(id).subject()));
    Map<String, List<Object>> byTable = new LinkedHashMap<>();
    for (RowRef row : all) {
      List<Object> keys = byTable.computeIfAbsent(row.system() + "." + row.table().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>());
      if (keys.stream().noneMatch(k -> k.toString().equals(row.key().toString()))) {
        keys.add(row.key());
      }
    }
    return byTable;
  }

  private Outcome correct(CorrectionField field, Map<String, List<Object>> rowsByTable) throws SQLException {
    // every value is converted before any is written, so a value one column cannot take changes nothing
    Map<Location, Object> values = new LinkedHashMap<>();
    for (Location location : fields.locations(field.field())) {
      if (keys(location, rowsByTable).isEmpty()) {
        continue;
      }
      try (Connection c = systems.dataSource(location.system().id()).getConnection()) {
        values.put(location, converted(c, location, canonical(location, field.requestedValue())));
      } catch (IllegalArgumentException invalid) {
        return new Outcome(Result.INVALID_VALUE, "The new value is not " + invalid.getMessage() + ".");
      }
    }
    int touched = 0;
    for (Map.Entry<Location, Object> entry : values.entrySet()) {
      try (Connection c = systems.dataSource(entry.getKey().system().id()).getConnection()) {
        touched += update(c, entry.getKey(), keys(entry.getKey(), rowsByTable), entry.getValue());
      }
    }
    return new Outcome(touched == 0 ? Result.NOT_HELD : Result.CORRECTED, null);
  }

  private Outcome erase(CorrectionField field, Map<String, List<Object>> rowsByTable) throws SQLException {
    int erased = 0;
    List<String> kept = new ArrayList<>();
    for (Location location : fields.locations(field.field())) {
      List<Object> keys = keys(location, rowsByTable);
      if (keys.isEmpty()) {
        continue;
      }
      if (!ColumnErasure.changesValue(location.column())) {
        kept.add(location.system().displayName() + " / " + location.table().name() + ": "
            + (location.column().retainBecause() != null ? location.column().retainBecause() : "removed only with the whole record"));
        continue;
      }
      try (Connection c = systems.dataSource(location.system().id()).getConnection()) {
        for (Object key : keys) {
          Object current = currentValue(c, location, key);
          Object target = erasure.erased(location.column(), current);
          if (!Objects.equals(current, target)) {
            update(c, location, List.of(key), target);
          }
          erased++;
        }
      }
    }
    if (!kept.isEmpty()) {
      return new Outcome(Result.KEPT, "Kept where the law or the record requires it (" + String.join("; ", kept) + ").");
    }
    return new Outcome(erased == 0 ? Result.NOT_HELD : Result.ERASED, null);
  }

  private static List<Object> keys(Location location, Map<String, List<Object>> rowsByTable) {
    return rowsByTable.getOrDefault(location.system().id() + "." + location.table().name().toLowerCase(java.util.Locale.ROOT), List.of());
  }

  private static int update(Connection c, Location location, List<Object> keys, Object value) throws SQLException {
    int rows = 0;
    String sql = "update " + location.table().name() + " set " + location.columnName() + " = ? where " + location.table().key() + " = ?";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      for (Object key : keys) {
        st.setObject(1, value);
        st.setObject(2, key);
        rows += st.executeUpdate();
      }
    }
    return rows;
  }

  private static Object currentValue(Connection c, Location location, Object key) throws SQLException {
    String sql = "select " + location.columnName() + " from " + location.table().name() + " where " + location.table().key() + " = ?";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setObject(1, key);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getObject(1) : null;
      }
    }
  }

  /** An identity column holds the canonical form (emails lower-case), or the consumer could no longer be found. */
  private static String canonical(Location location, String value) {
    for (Map.Entry<IdentityKind, String> identity : location.table().identity().entrySet()) {
      if (identity.getValue().equalsIgnoreCase(location.columnName())) {
        return identity.getKey().canonical(value);
      }
    }
    return value;
  }

  /** The new value as the column's SQL type; IllegalArgumentException names what it should be. */
  private static Object converted(Connection c, Location location, String value) throws SQLException {
    ResultSetMetaData meta;
    try (PreparedStatement st = c.prepareStatement(
        "select " + location.columnName() + " from " + location.table().name() + " where 1 = 0");
        ResultSet rs = st.executeQuery()) {
      meta = rs.getMetaData();
      int type = meta.getColumnType(1);
      int size = meta.getPrecision(1);
      try {
        return switch (type) {
          case Types.DATE -> java.sql.Date.valueOf(date(value));
          case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> java.sql.Timestamp.valueOf(LocalDateTime.parse(value));
          case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT -> Long.valueOf(value);
          case Types.NUMERIC, Types.DECIMAL, Types.DOUBLE, Types.REAL, Types.FLOAT -> new BigDecimal(value);
          case Types.BOOLEAN, Types.BIT -> switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes" -> Boolean.TRUE;
            case "false", "no" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("yes or no");
          };
          default -> {
            if (size > 0 && value.length() > size) {
              throw new IllegalArgumentException("at most " + size + " characters long");
            }
            yield value;
          }
        };
      } catch (java.time.DateTimeException | NumberFormatException e) {
        throw new IllegalArgumentException(type == Types.DATE ? "a date (YYYY-MM-DD or MM/DD/YYYY)" : "of the right form");
      }
    }
  }

  private static LocalDate date(String value) {
    Matcher us = US_DATE.matcher(value.trim());
    if (us.matches()) {
      return LocalDate.of(Integer.parseInt(us.group(3)), Integer.parseInt(us.group(1)), Integer.parseInt(us.group(2)));
    }
    return LocalDate.parse(value.trim());
  }

  private record Outcome(Result result, String note) {}

  /** Writing failed; names the case and the kind of failure, never a value (the job is retried). */
  public static class CorrectionFailedException extends RuntimeException {
    CorrectionFailedException(RequestId id, SQLException cause) {
      super("applying the correction of " + id + " failed: SQLState " + cause.getSQLState() + " " + cause.getClass().getSimpleName());
    }
  }
}
