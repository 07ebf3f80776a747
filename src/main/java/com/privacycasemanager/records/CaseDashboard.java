package com.privacycasemanager.records;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the staff dashboard shows, read from the case records: open cases by type and status, the
 * cases whose response is due within a week or overdue, extended ones, and recipients that have not
 * acknowledged. No personal data: request ids, types, dates and recipient ids only.
 */
@Component
public class CaseDashboard {

  static final Duration DUE_SOON = Duration.ofDays(7);
  /** A page, not a report: the CSV export is the complete list. */
  static final int MAX_ROWS = 200;

  /** Open means the case's process still has work; COMPLETED and DENIED are final. */
  private static final String OPEN = "status not in ('COMPLETED', 'DENIED')";
  /** The response is still owed: open and no substantive response recorded yet. */
  private static final String AWAITING_RESPONSE = OPEN + " and completed_at is null";
  private static final String DUE = "coalesce(extended_due_at, due_at)";

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final TaskService tasks;
  private final RuntimeService runtime;

  public CaseDashboard(JdbcTemplate jdbc, Clock clock, @Lazy TaskService tasks, @Lazy RuntimeService runtime) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.tasks = tasks;
    this.runtime = runtime;
  }

  /** How many open cases of one type stand at one status. */
  public record Count(String type, String status, int cases) {}

  /** One case on the dashboard, with where staff go next. */
  public record Row(String requestId, String type, String status, Instant receivedAt, Instant dueAt, boolean extended,
      String taskName, String tasklistUrl, String cockpitUrl) {}

  /** A recipient's notice still waiting for its acknowledgement. */
  public record Unacknowledged(String requestId, String type, String recipientId, String deliveryStatus, int attempts,
      Instant deliveredAt, String tasklistUrl, String cockpitUrl) {}

  public record View(Instant now, List<Count> open, List<Row> dueSoon, List<Row> overdue, List<Row> extended,
      List<Unacknowledged> unacknowledged) {}

  public View view() {
    Instant now = clock.instant();
    Timestamp nowTs = Timestamp.from(now);
    List<Count> open = jdbc.query(
        "select request_type, status, count(*) from privacy_case where " + OPEN
            + " group by request_type, status order by request_type, status",
        (rs, n) -> new Count(rs.getString(1), rs.getString(2), rs.getInt(3)));
    List<Row> dueSoon = rows(AWAITING_RESPONSE + " and " + DUE + " >= ? and " + DUE + " < ?", nowTs, Timestamp.from(now.plus(DUE_SOON)));
    List<Row> overdue = rows(AWAITING_RESPONSE + " and " + DUE + " < ?", nowTs);
    List<Row> extended = rows(OPEN + " and extended_due_at is not null");
    List<Unacknowledged> unacknowledged = jdbc.query(
        "select d.request_id, c.request_type, d.recipient_id, d.status, d.attempts, d.delivered_at"
            + " from recipient_delivery d join privacy_case c on c.request_id = d.request_id"
            + " where d.acknowledged_at is null and d.status <> 'ACKNOWLEDGED'"
            + " order by coalesce(d.delivered_at, c.received_at), d.request_id, d.recipient_id fetch first " + MAX_ROWS + " rows only",
        (rs, n) -> {
          String id = rs.getString(1);
          Timestamp delivered = rs.getTimestamp(6);
          return new Unacknowledged(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
              delivered == null ? null : delivered.toInstant(), tasklistUrl(id, openTask(id)), cockpitUrl(id));
        });
    return new View(now, open, dueSoon, overdue, extended, unacknowledged);
  }

  private List<Row> rows(String where, Object... args) {
    return jdbc.query(
        "select request_id, request_type, status, received_at, " + DUE + ", extended_due_at is not null from privacy_case where "
            + where + " order by " + DUE + ", request_id fetch first " + MAX_ROWS + " rows only",
        (rs, n) -> {
          String id = rs.getString(1);
          Task task = openTask(id);
          return new Row(id, rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(),
              rs.getBoolean(6), task == null ? null : task.getName(), tasklistUrl(id, task), cockpitUrl(id));
        },
        args);
  }

  /** The case's oldest open task, in its own process or one it called (reviews, officer decisions). */
  private Task openTask(String requestId) {
    List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(requestId).orderByTaskCreateTime().asc().listPage(0, 1);
    return open.isEmpty() ? null : open.get(0);
  }

  /** The task itself when one is open; otherwise Tasklist's search by the case's business key. */
  static String tasklistUrl(String requestId, Task task) {
    if (task != null) {
      return "/camunda/app/tasklist/default/#/?task=" + task.getId();
    }
    String search = "[{\"type\":\"processInstanceBusinessKey\",\"operator\":\"eq\",\"value\":\"" + requestId + "\"}]";
    return "/camunda/app/tasklist/default/#/?searchQuery=" + URLEncoder.encode(search, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The case's top-level process instance in Cockpit, while it runs. */
  private String cockpitUrl(String requestId) {
    var instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestId).list();
    return instances.stream()
        .filter(i -> runtime.createProcessInstanceQuery().subProcessInstanceId(i.getId()).count() == 0)
        .findFirst()
        .map(i -> "/camunda/app/cockpit/default/#/process-instance/" + i.getId())
        .orElse(null);
  }

  /** The §7101 record of every case received in [from, to), oldest first, one at a time. */
  public void records(Instant from, Instant to, Consumer<Record> each) {
    jdbc.query(
        "select request_id, received_at, request_type, channel, completed_at, outcome, denial_basis from privacy_case"
            + " where received_at >= ? and received_at < ? order by received_at, request_id",
        rs -> {
          Timestamp completed = rs.getTimestamp(5);
          each.accept(new Record(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
              completed == null ? null : completed.toInstant(), rs.getString(6), rs.getString(7)));
        },
        Timestamp.from(from), Timestamp.from(to));
  }

  /** The fields §7101(b) requires for a request. */
  public record Record(String requestId, Instant receivedAt, String nature, String manner, Instant respondedAt,
      String response, String denialBasis) {}
}
