package com.privacycasemanager.admt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.privacycasemanager.request.AnswerCipher;
import com.privacycasemanager.request.RequestId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code admt_answer}: the released answer of a request to access ADMT, as JSON encrypted with
 * its own key (the consumer's outputs are in it), and what was withheld, in the clear.
 */
@Repository
class AdmtAnswerRepository {

  static final String KEY = "admt-answer-key";

  private final JdbcTemplate jdbc;
  private final AnswerCipher cipher;
  private final ObjectMapper json;

  AdmtAnswerRepository(JdbcTemplate jdbc, AnswerCipher cipher, ObjectMapper json) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.json = json;
  }

  /** Keeps the answer (once: a retried build replaces what an earlier attempt left). */
  void store(AdmtAnswer answer, String withheld, Instant at) {
    byte[] plain;
    try {
      plain = json.writeValueAsBytes(answer);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the ADMT answer of " + answer.requestId(), e);
    }
    jdbc.update("delete from admt_answer where request_id = ?", answer.requestId());
    jdbc.update("insert into admt_answer (request_id, created_at, uses, withheld, content) values (?, ?, ?, ?, ?)",
        answer.requestId(), Timestamp.from(at), answer.uses().size(), withheld,
        cipher.encrypt(KEY, answer.requestId(), plain));
  }

  boolean exists(RequestId id) {
    return jdbc.queryForObject("select count(*) from admt_answer where request_id = ?", Integer.class, id.value()) > 0;
  }

  Optional<AdmtAnswer> find(RequestId id) {
    List<byte[]> sealed = jdbc.queryForList("select content from admt_answer where request_id = ?", byte[].class, id.value());
    if (sealed.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readValue(cipher.decrypt(KEY, id.value(), sealed.get(0)), AdmtAnswer.class));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read the ADMT answer of " + id.value(), e);
    }
  }

  /** What the reviewer withheld, as recorded (null when nothing). */
  Optional<String> withheld(RequestId id) {
    List<String> rows = jdbc.queryForList("select withheld from admt_answer where request_id = ?", String.class, id.value());
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
  }
}
