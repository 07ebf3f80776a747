package com.privacycasemanager.access;

import com.privacycasemanager.datamap.Collected;
import com.privacycasemanager.datamap.Collected.SystemRows;
import com.privacycasemanager.datamap.Collected.TableRows;
import com.privacycasemanager.datamap.DataMap;
import com.privacycasemanager.datamap.DataMap.Table;
import com.privacycasemanager.datamap.Recipient;
import com.privacycasemanager.request.CcpaCategory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer to a request to know categories (§1798.110(a)(1)–(5), §1798.115): for what was found
 * about the consumer, the categories (with the kinds of data in each), their sources, the purposes,
 * and to whom they went, with sold, shared and business-purpose disclosures as separate lists.
 */
public record CategoriesReport(
    List<CategoryLine> categories,
    List<String> sources,
    List<String> purposes,
    List<String> soldTo,
    List<String> sharedWith,
    List<String> disclosedForBusinessPurpose) {

  /** One category found, with the kinds of data found in it. */
  public record CategoryLine(CcpaCategory category, String label, List<String> examples) {}

  public boolean isEmpty() {
    return categories.isEmpty();
  }

  public static CategoriesReport of(Collected collected, DataMap map, Collection<Recipient> recipients) {
    Map<CcpaCategory, Set<String>> examples = new EnumMap<>(CcpaCategory.class);
    Set<String> sourceIds = new LinkedHashSet<>();
    Set<String> purposeIds = new LinkedHashSet<>();
    for (SystemRows system : collected.systems()) {
      DataMap.DataSystem mapSystem = map.system(system.id()).orElseThrow();
      for (TableRows table : system.tables()) {
        if (table.rows().isEmpty()) {
          continue;
        }
        Table mapTable = mapSystem.table(table.table()).orElseThrow();
        sourceIds.addAll(mapTable.sources());
        purposeIds.addAll(mapTable.purposes());
        for (int c = 0; c < table.columns().size(); c++) {
          final int column = c;
          if (table.rows().stream().anyMatch(r -> r[column] != null)) {
            examples.computeIfAbsent(table.categories().get(c), k -> new LinkedHashSet<>()).add(table.labels().get(c));
            if (mapTable.columns().get(table.columns().get(c)).sensitive()) {
              examples.computeIfAbsent(CcpaCategory.SENSITIVE_PERSONAL_INFORMATION, k -> new LinkedHashSet<>())
                  .add(table.labels().get(c));
            }
          }
        }
      }
    }
    List<CategoryLine> lines = new ArrayList<>();
    examples.forEach((category, ex) -> lines.add(new CategoryLine(category, category.label(), List.copyOf(ex))));
    List<String> sources = map.sources().stream().filter(s -> sourceIds.contains(s.id())).map(DataMap.Source::description).toList();
    List<String> purposes = map.purposes().stream().filter(p -> purposeIds.contains(p.id())).map(DataMap.Purpose::description).toList();
    List<String> sold = new ArrayList<>();
    List<String> shared = new ArrayList<>();
    List<String> business = new ArrayList<>();
    for (Recipient r : recipients) {
      Set<CcpaCategory> received = r.categories().isEmpty() ? examples.keySet() : r.categories();
      List<String> overlap = received.stream().filter(examples::containsKey).map(CcpaCategory::label).toList();
      if (overlap.isEmpty()) {
        continue;
      }
      String line = r.name() + " (" + r.kind().name().toLowerCase().replace('_', ' ') + "): " + String.join("; ", overlap);
      switch (r.disclosure()) {
        case SOLD -> sold.add(line);
        case SHARED -> shared.add(line);
        case BUSINESS_PURPOSE -> business.add(line);
      }
    }
    return new CategoriesReport(lines, sources, purposes, sold, shared, business);
  }
}
