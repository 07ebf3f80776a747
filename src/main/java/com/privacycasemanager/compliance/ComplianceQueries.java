package com.privacycasemanager.compliance;

import com.privacycasemanager.web.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Reads the applicability and exposure questions from request parameters (the API and the staff
 * page share it), refusing bad input with a message per field, and answers them with the year's
 * figures.
 */
@Component
public class ComplianceQueries {

  private static final Pattern WHOLE = Pattern.compile("\\d{1,15}");
  private static final Pattern PERCENT = Pattern.compile("\\d{1,3}(\\.\\d{1,4})?");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");

  private final MoneyAmounts amounts;
  private final Clock clock;
  private final ZoneId zone;

  public ComplianceQueries(MoneyAmounts amounts, Clock clock, @Value("${privacy.time-zone}") ZoneId zone) {
    this.amounts = amounts;
    this.clock = clock;
    this.zone = zone;
  }

  public Applicability.Answer applicability(String revenue, String consumers, String revenueShareFromSelling, String year) {
    Map<String, String> fields = new LinkedHashMap<>();
    Long revenueDollars = whole("revenue", revenue, true, fields);
    Long consumerCount = whole("consumers", consumers, true, fields);
    BigDecimal share = percent("revenueShareFromSelling", revenueShareFromSelling, fields);
    MoneyAmounts.YearAmounts figures = figures(year, fields);
    refuseIfAny(fields);
    return Applicability.assess(BigDecimal.valueOf(revenueDollars), consumerCount, share, figures);
  }

  public Exposure.Estimate exposure(String violations, String intentionalOrMinors, String breachConsumers, String year) {
    Map<String, String> fields = new LinkedHashMap<>();
    Long ordinary = whole("violations", violations, false, fields);
    Long higher = whole("intentionalOrMinors", intentionalOrMinors, false, fields);
    Long breach = whole("breachConsumers", breachConsumers, false, fields);
    MoneyAmounts.YearAmounts figures = figures(year, fields);
    refuseIfAny(fields);
    return Exposure.estimate(ordinary, higher, breach, figures);
  }

  public int currentYear() {
    return LocalDate.ofInstant(clock.instant(), zone).getYear();
  }

  /** A count or whole-dollar amount; an optional one missing is 0. */
  private static Long whole(String name, String value, boolean required, Map<String, String> fields) {
    if (value == null || value.isBlank()) {
      if (required) {
        fields.put(name, "is required");
      }
      return 0L;
    }
    if (!WHOLE.matcher(value.trim()).matches()) {
      fields.put(name, "must be a whole number from 0 (digits only, at most 15)");
      return 0L;
    }
    return Long.parseLong(value.trim());
  }

  private static BigDecimal percent(String name, String value, Map<String, String> fields) {
    if (value == null || value.isBlank()) {
      fields.put(name, "is required");
      return BigDecimal.ZERO;
    }
    if (!PERCENT.matcher(value.trim()).matches()) {
      fields.put(name, "must be a percentage from 0 to 100, such as 49.9");
      return BigDecimal.ZERO;
    }
    BigDecimal percent = new BigDecimal(value.trim());
    if (percent.compareTo(BigDecimal.valueOf(100)) > 0) {
      fields.put(name, "must be a percentage from 0 to 100, such as 49.9");
    }
    return percent;
  }

  /** The year's figures; the current year in {@code privacy.time-zone} when none is given. */
  private MoneyAmounts.YearAmounts figures(String year, Map<String, String> fields) {
    int wanted;
    if (year == null || year.isBlank()) {
      wanted = currentYear();
    } else if (YEAR.matcher(year.trim()).matches()) {
      wanted = Integer.parseInt(year.trim());
    } else {
      fields.put("year", "must be a year such as 2026");
      return null;
    }
    var found = amounts.forYear(wanted);
    if (found.isEmpty()) {
      fields.put("year", amounts.firstYear()
          .map(first -> "no amounts are configured before " + first)
          .orElse("no amounts are configured (privacy.amounts)"));
      return null;
    }
    return found.get();
  }

  private static void refuseIfAny(Map<String, String> fields) {
    if (!fields.isEmpty()) {
      throw new InvalidRequestException(HttpStatus.BAD_REQUEST, "invalid-request", "The query has invalid parameters.", fields);
    }
  }
}
