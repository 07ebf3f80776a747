package com.privacycasemanager.admt;

import com.privacycasemanager.request.RequestId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code admt_appeal}: what an appeal of an ADMT decision asks, and its outcome. */
@Repository
class AdmtAppealRepository {

  private final JdbcTemplate jdbc;

  AdmtAppealRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One appeal as kept. Personal data (the statement, the document): never logged. */
  public record Appeal(String useId, String decisionNamed, String decisionKey, String statement, String documentName,
      String documentType, String outcome, String reasons, String decidedBy, Instant decidedAt, boolean writtenBack) {

    public boolean decided() {
      return outcome != null;
    }

    @Override
    public String toString() {
      return "Appeal[use=" + useId + ", outcome=" + outcome + ", redacted]";
    }
  }

  void record(RequestId id, String useId, String decisionNamed, String statement) {
    jdbc.update("insert into admt_appeal (request_id, use_id, decision_named, statement) values (?, ?, ?, ?)",
        id.value(), useId, decisionNamed, statement);
  }

  Optional<Appeal> find(RequestId id) {
    List<Appeal> rows = jdbc.query(
        "select use_id, decision_named, decision_key, statement, document_name, document_type, outcome, reasons, decided_by,"
            + " decided_at, written_back from admt_appeal where request_id = ?",
        (rs, n) -> new Appeal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
            rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(), rs.getBoolean(11)),
        id.value());
    return rows.stream().findFirst();
  }

  void decisionFound(RequestId id, String key) {
    jdbc.update("update admt_appeal set decision_key = ? where request_id = ?", key, id.value());
  }

  void storeDocument(RequestId id, String name, String contentType, byte[] content) {
    jdbc.update("update admt_appeal set document_name = ?, document_type = ?, document = ? where request_id = ?",
        name, contentType, content, id.value());
  }

  Optional<byte[]> document(RequestId id) {
    List<byte[]> rows = jdbc.queryForList("select document from admt_appeal where request_id = ? and document is not null",
        byte[].class, id.value());
    return rows.stream().findFirst();
  }

  void decide(RequestId id, String outcome, String reasons, String decidedBy, Instant at, boolean writtenBack) {
    jdbc.update("update admt_appeal set outcome = ?, reasons = ?, decided_by = ?, decided_at = ?, written_back = ? where request_id = ?",
        outcome, reasons, decidedBy, Timestamp.from(at), writtenBack, id.value());
  }
}
