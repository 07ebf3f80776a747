package com.privacycasemanager.deadline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Business days: Monday to Friday, except configured holidays and closures. The regulations do not
 * define "business day" (ccpa-rules.md §1), so the calendar is configuration, not code.
 */
@Component
public class BusinessCalendar {

  private final List<HolidayRule> rules;
  private final Set<LocalDate> extraClosures;
  private final boolean sundayObservedMonday;
  private final Map<Integer, Set<LocalDate>> holidaysByYear = new ConcurrentHashMap<>();

  public BusinessCalendar(CalendarProperties properties) {
    this.rules = properties.holidays().stream().map(HolidayRule::parse).toList();
    this.extraClosures = Set.copyOf(properties.extraClosures());
    this.sundayObservedMonday = properties.sundayHolidayObservedMonday();
  }

  public boolean isBusinessDay(LocalDate day) {
    DayOfWeek dow = day.getDayOfWeek();
    return dow != DayOfWeek.SATURDAY
        && dow != DayOfWeek.SUNDAY
        && !extraClosures.contains(day)
        && !holidays(day.getYear()).contains(day);
  }

  public Set<LocalDate> holidays(int year) {
    return holidaysByYear.computeIfAbsent(year, this::computeHolidays);
  }

  private Set<LocalDate> computeHolidays(int year) {
    Set<LocalDate> days = new HashSet<>();
    for (HolidayRule rule : rules) {
      LocalDate day = rule.dateIn(year);
      if (rule.isFixedDate() && sundayObservedMonday && day.getDayOfWeek() == DayOfWeek.SUNDAY) {
        day = day.plusDays(1);
      }
      days.add(day);
    }
    return Set.copyOf(days);
  }

  /**
   * The last day of a period of {@code n} business days that starts on the day of receipt: the
   * receipt day counts as day 1 when it is a business day, otherwise counting starts at the next
   * business day (the conservative reading of ccpa-rules.md §1).
   */
  public LocalDate lastDayOf(LocalDate receivedOn, int businessDays) {
    if (businessDays < 1) {
      throw new IllegalArgumentException("businessDays must be at least 1");
    }
    LocalDate day = receivedOn;
    int counted = 0;
    while (true) {
      if (isBusinessDay(day) && ++counted == businessDays) {
        return day;
      }
      day = day.plusDays(1);
    }
  }
}
