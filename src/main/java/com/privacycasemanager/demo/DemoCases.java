package com.privacycasemanager.demo;

import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.datamap.DemoBusiness.DemoConsumer;
import com.privacycasemanager.engine.Groups;
import com.privacycasemanager.engine.StaffProperties;
import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.preferencestore.SignalLog;
import com.privacycasemanager.signal.SignalBatches;
import com.privacycasemanager.signal.SignalProperties;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.RegisteredCase;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.verification.IdentityVerification;
import com.privacycasemanager.verification.IdentityVerification.Confirmation;
import com.privacycasemanager.verification.VerificationRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo office on the first start of an empty database ({@code privacy.demo-cases.enabled},
 * on in the embedded default only): cases of the demo shop's customers in the states a privacy
 * office meets every day, and closed cases of last calendar year for the §7102 metrics.
 *
 * <p>Nothing is written behind the engine's back. Each case is opened by the intake, as the
 * request pages do, and lives on one timeline with the others: the engine clock is moved back to
 * its receipt and forward through every due timer and job of the demo cases, in due order, to each
 * consumer's or staff member's step — a consumer confirms through the confirmation service, the
 * demo reviewer and officer complete their Tasklist tasks through the task service, authenticated,
 * so the audit chain names them — and finally to the present, where the clock is reset. Receipt
 * dates, reminders, extension windows, escalations and due dates are therefore the ones the
 * processes computed. Runs before the job executor starts (when the application is ready), so the
 * seeding is the only thing driving those jobs.
 */
