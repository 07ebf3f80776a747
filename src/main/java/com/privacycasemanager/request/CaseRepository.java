package com.privacycasemanager.request;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code privacy_case} and {@code case_event} tables. */
@Repository
public class CaseRepository {

  private static final String COLUMNS =
      "request_id, request_type, channel, status, received_at, acknowledged_at, due_at, completed_at,"
          + " outcome, denial_basis, subject_email, subject_name, subject_phone, subject_device_id, agent_name,"
          + " subject_account_id";

  private final JdbcTemplate jdbc;
  private final AuditChain auditChain;

  public CaseRepository(JdbcTemplate jdbc, AuditChain auditChain) {
    this.jdbc = jdbc;
    this.auditChain = auditChain;
  }

  void insert(CaseRecord record, String idempotencyKeyHash, String fingerprint, String createdBy) {
    Subject s = record.subject();
    jdbc.update(
        "insert into privacy_case (request_id, request_type, channel, status, received_at, due_at,"
            + " subject_email, subject_name, subject_phone, subject_device_id, agent_name, subject_account_id,"
            + " idempotency_key_hash, request_fingerprint, created_by)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        record.requestId().value(),
        record.type().name(),
        record.channel().name(),
        record.status().name(),
        ts(record.receivedAt()),
        ts(record.dueAt()),
        s.email(),
        s.name(),
        s.phone(),
        s.deviceId(),
        s.agentName(),
        s.accountId(),
        idempotencyKeyHash,
        fingerprint,
        createdBy);
  }

  public Optional<CaseRecord> find(RequestId id) {
    List<CaseRecord> rows =
        jdbc.query("select " + COLUMNS + " from privacy_case where request_id = ?", this::map, id.value());
    return rows.stream().findFirst();
  }

  public CaseRecord get(RequestId id) {
    return find(id).orElseThrow(() -> new IllegalStateException("no case record for " + id));
  }

  /** The request id and fingerprint stored under an idempotency key, if any. */
  Optional<String[]> findByIdempotencyKey(String keyHash) {
    return jdbc
        .query(
            "select request_id, request_fingerprint from privacy_case where idempotency_key_hash = ?",
            (rs, n) -> new String[] {rs.getString(1), rs.getString(2)},
            keyHash)
        .stream()
        .findFirst();
  }

  public void updateStatus(RequestId id, CaseStatus status) {
    jdbc.update("update privacy_case set status = ? where request_id = ?", status.name(), id.value());
  }

  public void markAcknowledged(RequestId id, Instant at) {
    jdbc.update(
        "update privacy_case set acknowledged_at = ? where request_id = ? and acknowledged_at is null",
        ts(at),
        id.value());
  }

  /**
   * {@link #completeWithoutTrailEntry(RequestId, Outcome, DenialReason, String, Instant)} with a
   * denial counted under {@link DenialReason#OTHER} in the §7102 metrics.
   */
  public void completeWithoutTrailEntry(RequestId id, Outcome outcome, String denialBasis, Instant at) {
    completeWithoutTrailEntry(id, outcome, outcome == Outcome.DENIED ? DenialReason.OTHER : null, denialBasis, at);
  }

  /**
   * Records the response on the case (status COMPLETED, or DENIED for a denial; the outcome, the
   * ground of a denial as a code for the §7102 metrics, its basis and the date) and, unlike {@link
   * #completeWithTrailEntry}, writes nothing on the trail: the caller records its own entry, if any.
   */
  public void completeWithoutTrailEntry(RequestId id, Outcome outcome, DenialReason denialReason, String denialBasis, Instant at) {
    jdbc.update(
        "update privacy_case set status = ?, outcome = ?, denial_reason = ?, denial_basis = ?, completed_at = ?"
            + " where request_id = ?",
        outcome == Outcome.DENIED ? CaseStatus.DENIED.name() : CaseStatus.COMPLETED.name(),
        outcome.name(),
        outcome == Outcome.DENIED ? (denialReason == null ? DenialReason.OTHER : denialReason).name() : null,
        denialBasis,
        ts(at),
        id.value());
  }

  /**
   * Records the response on the case as {@link #completeWithoutTrailEntry} does, and also a
   * COMPLETED entry on the trail: how every request process ends.
   */
  public void completeWithTrailEntry(RequestId id, Outcome outcome, DenialReason denialReason, String denialBasis, Instant at) {
    completeWithoutTrailEntry(id, outcome, denialReason, denialBasis, at);
    recordEvent(id, "COMPLETED", "outcome=" + outcome, at);
  }

