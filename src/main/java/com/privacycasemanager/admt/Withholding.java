package com.privacycasemanager.admt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a reviewer leaves out of an answer to a request to access ADMT (11 CCR §7222(c)): columns of
 * the use's outputs whose values would disclose a trade secret or compromise security, fraud
 * prevention or safety, each with the reviewer's basis. Only the output detail of (b)(2)–(b)(3) can
 * be withheld, so a withholding names output columns and nothing else: the purpose, the logic, its
 * parameters and how the output is used are always answered. The answer states each withheld
 * column with its ground and basis, so every redaction is on record with why.
 */
public record Withholding(List<Withheld> columns) {

  public Withholding {
    columns = columns == null ? List.of() : List.copyOf(columns);
    Set<String> seen = new HashSet<>();
    for (Withheld withheld : columns) {
      if (!seen.add(withheld.column().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("column '" + withheld.column() + "' is withheld twice");
      }
    }
  }

  /** Nothing withheld. */
  public static Withholding none() {
    return new Withholding(List.of());
  }

  /** One column withheld. */
  public static Withholding of(String column, Ground ground, String basis) {
    return none().and(column, ground, basis);
  }

  /** This withholding and one more column. */
  public Withholding and(String column, Ground ground, String basis) {
    List<Withheld> more = new ArrayList<>(columns);
    more.add(new Withheld(column, ground, basis));
    return new Withholding(more);
  }

  /** How {@code column} is withheld, if it is (column names compare as the database does, ignoring case). */
  public Optional<Withheld> find(String column) {
    return columns.stream().filter(w -> w.column().equalsIgnoreCase(column)).findFirst();
  }

  public boolean isEmpty() {
    return columns.isEmpty();
  }

  /** The two grounds §7222(c) allows output detail to be withheld on. */
  public enum Ground {
    TRADE_SECRET("a trade secret (Civ. Code §3426.1(d))"),
    SECURITY_FRAUD_SAFETY("it would compromise security, fraud prevention or physical safety");

    private final String label;

    Ground(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One withheld output column.
   *
   * @param basis why this column falls under the ground, in the reviewer's words: required
   */
  public record Withheld(String column, Ground ground, String basis) {
    public Withheld {
      if (column == null || column.isBlank()) {
        throw new IllegalArgumentException("a withheld column must be named");
      }
      if (ground == null) {
        throw new IllegalArgumentException("column '" + column + "': the ground it is withheld on is required");
      }
      if (basis == null || basis.isBlank()) {
        throw new IllegalArgumentException("column '" + column + "': the basis for withholding it is required");
      }
      column = column.strip();
      basis = basis.strip();
    }
  }
}