@Component
@ConditionalOnProperty(name = "privacy.demo-cases.enabled", havingValue = "true")
public class DemoCases implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoCases.class);

  /** Enough for every job of every demo case; a loop that never goes quiet stops instead of hanging startup. */
  private static final int MAX_JOBS = 5000;

  private final IntakeService intake;
  private final IdentityVerification verification;
  private final VerificationRepository verifications;
  private final ConnectedSystems systems;
  private final DemoBusiness shop;
  private final StaffProperties.User reviewer;
  private final StaffProperties.User officer;
  private final ProcessEngine engine;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final IdentityService identity;
  private final JdbcTemplate jdbc;
  private final PreferenceStore preferences;
  private final SignalBatches signalBatches;
  private final Duration signalPeriod;
  private final Clock clock;
  private final ZoneId zone;
  private final SecureRandom random = new SecureRandom();

  public DemoCases(
      IntakeService intake,
      IdentityVerification verification,
      VerificationRepository verifications,
      ConnectedSystems systems,
      ObjectProvider<DemoBusiness> shop,
      StaffProperties staff,
      ProcessEngine engine,
      JdbcTemplate jdbc,
      PreferenceStore preferences,
      SignalBatches signalBatches,
      SignalProperties signalProperties,
      Clock clock,
      @Value("${privacy.time-zone}") ZoneId zone) {
    this.preferences = preferences;
    this.signalBatches = signalBatches;
    this.signalPeriod = signalProperties.batch().period();
    this.shop = shop.getIfAvailable(() -> {
      throw new IllegalStateException("privacy.demo-cases.enabled needs the demo business (privacy.demo-business.enabled)");
    });
    this.reviewer = member(staff, Groups.REVIEWERS);
    this.officer = member(staff, Groups.OFFICERS);
    this.intake = intake;
    this.verification = verification;
    this.verifications = verifications;
    this.systems = systems;
    this.engine = engine;
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.management = engine.getManagementService();
    this.identity = engine.getIdentityService();
    this.jdbc = jdbc;
    this.clock = clock;
    this.zone = zone;
  }

  private static StaffProperties.User member(StaffProperties staff, String group) {
    return staff.users().stream().filter(u -> u.groups().contains(group)).findFirst()
        .orElseThrow(() -> new IllegalStateException("privacy.demo-cases.enabled needs a user of " + group + " in privacy.staff.users"));
  }

  @Override
  public void run(ApplicationArguments args) {
    seed();
  }

  /** Seeds the demo cases unless the database already holds a case; returns how many it opened. */
  public int seed() {
    Integer existing = jdbc.queryForObject("select count(*) from privacy_case", Integer.class);
    if (existing != null && existing > 0) {
      log.info("Demo cases: the database already holds cases; nothing seeded");
      return 0;
    }
    var jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    if (jobExecutor != null && jobExecutor.isActive()) {
      throw new IllegalStateException("demo cases are seeded before the job executor starts; it is already running");
    }
    Timeline timeline = new Timeline(clock.instant());
    try {
      plan(timeline);
      timeline.run();
    } finally {
      identity.clearAuthentication();
      ClockUtil.reset();
    }
    log.info("Demo cases: seeded {} cases", timeline.cases.size());
    return timeline.cases.size();
  }

  /** The demo office: what happened, and when, relative to now. */
  private void plan(Timeline t) {
    int lastYear = t.now.atZone(zone).getYear() - 1;

    // Last calendar year, all answered: the §7102 metrics of the year to publish.
    DemoCase answered = t.request(on(lastYear, 2, 9, 10, 0), RequestType.KNOW_CATEGORIES, 21, "postalCode", "street");
    t.later(answered, Duration.ofDays(6), c -> complete(c, "Task_ReviewDisclosure", reviewer,
        Map.of("approved", true, "reviewNote", "Findings checked against the request; nothing to withhold.")));
    t.request(on(lastYear, 4, 14, 15, 30), RequestType.KNOW_SPECIFIC, 22, "name", "postalCode", "street");
    DemoCase erased = t.request(on(lastYear, 6, 2, 9, 30), RequestType.DELETE, 23, "name", "postalCode", "street");
    t.later(erased, Duration.ofHours(2), this::confirm);
    t.later(erased, Duration.ofDays(3), c -> complete(c, "Task_ReviewDeletion", reviewer,
        Map.of("approved", true, "reviewNote", "Preview checked; records kept under tax law are listed for the consumer.")));
    t.later(erased, Duration.ofDays(5), this::notifyByHand);
    DemoCase refused = t.correction(on(lastYear, 8, 18, 14, 0), 24);
    t.later(refused, Duration.ofHours(1), this::confirm);
    t.later(refused, Duration.ofDays(4), c -> complete(c, "Task_ReviewCorrection", reviewer,
        Map.of("approved", false, "reviewNote", "The address we hold matches the carrier's delivery confirmations (11 CCR §7023(b)).")));
    DemoCase optOut = t.request(on(lastYear, 9, 21, 11, 0), RequestType.OPT_OUT_ALL, 25);
    t.later(optOut, Duration.ofDays(2), this::notifyByHand);
    DemoCase limit = t.request(on(lastYear, 11, 3, 16, 0), RequestType.LIMIT_SENSITIVE, 26);
    t.later(limit, Duration.ofDays(1), this::notifyByHand);

    // This year: a working office.
    DemoCase overdue = t.request(daysAgo(t, 50), RequestType.DELETE, 11, "name", "postalCode", "street");
    t.later(overdue, Duration.ofHours(3), this::confirm);
    DemoCase extended = t.request(daysAgo(t, 38), RequestType.PORTABILITY, 12, "name", "phone", "birthDate");
    t.later(extended, Duration.ofHours(2), this::confirm);
    t.later(extended, Duration.ofDays(31), c -> complete(c, "Task_DecideExtension", officer,
        Map.of("extend", true, "extensionReason", "We need more time to gather the records of our archived order system.")));
    t.request(daysAgo(t, 40), RequestType.KNOW_CATEGORIES, 13, "postalCode", "street");
    DemoCase corrected = t.correction(daysAgo(t, 20), 14);
    t.later(corrected, Duration.ofHours(1), this::confirm);
    t.later(corrected, Duration.ofDays(2), c -> complete(c, "Task_ReviewCorrection", reviewer,
        Map.of("approved", true, "reviewNote", "The new address matches the consumer's latest order.")));
    t.later(corrected, Duration.ofDays(3), this::notifyByHand);
    t.request(daysAgo(t, 12), RequestType.OPT_OUT_SALE, 15);
    t.request(daysAgo(t, 9), RequestType.OPT_OUT_SHARING, 16);
    DemoCase deletion = t.request(daysAgo(t, 6), RequestType.DELETE, 17, "name", "postalCode", "street");
    t.later(deletion, Duration.ofHours(1), this::confirm);
    t.request(daysAgo(t, 5), RequestType.LIMIT_SENSITIVE, 18);
    DemoCase know = t.request(daysAgo(t, 4), RequestType.KNOW_SPECIFIC, 19, "name", "postalCode", "street");
    t.later(know, Duration.ofMinutes(30), this::confirm);
    DemoCase gpc = t.gpcSignals(daysAgo(t, 2), 3);
    t.later(gpc, Duration.ofDays(1), this::notifyByHand);
    t.request(daysAgo(t, 1), RequestType.KNOW_SPECIFIC, 20, "name", "phone", "birthDate");

    // Automated decisionmaking (11 CCR §§7221–7222): an opt-out of every use, a request to access
    // waiting at review, and an appeal of a credit line review waiting for the credit team.
    DemoCase admtOptOut = t.request(daysAgo(t, 8), RequestType.ADMT_OPT_OUT, 27);
    t.later(admtOptOut, Duration.ofDays(1), this::notifyByHand);
    DemoCase admtAccess = t.request(daysAgo(t, 7), RequestType.ADMT_ACCESS, 28, "name", "postalCode", "street");
    t.later(admtAccess, Duration.ofMinutes(20), this::confirm);
    // two matching details verify an appeal to the reasonable degree it needs at once: no email link to confirm
    t.appeal(daysAgo(t, 3), appellant());
  }

  /**
   * A demo customer past those above whose latest credit line review (the data map's credit-line
   * use) lowered the line, or 29.
   */
  private long appellant() {
    Long id = new org.springframework.jdbc.core.JdbcTemplate(systems.dataSource("shop")).queryForObject(
        "select min(r.customer_id) from credit_line_reviews r where r.customer_id >= 29 and r.change = 'LOWERED'"
            + " and r.reviewed_at = (select max(l.reviewed_at) from credit_line_reviews l where l.customer_id = r.customer_id)", Long.class);
    return id == null ? 29 : id;
  }

  private Instant on(int year, int month, int day, int hour, int minute) {
    return LocalDate.of(year, month, day).atTime(LocalTime.of(hour, minute)).atZone(zone).toInstant();
  }

  /** Ten in the morning, {@code days} days before today: requests come in during office hours. */
  private Instant daysAgo(Timeline t, int days) {
    return t.now.atZone(zone).toLocalDate().minusDays(days).atTime(LocalTime.of(10, 0)).atZone(zone).toInstant();
  }

  /**
   * The consumer confirms the request by email. They cannot read the link the process mailed them,
   * so they get a link of their own, as a resent link would replace it, and press "Confirm" with it.
   */
  private void confirm(DemoCase c) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    verifications.storeToken(c.id, Secrets.sha256Hex(token), clock.instant().plus(Duration.ofHours(1)));
    Confirmation result = verification.confirm(c.id, token);
    if (result != Confirmation.CONFIRMED) {
      log.warn("Demo cases: {} could not be confirmed ({})", c.id.value(), result);
    }
  }

  /**
   * The reviewer tells every recipient without a webhook by hand and records that they confirmed
   * (a data map may have none for the request type: then there is nothing to do).
   */
  private void notifyByHand(DemoCase c) {
    completeAll(openTasks(c, "Task_NotifyRecipientByHand"), reviewer,
        Map.of("approved", true, "reviewNote", "Sent the notice by email; the recipient confirmed."));
  }

  /** A staff member claims and completes the case's open task of one kind, as Tasklist does. */
  private void complete(DemoCase c, String taskKey, StaffProperties.User user, Map<String, Object> variables) {
    List<Task> open = openTasks(c, taskKey);
    if (open.isEmpty()) {
      log.warn("Demo cases: {} has no open {}; that step is left out", c.id.value(), taskKey);
    }
    completeAll(open, user, variables);
  }

  private List<Task> openTasks(DemoCase c, String taskKey) {
    return tasks.createTaskQuery().processInstanceBusinessKey(c.id.value()).taskDefinitionKey(taskKey).list();
  }

  private void completeAll(List<Task> open, StaffProperties.User user, Map<String, Object> variables) {
    if (open.isEmpty()) {
      return;
    }
    identity.setAuthentication(user.id(), user.groups());
    try {
      for (Task task : open) {
        tasks.claim(task.getId(), user.id());
        tasks.complete(task.getId(), variables);
      }
    } finally {
      identity.clearAuthentication();
    }
  }

  /** One demo case: when it is received, and its request id once the intake opened it. */
  private static final class DemoCase {
    final Instant receivedAt;
    RequestId id;

    DemoCase(Instant receivedAt) {
      this.receivedAt = receivedAt;
    }
  }

  private record Step(Instant at, Runnable action) {}

  /** The demo cases' steps in time order, and the engine clock walked through them. */
  private final class Timeline {
    final Instant now;
    final List<Step> steps = new ArrayList<>();
    final List<DemoCase> cases = new ArrayList<>();
    /** The demo cases' top-level process instances: their jobs are the only ones run. */
    final List<String> roots = new ArrayList<>();

    Timeline(Instant now) {
      this.now = now;
    }

    /** A request from demo customer {@code customer} through the request pages, with these data points. */
    DemoCase request(Instant at, RequestType type, long customer, String... dataPoints) {
      return open(at, () -> {
        DemoConsumer consumer = shop.consumer(systems, customer);
        boolean verifiable = !type.isPreferenceRequest();
        return intake.submit(new IntakeRequest(type.name(), consumer.email(), consumer.name(), null,
            verifiable ? consumer.dataPoints(dataPoints) : null, null, null,
            verifiable ? new IntakeRequest.Declaration(consumer.name(), true) : null, null, null), Channel.WEB_FORM, null);
      });
    }

    /** A request to correct the postal code and street, verified by three other data points. */
    DemoCase correction(Instant at, long customer) {
      return open(at, () -> {
        DemoConsumer consumer = shop.consumer(systems, customer);
        return intake.submit(new IntakeRequest(RequestType.CORRECT.name(), consumer.email(), consumer.name(), null,
            consumer.dataPoints("name", "phone", "birthDate"), Map.of("postalCode", "90210", "street", "1 Harbor Way"), null,
            new IntakeRequest.Declaration(consumer.name(), true), null, null), Channel.WEB_FORM, null);
      });
    }

    /** An appeal of the customer's latest credit line review, verified by two data points. */
    DemoCase appeal(Instant at, long customer) {
      return open(at, () -> {
        DemoConsumer consumer = shop.consumer(systems, customer);
        return intake.submit(new IntakeRequest(RequestType.ADMT_APPEAL.name(), consumer.email(), consumer.name(), null,
            consumer.dataPoints("postalCode", "street"), null, null, null, null, null, null, null,
            new IntakeRequest.Appeal("credit-line", null,
                "My credit line was lowered although I have paid every pay-later instalment on time.")), Channel.WEB_FORM, null);
      });
    }

    /**
     * Browsers' first Global Privacy Control signals (two on the privacy pages, the rest forwarded by
     * the shop's web servers), each a record in the preference store, and the batch that tells the
     * recipients, sealed when the first has waited {@code privacy.signals.batch.period}.
     */
    DemoCase gpcSignals(Instant at, int browsers) {
      DemoCase c = new DemoCase(at);
      cases.add(c);
      steps.add(new Step(at, () -> {
        for (int i = 0; i < browsers; i++) {
          byte[] raw = new byte[18];
          random.nextBytes(raw);
          String device = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
          preferences.recordSignals(List.of(new SignalLog.Signal(device, null)),
              i < 2 ? SignalLog.Source.PAGE : SignalLog.Source.EDGE);
        }
      }));
      steps.add(new Step(at.plus(signalPeriod), () -> {
        c.id = signalBatches.sealDue().get(0);
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(c.id.value()).list().stream()
            .filter(i -> i.getId().equals(i.getRootProcessInstanceId()))
            .forEach(i -> roots.add(i.getId()));
      }));
      return c;
    }

    private DemoCase open(Instant at, java.util.function.Supplier<RegisteredCase> submit) {
      DemoCase c = new DemoCase(at);
      cases.add(c);
      steps.add(new Step(at, () -> {
        c.id = submit.get().record().requestId();
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(c.id.value()).list().stream()
            .filter(i -> i.getId().equals(i.getRootProcessInstanceId()))
            .forEach(i -> roots.add(i.getId()));
      }));
      return c;
    }

    /** A step of a consumer or staff member, {@code after} the case's receipt. */
    void later(DemoCase c, Duration after, Consumer<DemoCase> action) {
      steps.add(new Step(c.receivedAt.plus(after), () -> action.accept(c)));
    }

    void run() {
      steps.sort(Comparator.comparing(Step::at));
      if (!steps.isEmpty()) {
        travel(steps.get(0).at());
      }
      for (Step step : steps) {
        advanceTo(step.at());
        step.action().run();
      }
      advanceTo(now);
    }

    /** Runs the demo cases' jobs due by {@code target}, earliest first, each at its due time. */
    private void advanceTo(Instant target) {
      for (int n = 0; n < MAX_JOBS; n++) {
        Instant current = clock.instant();
        Job next = null;
        Instant nextAt = null;
        for (String root : roots) {
          for (Job job : management.createJobQuery().rootProcessInstanceId(root).active().withRetriesLeft().list()) {
            Instant due = job.getDuedate() == null || job.getDuedate().toInstant().isBefore(current)
                ? current : job.getDuedate().toInstant();
            if (!due.isAfter(target) && (nextAt == null || due.isBefore(nextAt))) {
              next = job;
              nextAt = due;
            }
          }
        }
        if (next == null) {
          travel(target);
          return;
        }
        travel(nextAt);
        execute(next);
      }
      throw new IllegalStateException("demo cases: jobs still due after " + MAX_JOBS + " steps");
    }

    /** A failing step (a recipient's webhook down, say) keeps its retries for the job executor. */
    private void execute(Job job) {
      try {
        management.executeJob(job.getId());
      } catch (RuntimeException e) {
        log.warn("Demo cases: a step of process instance {} failed ({}); it is retried later", job.getProcessInstanceId(),
            e.getClass().getSimpleName());
      }
    }

    private void travel(Instant to) {
      ClockUtil.setCurrentTime(Date.from(to));
    }
  }
}
