package com.privacycasemanager.datamap;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.privacycasemanager.request.CcpaCategory;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data map as written in YAML (see {@code src/main/resources/data-map.yml} for an annotated
 * example). Immutable; {@link DataMapLoader} checks its internal references and {@link
 * ConnectedSystems} checks it against the databases.
 */
public record DataMap(
    Business business,
    List<Purpose> purposes,
    List<Source> sources,
    List<DataSystem> systems,
    /** The recipients registry (read by {@link RecipientsRegistry}). */
    List<Map<String, Object>> recipients,
    /** The uses of automated decisionmaking technology for significant decisions (11 CCR §7200). */
    List<AdmtUse> admt,
    /**
     * The financial incentive programs and price or service differences offered for personal
     * information (Civ. Code §1798.125(b); 11 CCR §§7016, 7080, 7081).
     */
    List<IncentiveProgram> incentives) {

  public DataMap {
    purposes = purposes == null ? List.of() : List.copyOf(purposes);
    sources = sources == null ? List.of() : List.copyOf(sources);
    systems = systems == null ? List.of() : List.copyOf(systems);
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
    admt = admt == null ? List.of() : List.copyOf(admt);
    incentives = incentives == null ? List.of() : List.copyOf(incentives);
  }

  public Optional<IncentiveProgram> incentive(String id) {
    return incentives.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  public Optional<AdmtUse> admtUse(String id) {
    return admt.stream().filter(u -> u.id().equals(id)).findFirst();
  }

  /** The table holding an ADMT use's outputs (startup checked that the map has it). */
  public Table outputsTable(AdmtUse use) {
    AdmtUse.Outputs where = use.outputs();
    return system(where.system()).flatMap(s -> s.table(where.table()))
        .orElseThrow(() -> new IllegalArgumentException(
            "admt use '" + use.id() + "': outputs table " + where.system() + "." + where.table() + " is not in the data map"));
  }

  public Optional<DataSystem> system(String id) {
    return systems.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The names consumers may give verification data points under, with the columns holding them. */
  public Map<String, String> verificationDataPoints() {
    Map<String, String> points = new LinkedHashMap<>();
    for (DataSystem system : systems) {
      for (Table table : system.tables()) {
        table.columns().forEach((name, column) -> {
          if (column.verifies() != null) {
            points.putIfAbsent(column.verifies(), column.labelOr(name));
          }
        });
      }
    }
    return points;
  }

  /**
   * The fields a consumer may ask to correct, with how forms label them: one entry per field name
   * however many systems hold it (see {@link Column#fieldOr(String)}).
   */
  public Map<String, String> correctableFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    for (DataSystem system : systems) {
      for (Table table : system.tables()) {
        table.columns().forEach((name, column) -> {
          if (column.correctable()) {
            fields.putIfAbsent(column.fieldOr(name), column.labelOr(name));
          }
        });
      }
    }
    return fields;
  }

  /** Who the business is and how consumers reach it (for the notice and request methods). */
  public record Business(
      String name,
      @JsonProperty("lastUpdated") LocalDate lastUpdated,
      String email,
      String tollFreeNumber,
      String webForm,
      String mailingAddress,
      boolean onlineOnly,
      String agentInstructions) {

    /** The request methods by phone and email, as notices list them ("Call …", "Email …"). */
    public List<String> byPhoneOrEmail() {
      List<String> methods = new java.util.ArrayList<>();
      if (tollFreeNumber != null) {
        methods.add("Call " + tollFreeNumber);
      }
      if (email != null) {
        methods.add("Email " + email);
      }
      return methods;
    }
  }

  /** A business or commercial purpose personal information is used for. */
  public record Purpose(String id, String description) {}

  /** A category of sources personal information is collected from. */
  public record Source(String id, String description) {}

  /** One connected system: a JDBC data source and the tables in it that hold personal data. */
  public record DataSystem(String id, String name, Connection datasource, List<Table> tables) {
    public DataSystem {
      tables = tables == null ? List.of() : List.copyOf(tables);
    }

    public Optional<Table> table(String name) {
      return tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }

    public String displayName() {
      return name == null ? id : name;
    }
  }

  /** JDBC coordinates; values may use {@code ${ENV_OR_PROPERTY}} placeholders. */
  public record Connection(String url, String username, String password) {
    @Override
    public String toString() {
      return "Connection[" + url + "]";
    }
  }

  /**
   * A table. Rows reach a consumer either directly ({@code identity}: which column holds which
   * identifier) or through {@code parent} (a foreign key to a table that does); the graph is
   * followed to any depth.
   *
   * @param time the column dating a row, for the look-back period; a table without one is
   *     reported whole (for example a profile that holds current data)
   */
  public record Table(
      String name,
      String key,
      Map<IdentityKind, String> identity,
      Parent parent,
      String time,
      String retention,
      List<String> purposes,
      List<String> sources,
      Map<String, Column> columns,
      /** Rows a deletion keeps, and why (§1798.105(d)); the first rule that matches a row applies. */
      List<RetentionRule> exceptions) {
    public Table {
      exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
      identity = identity == null ? Map.of() : Map.copyOf(identity);
      purposes = purposes == null ? List.of() : List.copyOf(purposes);
      sources = sources == null ? List.of() : List.copyOf(sources);
      columns = columns == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public boolean isRoot() {
      return !identity.isEmpty();
    }
  }

  /**
   * A deletion exception: rows matching {@code when} are kept under {@code basis}, for the reason
   * the consumer is told. With {@code keep}, only those columns are kept and the row's other
   * columns are erased by their own strategy; without it the whole row is kept. Rows of child
   * tables go with a kept row.
   */
  public record RetentionRule(DeletionException basis, String reason, Condition when, List<String> keep) {
    public RetentionRule {
      keep = keep == null ? null : List.copyOf(keep);
    }
  }

  /** Whether a row kept in part under {@code rule} keeps {@code column}: its key and parent link always stay. */
  public static boolean keeps(Table table, RetentionRule rule, String column) {
    return rule.keep() == null
        || rule.keep().contains(column)
        || column.equals(table.key())
        || table.parent() != null && column.equals(table.parent().column());
  }

  /**
   * Which rows a rule covers; every condition given must hold. {@code in}/{@code notIn} compare the
   * column's value as text; {@code within} holds when the column's date lies within that period
   * before now (an ISO-8601 period such as {@code P7Y}).
   */
  public record Condition(String column, List<String> in, List<String> notIn, java.time.Period within) {}

  /** A foreign key from a child table ({@code column}) to its parent table's key. */
  public record Parent(String table, String column) {}

  /**
   * One column that holds personal information.
   *
   * @param disclose false for values the law forbids disclosing (§7024(d)); they are reported as
   *     collected with the value withheld
   * @param verifies the verification data point name this column can confirm, if any
   * @param field the consumer-facing field a correctable column holds, so one correction reaches
   *     every column holding it (default: {@code verifies}, else the column name)
   */
  public record Column(
      CcpaCategory category,
      boolean sensitive,
      Boolean disclose,
      Erasure erasure,
      String replacement,
      String retainBecause,
      boolean correctable,
      String verifies,
      String label,
      String field) {
    public boolean disclosable() {
      return disclose == null || disclose;
    }

    /** The field a correction of this column is asked for under. */
    public String fieldOr(String columnName) {
      return field != null ? field : verifies != null ? verifies : columnName;
    }

    public String labelOr(String columnName) {
      return label != null ? label : columnName.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }
}
