package com.privacycasemanager.incentive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.IncentiveProgram;
import com.privacycasemanager.request.CcpaCategory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The Notice of Financial Incentive of each program of the data map (11 CCR §7016): a succinct
 * summary, the material terms with the categories of personal information and the value of the
 * consumer's data, how to opt in, the right to withdraw at any time and how, and why the incentive
 * is reasonably related to the value of the data (the good-faith estimate and the §7081 method).
 *
 * <p>Each notice carries a version derived from its content, so any change of the program in the
 * map is a new version; every version is stored when first published ({@code incentive_notice}),
 * so a consent names the exact terms the consumer agreed to.
 */
@Component
public class IncentiveNotices {

  /** The public page of all programs' notices (the privacy policy links to it). */
  public static final String PAGE = "/privacy/incentives";

  private final ConnectedSystems systems;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final String businessName;
  private final ObjectMapper canonical;

  IncentiveNotices(
      ConnectedSystems systems, JdbcTemplate jdbc, Clock clock, @Value("${privacy.mail.business-name}") String businessName) {
    this.systems = systems;
    this.jdbc = jdbc;
    this.clock = clock;
    this.businessName = businessName;
    this.canonical = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /** One notice (§7016(d)), as the page shows it and the JSON API returns it. */
  public record Notice(
      String program,
      String version,
      String title,
      String business,
      String summary,
      List<String> materialTerms,
      List<Category> categories,
      Incentive incentive,
      ValueOfData valueOfData,
      String howToOptIn,
      String optInPage,
      String businessJoinPage,
      String howToWithdraw,
      String withdrawalPage,
      boolean offered) {}

  /** A category of personal information the program involves. */
  public record Category(String id, String label) {}

  /** The incentive offered and what it is worth to a consumer. */
  public record Incentive(String type, String kind, String description, BigDecimal valuePerConsumer, String currency, String per) {}

  /**
   * Why the incentive is reasonably related to the value of the consumer's data (§7016(d)(5)):
   * the estimate, the §7081(a) method with its paragraph, the inputs and the explanation.
   */
  public record ValueOfData(
      BigDecimal estimate, String currency, String per, String method, String methodDescription, String citation,
      Map<String, String> inputs, String explanation, LocalDate calculatedOn, String population) {}

  /** The programs of the map, in map order. */
  public List<IncentiveProgram> programs() {
    return systems.map().incentives();
  }

  public Optional<IncentiveProgram> program(String id) {
    return id == null ? Optional.empty() : systems.map().incentive(id);
  }

  /** The current notice of every program, in map order. */
  public List<Notice> all() {
    return programs().stream().map(this::notice).toList();
  }

  public Optional<Notice> notice(String programId) {
    return program(programId).map(this::notice);
  }

  /** The notice of a program as the map describes it now, with its version. */
  public Notice notice(IncentiveProgram program) {
    Notice unversioned = build(program, null);
    return build(program, versionOf(unversioned));
  }

  /** The current version of a program's notice. */
  public String currentVersion(IncentiveProgram program) {
    return notice(program).version();
  }

  /** A stored version's content as it was published (JSON), if that version of the program was ever published. */
  public Optional<String> published(String programId, String version) {
    List<String> content = jdbc.queryForList(
        "select content from incentive_notice where program_id = ? and version = ?", String.class, programId, version);
    return content.stream().findFirst();
  }

  /** Stores every program's current notice, once per version. */
  @EventListener(ApplicationReadyEvent.class)
  public void publishCurrent() {
    for (IncentiveProgram program : programs()) {
      publish(program);
    }
  }

  /** Stores the program's current notice unless that version is stored already; returns its version. */
  public String publish(IncentiveProgram program) {
    Notice notice = notice(program);
    if (published(program.id(), notice.version()).isEmpty()) {
      try {
        jdbc.update("insert into incentive_notice (program_id, version, published_at, content) values (?, ?, ?, ?)",
            program.id(), notice.version(), Timestamp.from(clock.instant()), json(notice));
      } catch (org.springframework.dao.DuplicateKeyException another) {
        // another node published the same version at the same moment
      }
    }
    return notice.version();
  }

  private Notice build(IncentiveProgram program, String version) {
    IncentiveProgram.Incentive incentive = program.incentive();
    IncentiveProgram.Valuation valuation = program.valuation();
    String per = incentive.per() == null ? "year" : incentive.per();
    ValueOfData value = valuation == null ? null : new ValueOfData(
        money(valuation.estimate()), "USD", per,
        valuation.method() == null ? null : valuation.method().name(),
        valuation.method() == null ? null : valuation.method().label(),
        valuation.method() == null ? null : valuation.method().citation(),
        valuation.inputs(), valuation.explanation(), valuation.calculatedOn(), valuation.population());
    return new Notice(
        program.id(),
        version,
        "Notice of Financial Incentive: " + program.name(),
        businessName,
        program.summary(),
        program.materialTerms(),
        program.categories().stream().map(c -> new Category(c.name(), label(c))).toList(),
        new Incentive(incentive.type().name(), incentive.type().label(), incentive.description(),
            money(incentive.valuePerConsumer()), "USD", per),
        value,
        program.howToJoin(),
        PAGE + "/" + program.id() + "/join",
        program.joinUrl(),
        "You may withdraw from " + program.name() + " at any time, as easily as you joined: on the withdrawal page, from"
            + " the status page of any of your privacy requests, or by telling us at our privacy contact. We do not ask you"
            + " to join again for 12 months after you withdraw or decline.",
        PAGE + "/" + program.id() + "/withdraw",
        program.offerable());
  }

  private static String label(CcpaCategory category) {
    return category.label();
  }

  private static BigDecimal money(BigDecimal amount) {
    return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP);
  }

  private String json(Notice notice) {
    try {
      return canonical.writeValueAsString(notice);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the notice of " + notice.program(), e);
    }
  }

  /** The first 12 hex digits of the SHA-256 of the notice's content without its version. */
  private String versionOf(Notice unversioned) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json(unversioned).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
