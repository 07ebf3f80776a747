package com.privacycasemanager.admt;

import com.privacycasemanager.datamap.Collected;
import com.privacycasemanager.request.CcpaCategory;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One consumer's outputs of one ADMT use: the rows of the use's outputs table that are reachable
 * from the consumer, whatever their date. Personal data: never logged.
 *
 * @param useId the ADMT use of the data map
 * @param timeLabel how the data map labels the outputs' time column
 * @param columns the outputs table's columns other than its time column, in data map order
 * @param outputs newest first; undated ones last
 */
public record ConsumerOutputs(String useId, String timeLabel, List<Column> columns, List<Output> outputs) {

  public ConsumerOutputs {
    columns = List.copyOf(columns);
    outputs = List.copyOf(outputs);
  }

  public boolean isEmpty() {
    return outputs.isEmpty();
  }

  /** The outputs dated within {@code period}, newest first. */
  public List<Output> within(TwelveMonths period) {
    return outputs.stream().filter(o -> period.contains(o.time())).toList();
  }

  /** How many times the use ran on the consumer within {@code period}. */
  public int countWithin(TwelveMonths period) {
    return (int) outputs.stream().filter(o -> period.contains(o.time())).count();
  }

  /** The column of this name (ignoring case, as the databases do). */
  public Optional<Column> column(String name) {
    return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
  }

  /**
   * One column of the outputs table.
   *
   * @param label how the data map labels it; the key of {@link Output#values()} (made unique within the table)
   * @param neverDisclosed its values are never disclosed (§7024(d)): they read {@link Collected#WITHHELD}
   * @param reference the table's key or its link to the parent row: it says which row, not what was decided
   */
  public record Column(String name, String label, CcpaCategory category, boolean neverDisclosed, boolean reference) {}

  /**
   * One output of the use about the consumer.
   *
   * @param time when it was produced (from the use's time column); null when the row has no date
   * @param values every other column, label to value, in data map order; never-disclose values
   *     read {@link Collected#WITHHELD}
   */
  public record Output(Instant time, Map<String, Object> values) {
    public Output {
      // values may be null, so no Map.copyOf
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A copy without the values of these labels. */
    Output without(java.util.Collection<String> labels) {
      if (labels.isEmpty()) {
        return this;
      }
      Map<String, Object> kept = new LinkedHashMap<>(values);
      kept.keySet().removeAll(labels);
      return new Output(time, kept);
    }
  }
}
