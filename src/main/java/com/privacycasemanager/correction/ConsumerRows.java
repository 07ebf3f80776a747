package com.privacycasemanager.correction;

import com.privacycasemanager.correction.CorrectionRepository.RowRef;
import com.privacycasemanager.datamap.Collected.TableRows;
import com.privacycasemanager.datamap.Collector;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DataMap.DataSystem;
import com.privacycasemanager.datamap.DataMap.Table;
import com.privacycasemanager.request.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The keys of a consumer's rows in every table holding a correctable column, as {@code
 * access.Collector} reaches them (identity columns, then parent links to any depth), whatever
 * their date: a correction reaches all of the consumer's rows.
 */
@Component
public class ConsumerRows {

  private final ConnectedSystems systems;
  private final Collector collector;

  public ConsumerRows(ConnectedSystems systems, Collector collector) {
    this.systems = systems;
    this.collector = collector;
  }

  public List<RowRef> find(Subject subject) {
    List<RowRef> rows = new ArrayList<>();
    for (DataSystem system : systems.map().systems()) {
      for (TableRows found : collector.reachable(system.id(), subject, Map.of())) {
        Table table = system.table(found.table()).orElseThrow();
        if (table.columns().values().stream().noneMatch(col -> col.correctable())) {
          continue;
        }
        int key = found.columns().indexOf(table.key());
        for (Object[] row : found.rows()) {
          rows.add(new RowRef(system.id(), table.name(), row[key]));
        }
      }
    }
    return rows;
  }
}
