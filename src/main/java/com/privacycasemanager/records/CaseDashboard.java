package com.privacycasemanager.records;

import com.privacycasemanager.notification.DeliveryStatus;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.RequestType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the staff dashboard shows, read from the case records: open cases by type and status, every
 * open case with the days it has left, the cases whose response is due within a week or overdue,
 * extended ones, the cases answered lately, and recipients that have not acknowledged. No personal
 * data: request ids, types, dates and recipient ids only. Days are calendar days in
 * {@code privacy.time-zone}.
 */
@Component
public class CaseDashboard {

  static final Duration DUE_SOON = Duration.ofDays(7);
  static final Duration ANSWERED_LATELY = Duration.ofDays(30);
  /** A page, not a report: the CSV export is the complete list. */
  static final int MAX_ROWS = 200;

  /** Open means the case's process still has work; COMPLETED and DENIED are final. */
  private static final String OPEN = "status not in ('COMPLETED', 'DENIED')";
  /** The response is still owed: open and no substantive response recorded yet. */
  private static final String AWAITING_RESPONSE = OPEN + " and completed_at is null";
  private static final String DUE = "coalesce(extended_due_at, due_at)";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm a z", Locale.US);

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ZoneId zone;
  private final TaskService tasks;
  private final RuntimeService runtime;