  /**
   * Records the substantive response (outcome, basis, response date) as {@link
   * #completeWithoutTrailEntry(RequestId, Outcome, String, Instant)} does, but keeps the case
   * IN_EFFECT unless it is a denial, while work the consumer need not wait for goes on, such as
   * recipients confirming a deletion: {@link #updateStatus} marks it COMPLETED later. Writes
   * nothing on the trail either.
   */
  public void respondKeepingInEffect(RequestId id, Outcome outcome, String denialBasis, Instant at) {
    completeWithoutTrailEntry(id, outcome, denialBasis, at);
    if (outcome != Outcome.DENIED) {
      updateStatus(id, CaseStatus.IN_EFFECT);
    }
  }

  public boolean includesBeyond12Months(RequestId id) {
    Boolean beyond =
        jdbc.queryForObject(
            "select include_beyond_12_months from privacy_case where request_id = ?", Boolean.class, id.value());
    return Boolean.TRUE.equals(beyond);
  }

  public void setIncludeBeyond12Months(RequestId id, boolean beyond) {
    jdbc.update("update privacy_case set include_beyond_12_months = ? where request_id = ?", beyond, id.value());
  }

  public void setAnsweredAs(RequestId id, String answer) {
    jdbc.update("update privacy_case set answered_as = ? where request_id = ?", answer, id.value());
  }

  public void markVerified(RequestId id, Instant at) {
    jdbc.update("update privacy_case set verified_at = ? where request_id = ?", ts(at), id.value());
  }

  /** Records the one extension (§1798.130(a)(2)(A)): the new due date and the reason given. */
  public void extend(RequestId id, Instant extendedDue, String reason) {
    jdbc.update(
        "update privacy_case set extended_due_at = ?, extension_reason = ? where request_id = ?",
        ts(extendedDue),
        reason,
        id.value());
  }

  public String extensionReason(RequestId id) {
    return jdbc.queryForObject("select extension_reason from privacy_case where request_id = ?", String.class, id.value());
  }

  /** The extended due date, if the case was extended. */
  public Optional<Instant> extendedDue(RequestId id) {
    Timestamp t =
        jdbc.queryForObject("select extended_due_at from privacy_case where request_id = ?", Timestamp.class, id.value());
    return Optional.ofNullable(t).map(Timestamp::toInstant);
  }

  /**
   * Earlier requests to know by the same email received in the 12 months before {@code before}
   * (§1798.130(b): no more than twice in 12 months).
   */
  public int countKnowRequests(String email, Instant since, RequestId except) {
    Integer n =
        jdbc.queryForObject(
            "select count(*) from privacy_case where lower(subject_email) = lower(?) and received_at >= ?"
                + " and request_type in ('KNOW_CATEGORIES', 'KNOW_SPECIFIC', 'PORTABILITY') and request_id <> ?",
            Integer.class,
            email,
            ts(since),
            except.value());
    return n == null ? 0 : n;
  }

  /** Appends to the case's trail, which is hash-chained ({@link AuditChain}): never personal data in {@code detail}. */
  public void recordEvent(RequestId id, String kind, String detail, Instant at) {
    auditChain.append(id, kind, detail, at);
  }

  /** Like {@link #recordEvent(RequestId, String, String, Instant)}, naming {@code actor} as the one who acted. */
  public void recordEvent(RequestId id, String kind, String detail, Instant at, String actor) {
    auditChain.append(id, kind, detail, at, actor);
  }

  public List<CaseEvent> events(RequestId id) {
    return jdbc.query(
        "select at, kind, detail, actor from case_event where request_id = ? order by id",
        (rs, n) -> new CaseEvent(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4)),
        id.value());
  }

  /** One entry of a case's trail; {@code actor} is the Camunda user who acted, if one did. */
  public record CaseEvent(Instant at, String kind, String detail, String actor) {}

  private CaseRecord map(ResultSet rs, int row) throws SQLException {
    String outcome = rs.getString("outcome");
    return new CaseRecord(
        new RequestId(rs.getString("request_id")),
        RequestType.valueOf(rs.getString("request_type")),
        Channel.valueOf(rs.getString("channel")),
        CaseStatus.valueOf(rs.getString("status")),
        instant(rs, "received_at"),
        instant(rs, "acknowledged_at"),
        instant(rs, "due_at"),
        instant(rs, "completed_at"),
        outcome == null ? null : Outcome.valueOf(outcome),
        rs.getString("denial_basis"),
        new Subject(
            rs.getString("subject_email"),
            rs.getString("subject_name"),
            rs.getString("subject_phone"),
            rs.getString("subject_device_id"),
            rs.getString("agent_name"),
            rs.getString("subject_account_id")));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
