package com.privacycasemanager.incentive;

import com.privacycasemanager.datamap.Collected.TableRows;
import com.privacycasemanager.datamap.Collector;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DataMap.Table;
import com.privacycasemanager.datamap.IncentiveProgram;
import com.privacycasemanager.request.Subject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A consumer's enrolment rows in a program's connected system: the rows of the program's
 * enrolment table that the data map's consumer graph walk ({@link Collector#reachable}) reaches
 * from the consumer's identifiers, as an appeal of an ADMT decision finds the decision it writes
 * its outcome on. A withdrawal dates them in the program's {@code withdrawnColumn}: the business's
 * wall-clock time in {@code privacy.time-zone}, as the connected systems keep their times.
 */
@Component
class Enrolments {

  private static final int IN_BATCH = 500;

  private final Collector collector;
  private final ConnectedSystems systems;
  private final ZoneId zone;

  Enrolments(Collector collector, ConnectedSystems systems, @Value("${privacy.time-zone}") ZoneId zone) {
    this.collector = collector;
    this.systems = systems;
    this.zone = zone;
  }

  /**
   * Writes {@code at} into the withdrawn column of each of the consumer's enrolment rows that has
   * none yet (an earlier withdrawal keeps its date); returns how many rows were dated. Nothing is
   * written when the program names no withdrawn column.
   */
  int markWithdrawn(IncentiveProgram program, Subject subject, Instant at) {
    IncentiveProgram.Enrolment enrolment = program.enrolment();
    String column = enrolment.withdrawnColumn();
    if (column == null) {
      return 0;
    }
    Table table = systems.map().system(enrolment.system()).flatMap(s -> s.table(enrolment.table())).orElseThrow();
    List<Object> keys = keys(collector.reachable(enrolment.system(), subject, Map.of()), table);
    JdbcTemplate shop = new JdbcTemplate(systems.dataSource(enrolment.system()));
    LocalDateTime wallClock = LocalDateTime.ofInstant(at, zone);
    int dated = 0;
    for (int from = 0; from < keys.size(); from += IN_BATCH) {
      List<Object> batch = keys.subList(from, Math.min(keys.size(), from + IN_BATCH));
      List<Object> args = new ArrayList<>();
      args.add(wallClock);
      args.addAll(batch);
      dated += shop.update("update " + table.name() + " set " + column + " = ? where " + table.key() + " in ("
          + String.join(",", Collections.nCopies(batch.size(), "?")) + ") and " + column + " is null", args.toArray());
    }
    return dated;
  }

  private static List<Object> keys(List<TableRows> reached, Table table) {
    TableRows rows = reached.stream()
        .filter(t -> t != null && t.table().equalsIgnoreCase(table.name()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the walk did not reach enrolment table '" + table.name() + "'"));
    int key = -1;
    for (int i = 0; i < rows.columns().size(); i++) {
      if (rows.columns().get(i).equalsIgnoreCase(table.key())) {
        key = i;
      }
    }
    if (key < 0) {
      throw new IllegalStateException("enrolment table '" + table.name() + "' lists no column for its key '" + table.key() + "'");
    }
    List<Object> keys = new ArrayList<>(rows.rows().size());
    for (Object[] row : rows.rows()) {
      keys.add(row[key]);
    }
    return keys;
  }
}
