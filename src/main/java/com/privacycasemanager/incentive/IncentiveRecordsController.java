package com.privacycasemanager.incentive;

import com.privacycasemanager.engine.Groups;
import com.privacycasemanager.engine.StaffAuthenticator;
import com.privacycasemanager.incentive.IncentiveConsents.ConsentRecord;
import com.privacycasemanager.incentive.IncentiveConsents.Decision;
import com.privacycasemanager.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit/incentives?from=&to=}: the financial incentive records of a period for
 * privacy officers and the regulator — how many opt-ins, refusals, withdrawals and answers to a
 * conflicting signal each program had, and the consent records themselves (identifiers only as a
 * count; the consumer is named by keyed hashes in the database, never here). Days are counted in
 * the business's time zone; {@code to} is included; default: the current calendar year.
 */
@RestController
@Tag(name = "Records")
public class IncentiveRecordsController {

  /** At most this many records per answer; {@code after} pages on. */
  static final int PAGE = 1000;
  private static final Set<String> OFFICERS = Set.of(Groups.OFFICERS, Groups.ADMIN);

  private final IncentiveConsents consents;
  private final StaffAuthenticator authenticator;
  private final Clock clock;
  private final ZoneId zone;

  IncentiveRecordsController(IncentiveConsents consents, StaffAuthenticator authenticator, Clock clock,
      @Value("${privacy.time-zone}") ZoneId zone) {
    this.consents = consents;
    this.authenticator = authenticator;
    this.clock = clock;
    this.zone = zone;
  }

  /** The period's counts by program and decision, and one page of its records. */
  public record IncentiveRecords(LocalDate from, LocalDate to, Map<String, Map<Decision, Long>> counts, List<ConsentRecord> records,
      Long nextAfter) {}

  @Operation(summary = "Financial incentive consent records and counts of a period (opt-ins, refusals, withdrawals)")
  @GetMapping(path = "/api/audit/incentives", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> records(
      HttpServletRequest request,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String after) {
    var refusal = authenticator.refusal(request, OFFICERS, "The incentive records are for privacy officers.");
    if (refusal.isPresent()) {
      return refusal.get();
    }
    LocalDate today = clock.instant().atZone(zone).toLocalDate();
    Map<String, String> problems = new LinkedHashMap<>();
    LocalDate first = day(from, "from", today.withDayOfYear(1), problems);
    LocalDate last = day(to, "to", today.withDayOfYear(1).plusYears(1).minusDays(1), problems);
    long afterId = 0;
    if (after != null) {
      try {
        afterId = Long.parseLong(after);
        if (afterId < 0) {
          problems.put("after", "must be a record id (0 or more)");
        }
      } catch (NumberFormatException e) {
        problems.put("after", "must be a record id (0 or more)");
      }
    }
    if (problems.isEmpty() && last.isBefore(first)) {
      problems.put("to", "is before from");
    }
    if (problems.isEmpty() && first.plusYears(3).isBefore(last)) {
      problems.put("to", "is more than 3 years after from");
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(HttpStatus.BAD_REQUEST, "invalid-request", "The query has invalid parameters.", problems);
    }
    Instant start = first.atStartOfDay(zone).toInstant();
    Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
    List<ConsentRecord> page = consents.between(start, end, afterId, PAGE + 1);
    Long next = page.size() > PAGE ? page.get(PAGE - 1).id() : null;
    return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(new IncentiveRecords(first, last, consents.counts(start, end), page.size() > PAGE ? page.subList(0, PAGE) : page, next));
  }

  private static LocalDate day(String value, String field, LocalDate otherwise, Map<String, String> problems) {
    if (value == null) {
      return otherwise;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      problems.put(field, "must be a date such as 2026-12-31");
      return otherwise;
    }
  }
}
