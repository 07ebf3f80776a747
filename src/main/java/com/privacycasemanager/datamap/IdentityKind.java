package com.privacycasemanager.datamap;

/** The consumer identifiers a table can be searched by; each names a field of the case's subject. */
public enum IdentityKind {
  EMAIL,
  ACCOUNT_ID;

  /** Identifiers are compared in a canonical form, so the data map's columns must hold that form. */
  public String canonical(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    return this == EMAIL ? trimmed.toLowerCase(java.util.Locale.ROOT) : trimmed;
  }
}
