package com.privacycasemanager.deadline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One configured holiday: a fixed date or the n-th / last weekday of a month, plus an offset. */
record HolidayRule(String name, MonthDay fixed, int ordinal, DayOfWeek weekday, Month month, int offsetDays) {

  private static final Pattern FIXED = Pattern.compile("(\\d{2})-(\\d{2})\\s*(.*)");
  private static final Pattern FLOATING =
      Pattern.compile(
          "(1st|2nd|3rd|4th|5th|last)\\s+([A-Za-z]+)\\s+of\\s+([A-Za-z]+)(?:\\s+([+-]\\d+))?\\s*(.*)",
          Pattern.CASE_INSENSITIVE);

  static HolidayRule parse(String rule) {
    String text = rule.trim();
    Matcher fixed = FIXED.matcher(text);
    if (fixed.matches()) {
      MonthDay day = MonthDay.of(Integer.parseInt(fixed.group(1)), Integer.parseInt(fixed.group(2)));
      return new HolidayRule(fixed.group(3), day, 0, null, null, 0);
    }
    Matcher floating = FLOATING.matcher(text);
    if (floating.matches()) {
      String ord = floating.group(1).toLowerCase(Locale.ROOT);
      int ordinal = ord.equals("last") ? -1 : Character.getNumericValue(ord.charAt(0));
      DayOfWeek weekday = DayOfWeek.valueOf(floating.group(2).toUpperCase(Locale.ROOT));
      Month month = Month.valueOf(floating.group(3).toUpperCase(Locale.ROOT));
      int offset = floating.group(4) == null ? 0 : Integer.parseInt(floating.group(4));
      return new HolidayRule(floating.group(5), null, ordinal, weekday, month, offset);
    }
    throw new IllegalArgumentException(
        "privacy.calendar.holidays: cannot read '" + rule + "' (expected 'MM-DD Name' or '3rd MONDAY of JANUARY Name')");
  }

  LocalDate dateIn(int year) {
    if (fixed != null) {
      return fixed.atYear(year);
    }
    LocalDate first = LocalDate.of(year, month, 1);
    LocalDate day =
        ordinal < 0
            ? first.with(TemporalAdjusters.lastInMonth(weekday))
            : first.with(TemporalAdjusters.dayOfWeekInMonth(ordinal, weekday));
    return day.plusDays(offsetDays);
  }

  boolean isFixedDate() {
    return fixed != null;
  }
}
