package com.privacycasemanager.verification;

import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.VerificationLevel;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code verification} and {@code case_data_point} tables. */
@Repository
public class VerificationRepository {

  private final JdbcTemplate jdbc;

  public VerificationRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates the case's verification record if it has none yet. */
  public void open(RequestId id, VerificationLevel required) {
    if (find(id).isEmpty()) {
      jdbc.update(
          "insert into verification (request_id, required_level, level_reached, email_links_sent) values (?, ?, 'NONE', 0)",
          id.value(),
          required.name());
    }
  }

  /** Sets the degree of certainty the request needs (decided when verification starts). */
  public void require(RequestId id, VerificationLevel required) {
    jdbc.update("update verification set required_level = ? where request_id = ?", required.name(), id.value());
  }

  /** What the consumer offered at intake: data points (kept until compared) and the declaration. */
  public void recordOffered(RequestId id, VerificationLevel required, Map<String, String> dataPoints, String declarationName, Instant declaredAt) {
    open(id, required);
    if (dataPoints != null) {
      dataPoints.forEach((name, value) ->
          jdbc.update("insert into case_data_point (request_id, name, point_value) values (?, ?, ?)", id.value(), name, value));
      jdbc.update("update verification set data_points_offered = ? where request_id = ?",
          String.join(", ", dataPoints.keySet()), id.value());
    }
    if (declarationName != null) {
      jdbc.update("update verification set declaration_signed_name = ?, declaration_accepted_at = ? where request_id = ?",
          declarationName, Timestamp.from(declaredAt), id.value());
    }
  }

  public void recordAgentPermission(RequestId id, String fileName, String contentType, byte[] content) {
    jdbc.update(
        "update verification set agent_permission_name = ?, agent_permission_type = ?, agent_permission = ? where request_id = ?",
        fileName, contentType, content, id.value());
  }

  public Optional<AgentPermission> agentPermission(RequestId id) {
    return jdbc.query(
            "select agent_permission_name, agent_permission_type, agent_permission from verification"
                + " where request_id = ? and agent_permission is not null",
            (rs, n) -> new AgentPermission(rs.getString(1), rs.getString(2), rs.getBytes(3)),
            id.value())
        .stream().findFirst();
  }

  /**
   * Whether a signed permission is on file, read under a lock on the case's verification row until
   * the transaction ends: an upload (which updates that row) committing meanwhile either is seen here
   * or waits until what this transaction decided is committed.
   */
  public boolean agentPermissionOnFileLocked(RequestId id) {
    return jdbc.query("select agent_permission_name from verification where request_id = ? for update",
            (rs, n) -> rs.getString(1) != null, id.value())
        .stream().findFirst().orElse(false);
  }

  /** An uploaded signed permission. */
  public record AgentPermission(String fileName, String contentType, byte[] content) {}

  public void recordAgentReview(RequestId id, String review) {
    jdbc.update("update verification set agent_review = ? where request_id = ?", review, id.value());
  }

  public void storeToken(RequestId id, String tokenHash, Instant expiresAt) {
    jdbc.update(
        "update verification set email_token_hash = ?, email_token_expires_at = ?, email_links_sent = email_links_sent + 1"
            + " where request_id = ?",
        tokenHash, Timestamp.from(expiresAt), id.value());
  }

  /**
   * Marks the email confirmed if the token is the current one; returns false when another
   * confirmation won. The token's hash stays, so the link can still tell its holder the request is
   * confirmed; confirming twice is prevented by {@code email_confirmed_at}.
   */
  public boolean confirm(RequestId id, String tokenHash, Instant at) {
    return jdbc.update(
            "update verification set email_confirmed_at = ?"
                + " where request_id = ? and email_token_hash = ? and email_confirmed_at is null",
            Timestamp.from(at), id.value(), tokenHash) == 1;
  }

  public Map<String, String> dataPoints(RequestId id) {
    Map<String, String> points = new LinkedHashMap<>();
    jdbc.query("select name, point_value from case_data_point where request_id = ? order by name",
        rs -> {
          points.put(rs.getString(1), rs.getString(2));
        }, id.value());
    return points;
  }

  /** §7060(d): information collected for verification goes once it has been used. */
  public void forgetDataPoints(RequestId id) {
    jdbc.update("delete from case_data_point where request_id = ?", id.value());
  }

  public void decide(RequestId id, VerificationLevel level, List<String> matched, Instant at) {
    jdbc.update(
        "update verification set level_reached = ?, data_points_matched = ?, decided_at = ? where request_id = ?",
        level.name(), String.join(", ", matched), Timestamp.from(at), id.value());
  }

  public Optional<Evidence> find(RequestId id) {
    return jdbc.query(
            "select required_level, level_reached, email_token_hash, email_token_expires_at, email_links_sent,"
                + " email_confirmed_at, data_points_offered, data_points_matched, declaration_signed_name,"
                + " declaration_accepted_at, agent_permission_name, agent_review, decided_at"
                + " from verification where request_id = ?",
            (rs, n) -> new Evidence(
                VerificationLevel.valueOf(rs.getString(1)),
                VerificationLevel.valueOf(rs.getString(2)),
                rs.getString(3),
                instant(rs.getTimestamp(4)),
                rs.getInt(5),
                instant(rs.getTimestamp(6)),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                instant(rs.getTimestamp(10)),
                rs.getString(11),
                rs.getString(12),
                instant(rs.getTimestamp(13))),
            id.value())
        .stream().findFirst();
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  /** The verification evidence kept with the case (§7101). */
  public record Evidence(
      VerificationLevel required,
      VerificationLevel reached,
      String tokenHash,
      Instant tokenExpiresAt,
      int linksSent,
      Instant emailConfirmedAt,
      String dataPointsOffered,
      String dataPointsMatched,
      String declarationSignedName,
      Instant declarationAcceptedAt,
      String agentPermissionName,
      String agentReview,
      Instant decidedAt) {

    public boolean declared() {
      return declarationAcceptedAt != null;
    }
  }
}
