package com.privacycasemanager.deadline;

import com.privacycasemanager.request.CaseRepository;
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
public class Deadlines {

  /** §7026(f)(1), §7027(g)(1): opt-outs and limits are honoured within 15 business days of receipt. */
  public static final int PREFERENCE_BUSINESS_DAYS = 15;

  /** §7021(b): 45 calendar days from the day of receipt, the receipt day counting as day 1. */
  public static final int RESPONSE_DAYS = 45;

  private final BusinessCalendar calendar;
  private final ZoneId zone;
  private final CaseRepository cases;

  public Deadlines(
      BusinessCalendar calendar, @Value("${privacy.time-zone}") ZoneId zone, CaseRepository cases) {
    this.calendar = calendar;
    this.zone = zone;
    this.cases = cases;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The due instant of a request of this type received at {@code receivedAt}. */
  public Instant dueAt(RequestType type, Instant receivedAt) {
    LocalDate receivedOn = receivedAt.atZone(zone).toLocalDate();
    LocalDate lastDay =
        type.isPreferenceRequest()
            ? calendar.lastDayOf(receivedOn, PREFERENCE_BUSINESS_DAYS)
            : receivedOn.plusDays(RESPONSE_DAYS - 1L);
    return endOf(lastDay);
  }

  /** For timers: the case's recorded due date (so timer and case record never disagree). */
  public Date caseDue(DelegateExecution execution) {
    return Date.from(cases.get(new RequestId(execution.getProcessBusinessKey())).dueAt());
  }

  Instant endOf(LocalDate day) {
    return day.atTime(LocalTime.of(23, 59, 59)).atZone(zone).toInstant();
  }
}
