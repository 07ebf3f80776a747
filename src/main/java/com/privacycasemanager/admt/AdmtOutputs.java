package com.privacycasemanager.admt;

import com.privacycasemanager.admt.ConsumerOutputs.Column;
import com.privacycasemanager.admt.ConsumerOutputs.Output;
import com.privacycasemanager.datamap.AdmtUse;
import com.privacycasemanager.datamap.Collected;
import com.privacycasemanager.datamap.Collected.TableRows;
import com.privacycasemanager.datamap.Collector;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DataMap.Table;
import com.privacycasemanager.request.Subject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Finds a consumer's outputs of an ADMT use: the rows of the use's outputs table that the data map's
 * consumer graph walk ({@link Collector#reachable}) reaches from the consumer, whatever their date,
 * with never-disclose values withheld as collection withholds them. One walk of the outputs
 * system per call, its child tables read in batches, so a consumer with a thousand outputs costs a
 * handful of queries, not one per row.
 *
 * <p>A time column without a zone (SQL {@code timestamp}, or a {@code date}) holds the business's
 * wall-clock time: it is read in {@code privacy.time-zone}, as the demo business writes it and as
 * deletion compares its dates.
 */
@Component
public class AdmtOutputs {

  private final Collector collector;
  private final ConnectedSystems systems;
  private final ZoneId zone;

  public AdmtOutputs(Collector collector, ConnectedSystems systems, @Value("${privacy.time-zone}") ZoneId zone) {
    this.collector = collector;
    this.systems = systems;
    this.zone = zone;
  }

  /** The consumer's outputs of {@code use}, newest first. */
  public ConsumerOutputs of(Subject subject, AdmtUse use) {
    AdmtUse.Outputs where = use.outputs();
    Table table = systems.map().outputsTable(use);
    TableRows rows = collector.reachable(where.system(), subject, Map.of()).stream()
        .filter(t -> t != null && t.table().equalsIgnoreCase(table.name()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("admt use '" + use.id() + "': the walk of system '" + where.system()
            + "' did not reach table '" + table.name() + "'"));

    int timeIndex = indexOf(rows.columns(), where.time());
    if (timeIndex < 0) {
      throw new IllegalStateException("admt use '" + use.id() + "': time column '" + where.time() + "' was not read from " + table.name());
    }
    List<Column> columns = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < rows.columns().size(); i++) {
      if (i == timeIndex) {
        continue;
      }
      String name = rows.columns().get(i);
      String label = rows.labels().get(i);
      if (!labels.add(label)) {
        label = label + " (" + name + ")";
        labels.add(label);
      }
      boolean reference = name.equalsIgnoreCase(table.key())
          || table.parent() != null && name.equalsIgnoreCase(table.parent().column());
      columns.add(new Column(name, label, rows.categories().get(i), rows.withheld().get(i), reference));
      indexes.add(i);
    }

    List<Output> outputs = new ArrayList<>(rows.rows().size());
    for (Object[] row : rows.rows()) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        Object value = row[indexes.get(c)];
        // reachable() gives raw values, so the never-disclose ones (§7024(d)) are withheld here
        values.put(columns.get(c).label(), value != null && columns.get(c).neverDisclosed() ? Collected.WITHHELD : value);
      }
      outputs.add(new Output(instant(row[timeIndex], use, where.time()), values));
    }
    // rows come in key order; reversed and then sorted stably, outputs of one moment stay newest key first
    Collections.reverse(outputs);
    outputs.sort(Comparator.comparing(Output::time, Comparator.nullsLast(Comparator.reverseOrder())));
    return new ConsumerOutputs(use.id(), rows.labels().get(timeIndex), columns, outputs);
  }

  /** The 12 months before a request received at {@code receivedAt}, in the business's time zone. */
  public TwelveMonths twelveMonthsBefore(Instant receivedAt) {
    return TwelveMonths.before(receivedAt, zone);
  }

  /**
   * A time value as collection reads it (an ISO-8601 date-time with or without offset, or a date)
   * as an instant. The value itself is never put into a message: it is the consumer's.
   */
  private Instant instant(Object value, AdmtUse use, String column) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof java.util.Date date) {
      return date.toInstant();
    }
    String text = value.toString();
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(zone).toInstant();
      }
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from, LocalDateTime::from);
      return parsed instanceof ZonedDateTime zoned ? zoned.toInstant() : ((LocalDateTime) parsed).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("admt use '" + use.id() + "': time column '" + column + "' holds a value that is not a date or time");
    }
  }

  private static int indexOf(List<String> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }
}
