package com.privacycasemanager.datamap;

import com.privacycasemanager.request.CcpaCategory;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What collection found about one consumer: per system and table, the columns (with their labels
 * and categories) and the rows, never-disclose values already replaced by {@link #WITHHELD}.
 */
public record Collected(LookBack lookBack, List<SystemRows> systems) {

  /** What a never-disclose value becomes (§7024(d)). */
  public static final String WITHHELD = "collected; value withheld";

  public int rowCount() {
    return systems.stream().flatMap(s -> s.tables().stream()).mapToInt(t -> t.rows().size()).sum();
  }

  public boolean isEmpty() {
    return rowCount() == 0;
  }

  /** The categories of which at least one value was found. */
  public Set<CcpaCategory> categories() {
    EnumSet<CcpaCategory> all = EnumSet.noneOf(CcpaCategory.class);
    systems.forEach(s -> s.tables().forEach(t -> all.addAll(t.categoriesFound())));
    return all;
  }

  public record SystemRows(String id, String name, List<TableRows> tables) {}

  /**
   * One table's rows for the consumer.
   *
   * @param withheld per column, whether its values are withheld
   */
  public record TableRows(
      String table,
      List<String> columns,
      List<String> labels,
      List<CcpaCategory> categories,
      List<Boolean> withheld,
      List<Object[]> rows) {

    public Set<CcpaCategory> categoriesFound() {
      EnumSet<CcpaCategory> found = EnumSet.noneOf(CcpaCategory.class);
      for (int c = 0; c < columns.size(); c++) {
        for (Object[] row : rows) {
          if (row[c] != null) {
            found.add(categories.get(c));
            break;
          }
        }
      }
      return found;
    }
  }
}
