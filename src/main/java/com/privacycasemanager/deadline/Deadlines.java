package com.privacycasemanager.deadline;

import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.DueDates;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Statutory due dates. A deadline is the end (23:59:59) of its last day in the business's time
 * zone. Timer expressions call the {@code Date}-returning methods, because the engine only accepts
 * {@code Date} or ISO strings.
 */
@Component("deadlines")
public class Deadlines implements DueDates {

  /** §7026(f)(1), §7027(g)(1): opt-outs and limits are honoured within 15 business days of receipt. */
  public static final int PREFERENCE_BUSINESS_DAYS = 15;

  /** §7021(b): 45 calendar days from the day of receipt, the receipt day counting as day 1. */
  public static final int RESPONSE_DAYS = 45;

  /** §1798.130(a)(2)(A), §7021(b): extended once, to 90 days from receipt at most. */
  public static final int EXTENDED_RESPONSE_DAYS = 90;

  private final BusinessCalendar calendar;
  private final ZoneId zone;
  private final CaseRepository cases;

  public Deadlines(
      BusinessCalendar calendar, @Value("${privacy.time-zone}") ZoneId zone, CaseRepository cases) {
    this.calendar = calendar;
    this.zone = zone;
    this.cases = cases;
  }

  @Override
  public ZoneId zone() {
    return zone;
  }

  /** The due instant of a request of this type received at {@code receivedAt}. */
  @Override
  public Instant dueAt(RequestType type, Instant receivedAt) {
    LocalDate receivedOn = receivedAt.atZone(zone).toLocalDate();
    LocalDate lastDay =
        type.isPreferenceRequest()
            ? calendar.lastDayOf(receivedOn, PREFERENCE_BUSINESS_DAYS)
            : receivedOn.plusDays(RESPONSE_DAYS - 1L);
    return endOf(lastDay);
  }

  /**
   * For timers: the case's recorded due date, or its extended due date once extended (so timer
   * and case record never disagree).
   */
  public Date caseDue(DelegateExecution execution) {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    return Date.from(cases.extendedDue(id).orElseGet(() -> cases.get(id).dueAt()));
  }

  /** The originally recorded due date, ignoring any extension (the extension window closes then). */
  public Date originalDue(DelegateExecution execution) {
    return Date.from(cases.get(new RequestId(execution.getProcessBusinessKey())).dueAt());
  }

  /** 09:00 on day {@code day} of the 45-day period (the receipt day is day 1): reminder timers. */
  public Date responseDay(DelegateExecution execution, int day) {
    Instant received = cases.get(new RequestId(execution.getProcessBusinessKey())).receivedAt();
    LocalDate date = received.atZone(zone).toLocalDate().plusDays(day - 1L);
    return Date.from(date.atTime(LocalTime.of(9, 0)).atZone(zone).toInstant());
  }

  /** §1798.130(a)(2)(A): the one extension ends 90 days after receipt (receipt day counted). */
  public Instant extendedDueAt(Instant receivedAt) {
    return endOf(receivedAt.atZone(zone).toLocalDate().plusDays(EXTENDED_RESPONSE_DAYS - 1L));
  }

  Instant endOf(LocalDate day) {
    return day.atTime(LocalTime.of(23, 59, 59)).atZone(zone).toInstant();
  }
}
