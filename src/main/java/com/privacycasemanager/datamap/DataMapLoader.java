package com.privacycasemanager.datamap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.privacycasemanager.datamap.DataMap.Column;
import com.privacycasemanager.datamap.DataMap.DataSystem;
import com.privacycasemanager.datamap.DataMap.Table;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.core.io.Resource;

/**
 * Reads a data map and checks everything that can be checked without a database: required
 * fields, unique ids, names that are plain SQL identifiers, and references between tables,
 * purposes and sources. Every failure names the entry.
 */
public final class DataMapLoader {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

  private DataMapLoader() {}

  public static DataMap load(Resource resource, String location, java.util.function.UnaryOperator<String> placeholders) {
    if (!resource.exists()) {
      throw new DataMapException("privacy.data-map.location: " + location + " does not exist");
    }
    ObjectMapper yaml =
        JsonMapper.builder(new YAMLFactory())
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();
    DataMap map;
    try (InputStream in = resource.getInputStream()) {
      String text = placeholders.apply(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      map = yaml.readValue(text, DataMap.class);
    } catch (JsonMappingException e) {
      String path =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining(".")).replace(".[", "[");
      throw new DataMapException("data map " + location + ": " + path + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new DataMapException("data map " + location + " cannot be read: " + e.getMessage());
    } catch (IllegalArgumentException unresolved) {
      throw new DataMapException("data map " + location + ": " + unresolved.getMessage());
    }
    if (map == null) {
      throw new DataMapException("data map " + location + " is empty");
    }
    check(map, location);
    return map;
  }

  static void check(DataMap map, String location) {
    String at = "data map " + location + ": ";
    if (map.business() == null || blank(map.business().name())) {
      throw new DataMapException(at + "business.name is required");
    }
    Set<String> purposes = ids(map.purposes().stream().map(DataMap.Purpose::id).toList(), at + "purposes");
    Set<String> sources = ids(map.sources().stream().map(DataMap.Source::id).toList(), at + "sources");
    ids(map.systems().stream().map(DataSystem::id).toList(), at + "systems");
    for (DataSystem system : map.systems()) {
      String where = at + "system '" + system.id() + "'";
      if (system.datasource() == null || blank(system.datasource().url())) {
        throw new DataMapException(where + ": datasource.url is required");
      }
      if (system.tables().isEmpty()) {
        throw new DataMapException(where + ": lists no tables");
      }
      Set<String> tableNames = new HashSet<>();
      for (Table table : system.tables()) {
        String t = where + " table '" + table.name() + "'";
        identifier(table.name(), t + ": name");
        if (!tableNames.add(table.name().toLowerCase())) {
          throw new DataMapException(t + " appears twice");
        }
        identifier(table.key(), t + ": key");
        if (!table.columns().containsKey(table.key())) {
          throw new DataMapException(t + ": key '" + table.key() + "' must be listed under columns");
        }
        for (String column : table.columns().keySet()) {
          identifier(column, t + " column");
          Column c = table.columns().get(column);
          if (c == null || c.category() == null) {
            throw new DataMapException(t + " column '" + column + "': category is required");
          }
          if (c.erasure() == Erasure.REPLACE && c.replacement() == null) {
            throw new DataMapException(t + " column '" + column + "': erasure REPLACE needs a replacement");
          }
          if (c.erasure() == Erasure.RETAIN && blank(c.retainBecause())) {
            throw new DataMapException(t + " column '" + column + "': erasure RETAIN needs retainBecause");
          }
          if (c.field() != null && !c.correctable()) {
            throw new DataMapException(t + " column '" + column + "': field '" + c.field() + "' only applies to correctable columns");
          }
          if (c.field() != null && !FIELD.matcher(c.field()).matches()) {
            throw new DataMapException(t + " column '" + column + "': field '" + c.field() + "' must be letters, digits and '_' (it names the field in requests)");
          }
        }
        table.identity().forEach((kind, column) -> {
          if (!table.columns().containsKey(column)) {
            throw new DataMapException(t + ": identity column '" + column + "' must be listed under columns");
          }
        });
        if (table.time() != null && !table.columns().containsKey(table.time())) {
          throw new DataMapException(t + ": time column '" + table.time() + "' must be listed under columns");
        }
        if (table.parent() == null && !table.isRoot()) {
          throw new DataMapException(t + ": needs identity columns or a parent, or no row can reach a consumer");
        }
        for (String p : table.purposes()) {
          if (!purposes.contains(p)) {
            throw new DataMapException(t + ": purpose '" + p + "' is not listed under purposes");
          }
        }
        for (String s : table.sources()) {
          if (!sources.contains(s)) {
            throw new DataMapException(t + ": source '" + s + "' is not listed under sources");
          }
        }
        if (blank(table.retention())) {
          throw new DataMapException(t + ": retention is required (the notice states it per category)");
        }
      }
      for (Table table : system.tables()) {
        if (table.parent() == null) {
          continue;
        }
        String t = where + " table '" + table.name() + "'";
        if (system.table(table.parent().table()).isEmpty()) {
          throw new DataMapException(t + ": parent table '" + table.parent().table() + "' is not in this system");
        }
        if (!table.columns().containsKey(table.parent().column())) {
          throw new DataMapException(t + ": parent column '" + table.parent().column() + "' must be listed under columns");
        }
      }
      checkNoCycles(system, where);
      for (Table table : system.tables()) {
        checkErasure(table, where + " table '" + table.name() + "'");
      }
    }
    checkAdmt(map, at);
    checkIncentives(map, at);
  }

  /**
   * Each financial incentive program says what its notice must (§7016(d)), points at a table of
   * the map that holds enrolment (with the column a withdrawal dates, when given) and names
   * recipients of the registry. A missing valuation is not refused here: the program loads, is not
   * offered (§7080(b)) and the self-check fails it by name, so the rest of the product keeps running.
   */
  static void checkIncentives(DataMap map, String at) {
    ids(map.incentives().stream().map(IncentiveProgram::id).toList(), at + "incentives");
    Set<String> recipients = new java.util.HashSet<>();
    for (Map<String, Object> recipient : map.recipients()) {
      if (recipient.get("id") != null) {
        recipients.add(String.valueOf(recipient.get("id")));
      }
    }
    for (IncentiveProgram program : map.incentives()) {
      String p = at + "incentive program '" + program.id() + "'";
      if (blank(program.name()) || blank(program.summary()) || blank(program.howToJoin())) {
        throw new DataMapException(p + ": name, summary and howToJoin are required (the Notice of Financial Incentive states them, §7016(d))");
      }
      if (program.materialTerms().isEmpty() || program.materialTerms().stream().anyMatch(DataMapLoader::blank)) {
        throw new DataMapException(p + ": materialTerms must list the terms a consumer agrees to (§7016(d)(2))");
      }
      if (program.categories().isEmpty()) {
        throw new DataMapException(p + ": categories must name the categories of personal information the program involves (§7016(d)(2))");
      }
      IncentiveProgram.Incentive incentive = program.incentive();
      if (incentive == null || incentive.type() == null || blank(incentive.description())) {
        throw new DataMapException(p + ": incentive needs type (PRICE_DIFFERENCE, SERVICE_DIFFERENCE or PAYMENT) and description");
      }
      if (incentive.valuePerConsumer() != null && incentive.valuePerConsumer().signum() < 0) {
        throw new DataMapException(p + ": incentive.valuePerConsumer cannot be negative");
      }
      if (program.valuation() != null && program.valuation().estimate() != null && program.valuation().estimate().signum() < 0) {
        throw new DataMapException(p + ": valuation.estimate cannot be negative");
      }
      IncentiveProgram.Enrolment enrolment = program.enrolment();
      if (enrolment == null || blank(enrolment.system()) || blank(enrolment.table())) {
        throw new DataMapException(p + ": enrolment needs system and table (where each consumer's enrolment is kept)");
      }
      DataSystem system = map.system(enrolment.system())
          .orElseThrow(() -> new DataMapException(p + ": enrolment system '" + enrolment.system() + "' is not in the data map"));
      Table table = system.table(enrolment.table())
          .orElseThrow(() -> new DataMapException(p + ": enrolment table '" + enrolment.table() + "' is not a table of system '"
              + system.id() + "' in the data map"));
      if (enrolment.withdrawnColumn() != null && !table.columns().containsKey(enrolment.withdrawnColumn())) {
        throw new DataMapException(p + ": enrolment withdrawnColumn '" + enrolment.withdrawnColumn() + "' must be listed under the columns of "
            + system.id() + "." + table.name());
      }
      for (String recipient : program.withdrawalRecipients()) {
        if (!recipients.contains(recipient)) {
          throw new DataMapException(p + ": withdrawal recipient '" + recipient + "' is not in the recipients registry");
        }
      }
    }
  }

  /**
   * Each ADMT use names what the notice must say (§7220(c)) and points at a table of the map that
   * holds its outputs, with a time column listed there; it offers an alternative process unless it
   * relies on an exception, and a human appeal names the group of reviewers who may overturn.
   */
  static void checkAdmt(DataMap map, String at) {
    ids(map.admt().stream().map(AdmtUse::id).toList(), at + "admt");
    for (AdmtUse use : map.admt()) {
      String u = at + "admt use '" + use.id() + "'";
      if (blank(use.name()) || use.decision() == null || blank(use.purpose()) || blank(use.logic())) {
        throw new DataMapException(u + ": name, decision, purpose and logic are required (the Pre-use Notice states them)");
      }
      if (use.parameters().isEmpty()) {
        throw new DataMapException(u + ": parameters must name the categories of personal information that affect its output");
      }
      if (use.output() == null || blank(use.output().type()) || blank(use.output().use())) {
        throw new DataMapException(u + ": output.type and output.use are required");
      }
      if (blank(use.humanRole())) {
        throw new DataMapException(u + ": humanRole is required (what people do with the output)");
      }
      AdmtUse.Outputs outputs = use.outputs();
      if (outputs == null || blank(outputs.system()) || blank(outputs.table()) || blank(outputs.time())) {
        throw new DataMapException(u + ": outputs needs system, table and time (where each consumer's outputs are kept)");
      }
      DataSystem system = map.system(outputs.system())
          .orElseThrow(() -> new DataMapException(u + ": outputs system '" + outputs.system() + "' is not in the data map"));
      Table table = system.table(outputs.table())
          .orElseThrow(() -> new DataMapException(u + ": outputs table '" + outputs.table() + "' is not a table of system '"
              + system.id() + "' in the data map"));
      if (!table.columns().containsKey(outputs.time())) {
        throw new DataMapException(u + ": outputs time column '" + outputs.time() + "' must be listed under the columns of "
            + system.id() + "." + table.name());
      }
      if (use.exception() == null) {
        if (blank(use.alternative())) {
          throw new DataMapException(u + ": alternative is required: the process for consumers who opt out (§7220(c)(5)(C))");
        }
      } else if (use.exception().basis() == null) {
        throw new DataMapException(u + ": exception.basis is required (HUMAN_APPEAL, ADMISSION_HIRING or WORK_ALLOCATION)");
      } else if (use.exception().basis() == AdmtUse.ExceptionBasis.HUMAN_APPEAL
          && (blank(use.exception().reviewerGroup()) || blank(use.exception().howToAppeal()))) {
        throw new DataMapException(u + ": a HUMAN_APPEAL exception needs reviewerGroup (who may overturn) and howToAppeal");
      }
      if (use.exception() != null && use.exception().outcomeColumn() != null) {
        if (use.exception().basis() != AdmtUse.ExceptionBasis.HUMAN_APPEAL) {
          throw new DataMapException(u + ": exception.outcomeColumn belongs to a HUMAN_APPEAL exception (where an appeal's outcome is written)");
        }
        if (!table.columns().containsKey(use.exception().outcomeColumn())) {
          throw new DataMapException(u + ": exception.outcomeColumn '" + use.exception().outcomeColumn() + "' must be listed under the columns of "
              + system.id() + "." + table.name());
        }
      }
    }
  }

  /**
   * A table either deletes whole rows (its key column is DELETE_ROW) or says how each column is
   * erased; an exception names existing columns, and what a partly kept row does not keep must be
   * erasable.
   */
  private static void checkErasure(Table table, String t) {
    boolean deletesRows = table.columns().get(table.key()).erasure() == Erasure.DELETE_ROW;
    table.columns().forEach((name, column) -> {
      if (column.erasure() == Erasure.DELETE_ROW && !name.equals(table.key())) {
        throw new DataMapException(t + " column '" + name + "': DELETE_ROW belongs on the key column '" + table.key() + "'");
      }
      if (!deletesRows && column.erasure() == null) {
        throw new DataMapException(t + " column '" + name + "': erasure is required (the table's key is not DELETE_ROW, so rows"
            + " are kept and each column erased; note that YAML reads an unquoted NULL as no value: write SET_NULL)");
      }
    });
    int index = 0;
    for (DataMap.RetentionRule rule : table.exceptions()) {
      String r = t + " exceptions[" + index++ + "]";
      if (rule.basis() == null || blank(rule.reason())) {
        throw new DataMapException(r + ": basis and reason are required");
      }
      DataMap.Condition when = rule.when();
      if (when == null || blank(when.column())) {
        throw new DataMapException(r + ": when.column is required");
      }
      if (!table.columns().containsKey(when.column())) {
        throw new DataMapException(r + ": when.column '" + when.column() + "' must be listed under columns");
      }
      if (when.in() == null && when.notIn() == null && when.within() == null) {
        throw new DataMapException(r + ": when needs in, notIn or within");
      }
      if (rule.keep() != null) {
        for (String kept : rule.keep()) {
          if (!table.columns().containsKey(kept)) {
            throw new DataMapException(r + ": keep names column '" + kept + "', which is not listed under columns");
          }
        }
        table.columns().forEach((name, column) -> {
          if (!DataMap.keeps(table, rule, name) && column.erasure() != Erasure.RETAIN && !erasesValue(column)) {
            throw new DataMapException(r + ": column '" + name + "' is not kept, so it needs erasure SET_NULL, REPLACE, HASH or RETAIN");
          }
        });
      }
    }
  }

  private static boolean erasesValue(Column column) {
    return column.erasure() == Erasure.SET_NULL || column.erasure() == Erasure.REPLACE || column.erasure() == Erasure.HASH;
  }

  private static void checkNoCycles(DataSystem system, String where) {
    for (Table table : system.tables()) {
      Set<String> seen = new HashSet<>();
      Table current = table;
      while (current.parent() != null) {
        if (!seen.add(current.name().toLowerCase())) {
          throw new DataMapException(where + " table '" + table.name() + "': parent links form a cycle");
        }
        current = system.table(current.parent().table()).orElseThrow();
      }
    }
  }

  private static Set<String> ids(List<String> ids, String where) {
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      if (id == null || !ID.matcher(id).matches()) {
        throw new DataMapException(where + ": id '" + id + "' must be lower-case letters, digits and '-'");
      }
      if (!seen.add(id)) {
        throw new DataMapException(where + ": id '" + id + "' appears twice");
      }
    }
    return seen;
  }

  private static void identifier(String name, String where) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new DataMapException(where + " '" + name + "' is not a plain SQL identifier");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
