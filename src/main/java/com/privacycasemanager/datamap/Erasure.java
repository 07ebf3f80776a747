package com.privacycasemanager.datamap;

/** How a column's value is erased when a consumer's deletion is carried out. */
public enum Erasure {
  /** The whole row goes (the column decides it only on the table's key column). */
  DELETE_ROW,
  /** The value becomes null (not {@code NULL}: YAML reads an unquoted NULL as no value at all). */
  SET_NULL,
  /** The value is replaced by a fixed text (the column's {@code replacement}). */
  REPLACE,
  /** The value is replaced by a keyed hash, so joins and counts still work without the value. */
  HASH,
  /** Kept: a legal exception applies (the column's {@code retainBecause} names it). */
  RETAIN
}
