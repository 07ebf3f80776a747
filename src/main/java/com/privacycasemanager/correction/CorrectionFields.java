package com.privacycasemanager.correction;

import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DataMap.Column;
import com.privacycasemanager.datamap.DataMap.DataSystem;
import com.privacycasemanager.datamap.DataMap.Table;
import com.privacycasemanager.request.RequestId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * {@code ${correctionFields}}: the correctable fields of the data map and the columns holding each
 * (a field such as the email or postal code lives in several systems).
 */
@Component("correctionFields")
public class CorrectionFields {

  private final ConnectedSystems systems;
  private final CorrectionRepository corrections;

  public CorrectionFields(ConnectedSystems systems, CorrectionRepository corrections) {
    this.systems = systems;
    this.corrections = corrections;
  }

  /** Field name to label, as forms and messages name them. */
  public Map<String, String> names() {
    return systems.map().correctableFields();
  }

  public String label(String field) {
    return names().getOrDefault(field, field);
  }

  /** Every correctable column carrying the field, in data map order. */
  public List<Location> locations(String field) {
    List<Location> result = new ArrayList<>();
    for (DataSystem system : systems.map().systems()) {
      for (Table table : system.tables()) {
        table.columns().forEach((name, column) -> {
          if (column.correctable() && column.fieldOr(name).equals(field)) {
            result.add(new Location(system, table, name, column));
          }
        });
      }
    }
    return result;
  }

  /** Whether any column holding the field is never disclosed (§7023(j)): its values are not shown. */
  public boolean withheld(String field) {
    return locations(field).stream().anyMatch(l -> !l.column().disclosable());
  }

  /**
   * For the review form's checklist ({@code valuesKey}): the contested fields as
   * {@code [{label, value}]}, names and labels only.
   */
  public SpinJsonNode options(DelegateExecution execution) {
    List<Map<String, String>> options = new ArrayList<>();
    for (String field : corrections.contestedFields(new RequestId(execution.getProcessBusinessKey()))) {
      Map<String, String> option = new LinkedHashMap<>();
      option.put("label", label(field));
      option.put("value", field);
      options.add(option);
    }
    return Spin.JSON(options);
  }

  /** A column that carries a correctable field. */
  public record Location(DataSystem system, Table table, String columnName, Column column) {}
}
