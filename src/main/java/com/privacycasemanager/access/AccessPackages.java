package com.privacycasemanager.access;

import com.privacycasemanager.datamap.Collected;
import com.privacycasemanager.datamap.Collected.SystemRows;
import com.privacycasemanager.datamap.Collected.TableRows;
import com.privacycasemanager.datamap.Collector;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.LookBack;
import com.privacycasemanager.datamap.RecipientsRegistry;
import com.privacycasemanager.request.AnswerCipher;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CcpaCategory;
import com.privacycasemanager.request.RequestId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayOutputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code ${accessPackages.summarize(execution)}} collects what the business holds about the
 * consumer and gives reviewers a summary (systems, tables, rows, categories; no values);
 * {@code ${accessPackages.build(execution)}} builds the released answer (specific pieces or
 * categories), encrypts it and keeps it for {@code privacy.access.download-days}.
 */
@Component("accessPackages")
public class AccessPackages {

  /** Process variables: the answer the case gives (SPECIFIC or CATEGORIES) and why, if it fell back. */
  /** The key access packages are encrypted with (as before packages shared the cipher with other answers). */
  static final String KEY = "access-package-key";

  public static final String ANSWER = "answer";
  public static final String ANSWER_NOTE = "answerNote";

  private final Collector collector;
  private final ConnectedSystems systems;
  private final RecipientsRegistry recipients;
  private final CaseRepository cases;
  private final AnswerCipher cipher;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ZoneId zone;
  private final Duration keptFor;
  private final Timer buildTimer;

  public AccessPackages(
      Collector collector,
      ConnectedSystems systems,
      RecipientsRegistry recipients,
      CaseRepository cases,
      AnswerCipher cipher,
      JdbcTemplate jdbc,
      Clock clock,
      MeterRegistry meters,
      @Value("${privacy.time-zone}") ZoneId zone,
      @Value("${privacy.access.download-days:30}") int downloadDays) {
    this.collector = collector;
    this.systems = systems;
    this.recipients = recipients;
    this.cases = cases;
    this.cipher = cipher;
    this.jdbc = jdbc;
    this.clock = clock;
    this.zone = zone;
    this.keptFor = Duration.ofDays(downloadDays);
    this.buildTimer = Timer.builder("pcm.access.package.build").publishPercentiles(0.5, 0.99).register(meters);
  }

  public Collected collect(CaseRecord record) {
    return collector.collect(record.subject(), LookBack.of(record.receivedAt(), cases.includesBeyond12Months(record.requestId()), zone));
  }

  public void summarize(DelegateExecution execution) {
    CaseRecord record = cases.get(new RequestId(execution.getProcessBusinessKey()));
    Collected collected = collect(record);
    execution.setVariable("rowsFound", collected.rowCount());
    execution.setVariable("reviewSummary", summary(collected, zone));
  }

  /** For reviewers: where data was found and how much, never a value. */
  static String summary(Collected collected, ZoneId zone) {
    StringBuilder s = new StringBuilder();
    long systemsWithData = collected.systems().stream().filter(sys -> sys.tables().stream().anyMatch(t -> !t.rows().isEmpty())).count();
    s.append(collected.rowCount()).append(" rows in ").append(systemsWithData).append(" of ")
        .append(collected.systems().size()).append(" systems, collected since ")
        .append(collected.lookBack().since().atZone(zone).toLocalDate()).append(".\n");
    for (SystemRows system : collected.systems()) {
      for (TableRows table : system.tables()) {
        if (!table.rows().isEmpty()) {
          s.append("- ").append(system.name()).append(" / ").append(table.table()).append(": ")
              .append(table.rows().size()).append(table.rows().size() == 1 ? " row" : " rows").append('\n');
        }
      }
    }
    if (collected.isEmpty()) {
      s.append("Nothing found: the consumer will be told we found no personal information about them.\n");
    } else {
      s.append("Categories: ")
          .append(collected.categories().stream().map(CcpaCategory::label).collect(Collectors.joining("; ")))
          .append('\n');
    }
    return s.toString();
  }

