package com.privacycasemanager.correction;

import com.privacycasemanager.correction.CorrectionField.Decision;
import com.privacycasemanager.correction.CorrectionField.Result;
import com.privacycasemanager.request.RequestId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The fields of a request to correct, the consumer's rows they are written to, and the uploaded document. */
@Repository
public class CorrectionRepository {

  private final JdbcTemplate jdbc;

  public CorrectionRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void recordRequested(RequestId id, Map<String, String> corrections) {
    corrections.forEach((field, value) ->
        jdbc.update("insert into correction_field (request_id, field, requested_value) values (?, ?, ?)", id.value(), field, value));
  }

  public List<CorrectionField> fields(RequestId id) {
    return jdbc.query(
        "select field, requested_value, decision, result, note from correction_field where request_id = ? order by field",
        (rs, n) -> new CorrectionField(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3) == null ? null : Decision.valueOf(rs.getString(3)),
            rs.getString(4) == null ? null : Result.valueOf(rs.getString(4)),
            rs.getString(5)),
        id.value());
  }

  /** The names of the fields the request contests (for verification, §7060(h)). */
  public Set<String> contestedFields(RequestId id) {
    return new LinkedHashSet<>(
        jdbc.queryForList("select field from correction_field where request_id = ? order by field", String.class, id.value()));
  }

  public void decide(RequestId id, String field, Decision decision, String note) {
    jdbc.update("update correction_field set decision = ?, note = ? where request_id = ? and field = ?",
        decision.name(), note, id.value(), field);
  }

  public void recordResult(RequestId id, String field, Result result, String note) {
    jdbc.update("update correction_field set result = ?, note = coalesce(?, note) where request_id = ? and field = ?",
        result.name(), note, id.value(), field);
  }

  /** At closing: the decisions and results stay for the records, the values go. */
  public void forgetValues(RequestId id) {
    jdbc.update("update correction_field set requested_value = null where request_id = ?", id.value());
  }

  public void storeTarget(RequestId id, RowRef row) {
    jdbc.update(
        "insert into correction_target (request_id, system_id, table_name, row_key, numeric_key) select ?, ?, ?, ?, ?"
            + " where not exists (select 1 from correction_target where request_id = ? and system_id = ? and table_name = ? and row_key = ?)",
        id.value(), row.system(), row.table(), row.key().toString(), row.key() instanceof Number,
        id.value(), row.system(), row.table(), row.key().toString());
  }

  public List<RowRef> targets(RequestId id) {
    return jdbc.query(
        "select system_id, table_name, row_key, numeric_key from correction_target where request_id = ? order by system_id, table_name, row_key",
        (rs, n) -> new RowRef(rs.getString(1), rs.getString(2), rs.getBoolean(4) ? (Object) Long.valueOf(rs.getString(3)) : rs.getString(3)),
        id.value());
  }

  public void storeDocument(RequestId id, String fileName, String contentType, byte[] content) {
    jdbc.update("insert into correction_document (request_id, file_name, content_type, content) values (?, ?, ?, ?)",
        id.value(), fileName, contentType, content);
  }

  public Optional<Document> document(RequestId id) {
    return jdbc.query("select file_name, content_type, content from correction_document where request_id = ?",
        (rs, n) -> new Document(rs.getString(1), rs.getString(2), rs.getBytes(3)), id.value()).stream().findFirst();
  }

  /** A document the consumer uploaded with the request. */
  public record Document(String fileName, String contentType, byte[] content) {}

  /** One row of a connected system, by its table's key. */
  public record RowRef(String system, String table, Object key) {}
}
