package com.privacycasemanager.erasure;

import com.privacycasemanager.datamap.DeletionException;
import java.util.List;

/**
 * What a deletion does in one system: per table, groups of rows that share an action and a reason.
 * Holds row keys of the business's own system and never a personal value.
 */
public record DeletionPlan(String systemId, List<Rows> rows) {

  /** What happens to a row. */
  public enum Action {
    /** The row is deleted (the table's key column is DELETE_ROW). */
    DELETE,
    /** The row stays; each column is erased by its strategy (RETAIN columns are kept). */
    ERASE,
    /** Kept under an exception, except the columns the exception does not keep, which are erased. */
    KEEP_PART,
    /** Kept whole under an exception (or with a kept parent row, or a reviewer's legal hold). */
    KEEP
  }

  /**
   * Rows of one table with one action.
   *
   * @param basis the exception a KEEP or KEEP_PART group is kept under; null otherwise
   * @param reason what the consumer is told about a kept group; null otherwise
   * @param kept the columns a KEEP_PART group keeps (besides key and parent link)
   */
  public record Rows(String table, Action action, DeletionException basis, String reason, List<String> kept, List<Object> keys) {
    public Rows {
      kept = kept == null ? List.of() : List.copyOf(kept);
      keys = List.copyOf(keys);
    }

    public boolean isKept() {
      return action == Action.KEEP || action == Action.KEEP_PART;
    }
  }

  public DeletionPlan {
    rows = List.copyOf(rows);
  }

  public List<Rows> forTable(String table) {
    return rows.stream().filter(r -> r.table().equalsIgnoreCase(table)).toList();
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }
}
