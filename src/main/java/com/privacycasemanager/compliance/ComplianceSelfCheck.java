package com.privacycasemanager.compliance;

import com.privacycasemanager.datamap.AdmtUse;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.PreUseNotice;
import com.privacycasemanager.datamap.PrivacyNotice;
import com.privacycasemanager.datamap.DataMap;
import com.privacycasemanager.datamap.RecipientsRegistry;
import com.privacycasemanager.preference.GlobalPrivacyControl;
import com.privacycasemanager.request.ProcessKeys;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Runs {@link SelfChecks} against the running application: the engine's deployments, the data map
 * and recipients registry as loaded, the servlet filters and MVC mappings actually registered, the
 * configuration, and the case table.
 */
@Component
public class ComplianceSelfCheck {

  /** The processes a consumer's rights are answered by (§1798.100–§1798.121). */
  static final List<String> RIGHTS_PROCESSES = List.of(
      ProcessKeys.RIGHT_TO_KNOW, ProcessKeys.RIGHT_TO_DELETE, ProcessKeys.RIGHT_TO_CORRECT,
      ProcessKeys.OPT_OUT, ProcessKeys.LIMIT_SENSITIVE);

  private static final String GPC_RESOURCE = "/.well-known/gpc.json";
  private static final int OVERDUE_SHOWN = 10;

  private final RepositoryService repository;
  private final ConnectedSystems systems;
  private final RecipientsRegistry recipients;
  private final ServletContext servletContext;
  private final RequestMappingHandlerMapping mappings;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ZoneId zone;
  private final int recordRetentionMonths;
  private final Long consumersPerYear;
  private final IdentityService identity;
  private final String publicBaseUrl;
  private final boolean metricsPublished;
  private final java.time.Duration signalPeriod;
  private final java.time.Duration signalPoll;
  private final boolean signalsScheduled;

  public ComplianceSelfCheck(
      RepositoryService repository,
      ConnectedSystems systems,
      RecipientsRegistry recipients,
      ServletContext servletContext,
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings,
      JdbcTemplate jdbc,
      Clock clock,
      @Value("${privacy.time-zone}") ZoneId zone,
      // the records setting may not exist yet on every branch; 24 is its default (§7101(a))
      @Value("${privacy.records.retention-months:24}") int recordRetentionMonths,
      @Value("${privacy.business.consumers-per-year:#{null}}") Long consumersPerYear,
      @Value("${privacy.metrics.published:false}") boolean metricsPublished,
      IdentityService identity,
      @Value("${privacy.public-base-url}") String publicBaseUrl,
      @Value("${privacy.signals.batch.period:PT15M}") java.time.Duration signalPeriod,
      @Value("${privacy.signals.batch.poll:PT30S}") java.time.Duration signalPoll,
      @Value("${privacy.signals.batch.scheduled:true}") boolean signalsScheduled) {
    this.signalPeriod = signalPeriod;
    this.signalPoll = signalPoll;
    this.signalsScheduled = signalsScheduled;
    this.identity = identity;
    this.publicBaseUrl = publicBaseUrl;
    this.repository = repository;
    this.systems = systems;
    this.recipients = recipients;
    this.servletContext = servletContext;
    this.mappings = mappings;
    this.jdbc = jdbc;
    this.clock = clock;
    this.zone = zone;
    this.recordRetentionMonths = recordRetentionMonths;
    this.consumersPerYear = consumersPerYear;
    this.metricsPublished = metricsPublished;
  }

  public ComplianceReport run() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    DataMap map = systems.map();
    List<String> overdue = overdueRequestIds(now);
    return ComplianceReport.of(now, List.of(
        SelfChecks.processesDeployed(RIGHTS_PROCESSES, deployedKeys()),
        SelfChecks.noticeUpdated(map.business() == null ? null : map.business().lastUpdated(), today),
        SelfChecks.gpcHonoured(gpcFilterRegistered(), gpcResourceMapped()),
        signalsBatched(now),
        SelfChecks.requestMethods(map.business()),
        SelfChecks.retentionNamed(map.systems()),
        SelfChecks.recipientsPropagate(recipients.all()),
        SelfChecks.recordRetention(recordRetentionMonths),
        SelfChecks.metricsPublished(consumersPerYear, metricsPublished, today),
        SelfChecks.noOverdueCases(overdue, overdue.size() < OVERDUE_SHOWN ? overdue.size() : overdueCount(now)),
        SelfChecks.admtRights(map.admt(), PreUseNotice.of(map, publicBaseUrl), PrivacyNotice.of(map, recipients.all(), publicBaseUrl),
            deployedKeys(List.of(SelfChecks.ADMT_OPT_OUT, SelfChecks.ADMT_ACCESS, SelfChecks.ADMT_APPEAL)), reviewerGroupMembers(map)),
        SelfChecks.incentiveValuation(map.incentives()),
        SelfChecks.nonDiscrimination(map.incentives(), !map.admt().isEmpty(), deployedKeys(List.of(SelfChecks.INCENTIVE_WITHDRAWAL)),
            PrivacyNotice.of(map, recipients.all(), publicBaseUrl))));
  }

  private CheckResult signalsBatched(Instant now) {
    return jdbc.queryForObject("select count(*), min(received_at) from opt_out_signal where batch_id is null",
        (rs, n) -> SelfChecks.signalsBatched(rs.getLong(1), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
            signalPeriod, signalPoll, signalsScheduled, now));
  }

  /** Active (startable) definitions only: a suspended one answers no request. */
  private Set<String> deployedKeys() {
    return deployedKeys(RIGHTS_PROCESSES);
  }

  /** How many members each appeal reviewer group of the map has in Camunda's identity service. */
  private Map<String, Long> reviewerGroupMembers(DataMap map) {
    Map<String, Long> members = new java.util.HashMap<>();
    map.admt().stream().filter(AdmtUse::appealOffered).map(u -> u.exception().reviewerGroup()).distinct()
        .forEach(group -> members.put(group, identity.createUserQuery().memberOfGroup(group).count()));
    return members;
  }

  private Set<String> deployedKeys(List<String> keys) {
    return repository.createProcessDefinitionQuery()
        .processDefinitionKeysIn(keys.toArray(String[]::new))
        .active()
        .list().stream()
        .map(ProcessDefinition::getKey)
        .collect(Collectors.toSet());
  }

  /** What the servlet container runs, not merely whether the bean exists. */
  private boolean gpcFilterRegistered() {
    return servletContext.getFilterRegistrations().values().stream()
        .anyMatch(r -> GlobalPrivacyControl.class.getName().equals(r.getClassName()));
  }

  private boolean gpcResourceMapped() {
    return mappings.getHandlerMethods().keySet().stream()
        .anyMatch(info -> info.getPatternValues().contains(GPC_RESOURCE));
  }

  private List<String> overdueRequestIds(Instant now) {
    return jdbc.queryForList(
        "select request_id from privacy_case where completed_at is null and coalesce(extended_due_at, due_at) < ?"
            + " order by coalesce(extended_due_at, due_at) limit " + OVERDUE_SHOWN,
        String.class, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
  }

  private long overdueCount(Instant now) {
    Long count = jdbc.queryForObject(
        "select count(*) from privacy_case where completed_at is null and coalesce(extended_due_at, due_at) < ?",
        Long.class, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
    return count == null ? 0 : count;
  }
}