  public void build(DelegateExecution execution) {
    RequestId id = new RequestId(execution.getProcessBusinessKey());
    boolean specific = "SPECIFIC".equals(execution.getVariable(ANSWER));
    String note = (String) execution.getVariable(ANSWER_NOTE);
    build(id, specific, note);
  }

  /** Collects, writes, encrypts and stores the answer; returns its size in bytes. */
  public int build(RequestId id, boolean specific, String note) {
    return buildTimer.record(() -> {
      CaseRecord record = cases.get(id);
      Collected collected = collect(record);
      CategoriesReport categories = CategoriesReport.of(collected, systems.map(), recipients.all());
      Instant now = clock.instant();
      ByteArrayOutputStream sealed = new ByteArrayOutputStream(8192 + collected.rowCount() * 64);
      CountingOutputStream zip;
      try (java.io.OutputStream encrypted = cipher.encrypting(KEY, id.value(), sealed)) {
        zip = new CountingOutputStream(encrypted);
        PackageWriter.write(
            zip,
            new PackageWriter.PackageHeader(
                systems.map().business().name(),
                id.value(),
                specific,
                DateTimeFormatter.ISO_LOCAL_DATE.format(now.atZone(zone)),
                DateTimeFormatter.ISO_LOCAL_DATE.format(collected.lookBack().since().atZone(zone)),
                note),
            categories,
            collected);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot write the access package of " + id, e);
      }
      jdbc.update("delete from access_package where request_id = ?", id.value());
      jdbc.update(
          "insert into access_package (request_id, kind, created_at, expires_at, row_count, size_bytes, downloads, content)"
              + " values (?, ?, ?, ?, ?, ?, 0, ?)",
          id.value(),
          specific ? "SPECIFIC" : "CATEGORIES",
          Timestamp.from(now),
          Timestamp.from(now.plus(keptFor)),
          collected.rowCount(),
          (int) zip.count(),
          sealed.toByteArray());
      cases.setAnsweredAs(id, specific ? "SPECIFIC_PIECES" : "CATEGORIES");
      cases.recordEvent(id, "PACKAGE_READY", "kind=" + (specific ? "SPECIFIC" : "CATEGORIES") + " rows=" + collected.rowCount()
          + " bytes=" + zip.count(), now);
      return (int) zip.count();
    });
  }

  /** Counts the bytes of the zip on their way into the cipher (the package's plain size). */
  private static final class CountingOutputStream extends java.io.FilterOutputStream {
    private long count;

    CountingOutputStream(java.io.OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws java.io.IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      out.write(b, off, len);
      count += len;
    }

    long count() {
      return count;
    }
  }

  /** A released package's description (no content). */
  public record PackageInfo(String kind, Instant expiresAt, int rowCount, int sizeBytes) {
    public boolean expired(Instant now) {
      return !now.isBefore(expiresAt);
    }
  }

  public Optional<PackageInfo> find(RequestId id) {
    List<PackageInfo> found =
        jdbc.query(
            "select kind, expires_at, row_count, size_bytes from access_package where request_id = ?",
            (rs, n) -> new PackageInfo(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getInt(3), rs.getInt(4)),
            id.value());
    return found.stream().findFirst();
  }

  /** The zip, decrypted, if it exists and has not expired; counts the download. */
  public Optional<byte[]> open(RequestId id) {
    Instant now = clock.instant();
    Optional<PackageInfo> info = find(id);
    if (info.isEmpty() || info.get().expired(now)) {
      return Optional.empty();
    }
    byte[] sealed = jdbc.queryForObject("select content from access_package where request_id = ?", byte[].class, id.value());
    jdbc.update("update access_package set downloads = downloads + 1 where request_id = ?", id.value());
    cases.recordEvent(id, "PACKAGE_DOWNLOADED", null, now);
    return Optional.of(cipher.decrypt(KEY, id.value(), sealed));
  }
}
