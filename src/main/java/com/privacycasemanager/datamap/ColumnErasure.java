package com.privacycasemanager.datamap;

import com.privacycasemanager.datamap.DataMap.Column;
import org.springframework.stereotype.Component;

/**
 * The value a column holds once erased, by the column's {@link Erasure} strategy. Erasing an erased
 * value gives the same value, so an erasure step that runs twice changes nothing more.
 */
@Component
public class ColumnErasure {

  private final KeyedHash keyedHash;

  public ColumnErasure(KeyedHash keyedHash) {
    this.keyedHash = keyedHash;
  }

  /** Whether erasing changes a value of this column (SET_NULL, REPLACE or HASH). */
  public static boolean changesValue(Column column) {
    return column.erasure() == Erasure.SET_NULL || column.erasure() == Erasure.REPLACE || column.erasure() == Erasure.HASH;
  }

  /**
   * The erased form of {@code current}: null, the column's replacement, or a keyed hash of the
   * value (the same value always gives the same hash, so joins and counts still work).
   */
  public Object erased(Column column, Object current) {
    return switch (column.erasure()) {
      case SET_NULL -> null;
      case REPLACE -> column.replacement();
      case HASH -> current == null || KeyedHash.isHash(current) ? current : keyedHash.of(current);
      case DELETE_ROW, RETAIN -> throw new IllegalArgumentException("a " + column.erasure() + " column has no erased value");
    };
  }

  /** Whether a value already is what erasure leaves in this column. */
  public boolean isErased(Column column, Object current) {
    return switch (column.erasure()) {
      case SET_NULL -> current == null;
      case REPLACE -> current == null || current.toString().equals(column.replacement());
      case HASH -> current == null || KeyedHash.isHash(current);
      case DELETE_ROW, RETAIN -> false;
    };
  }
}
