package com.privacycasemanager.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.privacycasemanager.request.RequestType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

  static final List<String> CALIFORNIA =
      List.of(
          "01-01 New Year's Day",
          "3rd MONDAY of JANUARY Martin Luther King Jr. Day",
          "3rd MONDAY of FEBRUARY Presidents' Day",
          "03-31 Cesar Chavez Day",
          "last MONDAY of MAY Memorial Day",
          "07-04 Independence Day",
          "1st MONDAY of SEPTEMBER Labor Day",
          "4th FRIDAY of SEPTEMBER Native American Day",
          "11-11 Veterans Day",
          "4th THURSDAY of NOVEMBER Thanksgiving Day",
          "4th THURSDAY of NOVEMBER +1 Day after Thanksgiving",
          "12-25 Christmas Day");

  final BusinessCalendar calendar = new BusinessCalendar(new CalendarProperties(CALIFORNIA, List.of(), true));

  @Test
  void californiaHolidaysOf2026() {
    assertThat(calendar.holidays(2026))
        .containsExactlyInAnyOrder(
            LocalDate.of(2026, 1, 1),
            LocalDate.of(2026, 1, 19),
            LocalDate.of(2026, 2, 16),
            LocalDate.of(2026, 3, 31),
            LocalDate.of(2026, 5, 25),
            LocalDate.of(2026, 7, 4), // a Saturday: not moved
            LocalDate.of(2026, 9, 7),
            LocalDate.of(2026, 9, 25),
            LocalDate.of(2026, 11, 11),
            LocalDate.of(2026, 11, 26),
            LocalDate.of(2026, 11, 27),
            LocalDate.of(2026, 12, 25));
  }

  @Test
  void aSundayHolidayIsObservedOnMonday() {
    // 2027-07-04 is a Sunday
    assertThat(calendar.isBusinessDay(LocalDate.of(2027, 7, 5))).isFalse();
    assertThat(calendar.isBusinessDay(LocalDate.of(2027, 7, 6))).isTrue();
  }

  @Test
  void fifteenBusinessDaysSpanningAWeekendAndThanksgiving() {
    // Friday 2026-11-20 is day 1; weekends and Nov 26/27 do not count.
    assertThat(calendar.lastDayOf(LocalDate.of(2026, 11, 20), 15)).isEqualTo(LocalDate.of(2026, 12, 14));
  }

  @Test
  void aRequestReceivedOnASaturdayStartsCountingOnMonday() {
    assertThat(calendar.lastDayOf(LocalDate.of(2026, 11, 21), 1)).isEqualTo(LocalDate.of(2026, 11, 23));
  }

  @Test
  void extraClosuresAreNotBusinessDays() {
    BusinessCalendar closed =
        new BusinessCalendar(new CalendarProperties(CALIFORNIA, List.of(LocalDate.of(2026, 12, 24)), true));
    assertThat(closed.isBusinessDay(LocalDate.of(2026, 12, 24))).isFalse();
    assertThat(calendar.isBusinessDay(LocalDate.of(2026, 12, 24))).isTrue();
  }

  @Test
  void anUnreadableRuleNamesItself() {
    assertThatThrownBy(() -> new BusinessCalendar(new CalendarProperties(List.of("every blue moon"), List.of(), true)))
        .hasMessageContaining("every blue moon");
  }

  @Test
  void deadlinesEndAtTheEndOfTheLastDayInTheBusinessTimeZone() {
    Deadlines deadlines = new Deadlines(calendar, ZoneId.of("America/Los_Angeles"), null);
    // Friday 2026-11-20, 10:00 in California
    Instant received = Instant.parse("2026-11-20T18:00:00Z");
    assertThat(deadlines.dueAt(RequestType.OPT_OUT_ALL, received)).isEqualTo(Instant.parse("2026-12-15T07:59:59Z"));
    // 45 calendar days, the receipt day counting as day 1: 2027-01-03 23:59:59 PST
    assertThat(deadlines.dueAt(RequestType.DELETE, received)).isEqualTo(Instant.parse("2027-01-04T07:59:59Z"));
  }

  @Test
  void receiptLateInTheEveningCountsOnTheCaliforniaDate() {
    Deadlines deadlines = new Deadlines(calendar, ZoneId.of("America/Los_Angeles"), null);
    // 2026-11-21T03:00Z is still Friday 2026-11-20 in California
    assertThat(deadlines.dueAt(RequestType.LIMIT_SENSITIVE, Instant.parse("2026-11-21T03:00:00Z")))
        .isEqualTo(Instant.parse("2026-12-15T07:59:59Z"));
  }
}