  public CaseDashboard(JdbcTemplate jdbc, Clock clock, @Value("${privacy.time-zone}") ZoneId zone, @Lazy TaskService tasks,
      @Lazy RuntimeService runtime) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.zone = zone;
    this.tasks = tasks;
    this.runtime = runtime;
  }

  /** The order of the case lists, by due date: {@code ?sort=due} (the default) or {@code ?sort=-due}. */
  public enum DueOrder {
    EARLIEST_FIRST("due", "asc", "ascending"),
    LATEST_FIRST("-due", "desc", "descending");

    private final String param;
    private final String sql;
    private final String ariaSort;

    DueOrder(String param, String sql, String ariaSort) {
      this.param = param;
      this.sql = sql;
      this.ariaSort = ariaSort;
    }

    public String param() {
      return param;
    }

    /** The value of the column header's {@code aria-sort}. */
    public String ariaSort() {
      return ariaSort;
    }

    public boolean earliestFirst() {
      return this == EARLIEST_FIRST;
    }

    /** The order the due-date header switches to. */
    public DueOrder reversed() {
      return this == EARLIEST_FIRST ? LATEST_FIRST : EARLIEST_FIRST;
    }

    public static Optional<DueOrder> parse(String param) {
      return Arrays.stream(values()).filter(o -> o.param.equals(param)).findFirst();
    }
  }

  /** How many open cases of one type stand at one status. */
  public record Count(RequestType type, CaseStatus status, int cases) {}

  /** One case on the dashboard, with how long it has left and where staff go next (its open tasks, oldest first). */
  public record Row(String requestId, RequestType type, CaseStatus status, Channel channel, Instant receivedAt, Instant dueAt,
      boolean extended, String dueIn, boolean overdue, String taskName, String tasklistUrl, String cockpitUrl) {}

  /** A case answered in the last {@link #ANSWERED_LATELY}. */
  public record Answered(String requestId, RequestType type, Channel channel, Instant receivedAt, Instant answeredAt,
      Outcome outcome) {}

  /** A recipient's notice still waiting for its acknowledgement. */
  public record Unacknowledged(String requestId, RequestType type, String recipientId, DeliveryStatus deliveryStatus, int attempts,
      Instant deliveredAt, String tasklistUrl, String cockpitUrl) {}

  public record View(Instant now, ZoneId zone, DueOrder order, List<Count> open, List<Row> all, List<Row> dueSoon,
      List<Row> overdue, List<Row> extended, List<Answered> answered, List<Unacknowledged> unacknowledged) {

    /** The request types with open cases, in the order of {@link RequestType}. */
    public List<RequestType> openTypes() {
      return open.stream().map(Count::type).distinct().sorted().toList();
    }

    /** The statuses an open case can stand at, as the summary's columns. */
    public List<CaseStatus> openStatuses() {
      return Arrays.stream(CaseStatus.values()).filter(s -> s != CaseStatus.COMPLETED && s != CaseStatus.DENIED).toList();
    }

    /** How many open cases of this type stand at this status. */
    public int count(RequestType type, CaseStatus status) {
      return open.stream().filter(c -> c.type() == type && c.status() == status).mapToInt(Count::cases).sum();
    }

    /** How many open cases of this type there are. */
    public int count(RequestType type) {
      return open.stream().filter(c -> c.type() == type).mapToInt(Count::cases).sum();
    }

    /** A date and time as staff read it: in the business's time zone, with the zone's abbreviation. */
    public String time(Instant instant) {
      return instant == null ? "—" : TIME.format(instant.atZone(zone));
    }
  }

  public View view(DueOrder order) {
    Instant now = clock.instant();
    Timestamp nowTs = Timestamp.from(now);
    List<Count> open = jdbc.query(
        "select request_type, status, count(*) from privacy_case where " + OPEN
            + " group by request_type, status order by request_type, status",
        (rs, n) -> new Count(RequestType.valueOf(rs.getString(1)), CaseStatus.valueOf(rs.getString(2)), rs.getInt(3)));
    List<Row> all = rows(now, order, OPEN);
    List<Row> dueSoon = rows(now, order, AWAITING_RESPONSE + " and " + DUE + " >= ? and " + DUE + " < ?", nowTs,
        Timestamp.from(now.plus(DUE_SOON)));
    List<Row> overdue = rows(now, order, AWAITING_RESPONSE + " and " + DUE + " < ?", nowTs);
    List<Row> extended = rows(now, order, OPEN + " and extended_due_at is not null");
    List<Answered> answered = jdbc.query(
        "select request_id, request_type, channel, received_at, completed_at, outcome from privacy_case"
            + " where completed_at >= ? and completed_at <= ? order by completed_at desc, request_id fetch first " + MAX_ROWS + " rows only",
        (rs, n) -> new Answered(rs.getString(1), RequestType.valueOf(rs.getString(2)), Channel.valueOf(rs.getString(3)),
            rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getString(6) == null ? null : Outcome.valueOf(rs.getString(6))),
        Timestamp.from(now.minus(ANSWERED_LATELY)), nowTs);
    List<Unacknowledged> unacknowledged = jdbc.query(
        "select d.request_id, c.request_type, d.recipient_id, d.status, d.attempts, d.delivered_at"
            + " from recipient_delivery d join privacy_case c on c.request_id = d.request_id"
            + " where d.acknowledged_at is null and d.status <> 'ACKNOWLEDGED'"
            + " order by coalesce(d.delivered_at, c.received_at), d.request_id, d.recipient_id fetch first " + MAX_ROWS + " rows only",
        (rs, n) -> {
          String id = rs.getString(1);
          Timestamp delivered = rs.getTimestamp(6);
          return new Unacknowledged(id, RequestType.valueOf(rs.getString(2)), rs.getString(3), DeliveryStatus.valueOf(rs.getString(4)),
              rs.getInt(5), delivered == null ? null : delivered.toInstant(), tasklistUrl(id, openTask(id)), cockpitUrl(id));
        });
    return new View(now, zone, order, open, all, dueSoon, overdue, extended, answered, unacknowledged);
  }

  private List<Row> rows(Instant now, DueOrder order, String where, Object... args) {
    return jdbc.query(
        "select request_id, request_type, status, channel, received_at, " + DUE + ", extended_due_at is not null, completed_at"
            + " from privacy_case where " + where + " order by " + DUE + " " + order.sql + ", request_id fetch first " + MAX_ROWS
            + " rows only",
        (rs, n) -> row(rs, now),
        args);
  }

  private Row row(ResultSet rs, Instant now) throws SQLException {
    String id = rs.getString(1);
    Instant due = rs.getTimestamp(6).toInstant();
    boolean answered = rs.getTimestamp(8) != null;
    List<Task> open = openTasks(id);
    return new Row(id, RequestType.valueOf(rs.getString(2)), CaseStatus.valueOf(rs.getString(3)), Channel.valueOf(rs.getString(4)),
        rs.getTimestamp(5).toInstant(), due, rs.getBoolean(7), answered ? "answered" : dueIn(due, now, zone),
        !answered && now.isAfter(due), open.isEmpty() ? null : String.join(", ", open.stream().map(Task::getName).toList()),
        tasklistUrl(id, open.isEmpty() ? null : open.get(0)), cockpitUrl(id));
  }

  /**
   * How long a response has left, in calendar days of the business's time zone: "3 days left",
   * "due today" (a deadline ends at the end of its day), or "2 days overdue".
   */
  static String dueIn(Instant due, Instant now, ZoneId zone) {
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate dueDay = due.atZone(zone).toLocalDate();
    if (now.isAfter(due)) {
      long late = Math.max(1, ChronoUnit.DAYS.between(dueDay, today));
      return late + (late == 1 ? " day overdue" : " days overdue");
    }
    long left = ChronoUnit.DAYS.between(today, dueDay);
    return left == 0 ? "due today" : left + (left == 1 ? " day left" : " days left");
  }

  /** The case's open tasks, oldest first, in its own process or one it called (reviews, officer decisions). */
  private List<Task> openTasks(String requestId) {
    return tasks.createTaskQuery().processInstanceBusinessKey(requestId).orderByTaskCreateTime().asc().list();
  }

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
