package com.privacycasemanager.preferencestore;

import java.util.Locale;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which database the preference store writes to: PostgreSQL (with its {@code on conflict} clause,
 * which keeps concurrent first writes on several nodes from failing) or H2, the embedded
 * single-node default. Asked once.
 */
final class Dialect {

  private final JdbcTemplate jdbc;
  private volatile Boolean postgres;

  Dialect(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  boolean postgres() {
    Boolean p = postgres;
    if (p == null) {
      String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
      p = product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
      postgres = p;
    }
    return p;
  }
}
