package com.privacycasemanager.records;

import com.privacycasemanager.request.RequestGroup;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The §7102 metrics of one calendar year: per request group, the requests received in the year
 * and what became of them. Days to a substantive response count from receipt to the response
 * date, with one decimal; {@code null} when no request of the group was answered.
 */
public record YearMetrics(int year, String timeZone, LocalDate from, LocalDate to, List<Row> types) {

  /** One request group's figures. */
  public record Row(
      RequestGroup type,
      String label,
      int received,
      int compliedInWhole,
      int compliedInPart,
      int denied,
      int deniedUnverified,
      int deniedNotAConsumer,
      int deniedExempt,
      int deniedOther,
      int pending,
      BigDecimal medianDaysToRespond,
      BigDecimal meanDaysToRespond) {}
}
