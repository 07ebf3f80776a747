package com.privacycasemanager.deadline;

import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code privacy.calendar}: holiday rules, extra closure dates, and whether a Sunday holiday is
 * observed on the Monday after.
 *
 * <p>A rule is one of {@code "MM-DD Name"}, {@code "3rd MONDAY of JANUARY Name"}, {@code "last
 * MONDAY of MAY Name"}, optionally with a day offset after the month ({@code "4th THURSDAY of
 * NOVEMBER +1 Name"}).
 */
@ConfigurationProperties("privacy.calendar")
public record CalendarProperties(
    List<String> holidays, List<LocalDate> extraClosures, Boolean sundayHolidayObservedMonday) {

  public CalendarProperties {
    holidays = holidays == null ? List.of() : List.copyOf(holidays);
    extraClosures = extraClosures == null ? List.of() : List.copyOf(extraClosures);
    sundayHolidayObservedMonday = sundayHolidayObservedMonday == null || sundayHolidayObservedMonday;
  }
}
