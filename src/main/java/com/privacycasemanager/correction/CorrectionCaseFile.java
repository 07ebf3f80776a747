package com.privacycasemanager.correction;

import com.privacycasemanager.correction.CorrectionFields.Location;
import com.privacycasemanager.correction.CorrectionRepository.RowRef;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.request.CaseRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The correction part of the staff case file: per field, the value the consumer asks for and what
 * each system holds now, so the reviewer decides with the values in front of them while the
 * process carries none. Never-disclose columns (§7023(j)) show "value withheld" on both sides.
 */
@Component
public class CorrectionCaseFile {

  public static final String WITHHELD = "value withheld";

  private final CorrectionRepository corrections;
  private final CorrectionFields fields;
  private final ConsumerRows consumerRows;
  private final ConnectedSystems systems;

  public CorrectionCaseFile(CorrectionRepository corrections, CorrectionFields fields, ConsumerRows consumerRows, ConnectedSystems systems) {
    this.corrections = corrections;
    this.fields = fields;
    this.consumerRows = consumerRows;
    this.systems = systems;
  }

  /** One contested field as the reviewer sees it. */
  public record FieldView(String field, String label, String requested, List<String> held, String decision, String result, String note) {}

  /** The uploaded document's name, if any, and the fields. */
  public record View(List<FieldView> fields, String documentName) {}

  public Optional<View> of(CaseRecord record) {
    List<RowRef> rows = new ArrayList<>(corrections.targets(record.requestId()));
    if (record.completedAt() == null) {
      rows.addAll(consumerRows.find(record.subject()));
    }
    List<FieldView> views = new ArrayList<>();
    for (CorrectionField f : corrections.fields(record.requestId())) {
      boolean withheld = fields.withheld(f.field());
      List<String> held = new ArrayList<>();
      for (Location location : fields.locations(f.field())) {
        for (Object value : values(location, rows)) {
          held.add(location.system().displayName() + " / " + location.table().name() + ": "
              + (value == null ? "(empty)" : !location.column().disclosable() ? WITHHELD : value));
        }
      }
      String requested = f.requestedValue() == null ? "(no longer kept: the case is closed)" : withheld ? WITHHELD : f.requestedValue();
      views.add(new FieldView(f.field(), fields.label(f.field()), requested, held,
          f.decision() == null ? "—" : f.decision().name(), f.result() == null ? "—" : f.result().name(), f.note()));
    }
    return Optional.of(new View(views, corrections.document(record.requestId()).map(CorrectionRepository.Document::fileName).orElse(null)));
  }

  private List<Object> values(Location location, List<RowRef> rows) {
    Set<String> keys = new LinkedHashSet<>();
    List<Object> typedKeys = new ArrayList<>();
    for (RowRef row : rows) {
      if (row.system().equals(location.system().id()) && row.table().equalsIgnoreCase(location.table().name()) && keys.add(row.key().toString())) {
        typedKeys.add(row.key());
      }
    }
    List<Object> values = new ArrayList<>();
    if (typedKeys.isEmpty()) {
      return values;
    }
    String sql = "select " + location.columnName() + " from " + location.table().name() + " where " + location.table().key() + " = ?";
    try (Connection c = systems.dataSource(location.system().id()).getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      c.setReadOnly(true);
      for (Object key : typedKeys) {
        st.setObject(1, key);
        try (ResultSet rs = st.executeQuery()) {
          if (rs.next()) {
            values.add(rs.getObject(1));
          }
        }
      }
    } catch (SQLException e) {
      values.add("(could not be read: SQLState " + e.getSQLState() + ")");
    }
    return values;
  }
}
