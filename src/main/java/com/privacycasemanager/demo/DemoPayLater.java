package com.privacycasemanager.demo;

import com.privacycasemanager.datamap.AdmtUse;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.engine.Groups;
import com.privacycasemanager.engine.StaffAuthenticator;
import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.request.IdentifierFormats;
import com.privacycasemanager.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo shop's pay-later decision system, the ADMT use {@code pay-later} of the bundled data
 * map: {@code POST /api/demo/pay-later/decisions {"email": …}} is what checkout calls when a
 * shopper chooses "pay later". Like any decision system of the business it asks the preference
 * store before it scores (the never-start rule of 11 CCR §7221(m)): for a consumer who opted out
 * of the use, the model does not run and the request goes to the credit team (the alternative
 * process of the map); otherwise it scores the consumer's order history and writes the decision
 * to {@code financing_decisions}, where a request to access ADMT finds it. Only with the demo
 * business, for users of {@code preference-api}, {@code privacy-officers} and {@code camunda-admin}.
 */
@RestController
@Tag(name = "Demo business")
@ConditionalOnProperty(name = "privacy.demo-business.enabled", havingValue = "true")
class DemoPayLater {

  static final String USE = "pay-later";
  static final String MODEL_VERSION = "paylater-2.4";
  private static final Set<String> ALLOWED_GROUPS = Set.of(Groups.PREFERENCE_API, Groups.OFFICERS, Groups.ADMIN);

  private final ConnectedSystems systems;
  private final PreferenceStore preferences;
  private final StaffAuthenticator authenticator;
  private final Clock clock;
  private final String shopSystem;
  private final ZoneId zone;

  DemoPayLater(
      ConnectedSystems systems,
      PreferenceStore preferences,
      StaffAuthenticator authenticator,
      Clock clock,
      @Value("${privacy.time-zone}") ZoneId zone,
      @Value("${privacy.demo-business.shop-system:shop}") String shopSystem) {
    this.zone = zone;
    this.systems = systems;
    this.preferences = preferences;
    this.authenticator = authenticator;
    this.clock = clock;
    this.shopSystem = shopSystem;
  }

  /** What checkout sends: the shopper's email address. */
  public record Application(String email) {}

  /**
   * The decision: by the model ({@code automated}, with score, outcome, main factors, the amount
   * offered and the decision's number in {@code financing_decisions}), or referred to the credit
   * team because the consumer opted out.
   */
  public record Decision(
      String use, boolean automated, String outcome, Integer score, String mainFactors, Integer amountCents,
      Long decisionId, String alternative) {}

  @Operation(summary = "Demo shop: decide pay-later eligibility, unless the shopper opted out of the ADMT use")
  @PostMapping(path = "/api/demo/pay-later/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> decide(HttpServletRequest request, @RequestBody(required = false) Application application) {
    var refusal = authenticator.refusal(request, ALLOWED_GROUPS, "This user may not run the demo decision system.");
    if (refusal.isPresent()) {
      return refusal.get();
    }
    String email = application == null ? null : application.email();
    String problem = IdentifierFormats.absent(email) ? "is required" : IdentifierFormats.emailProblem(email);
    if (problem != null) {
      throw new InvalidRequestException(HttpStatus.BAD_REQUEST, "invalid-request", "The application has invalid fields.",
          Map.of("email", problem));
    }
    AdmtUse use = systems.map().admtUse(USE).orElseThrow(() -> new InvalidRequestException(HttpStatus.NOT_FOUND,
        "not-found", "The data map declares no ADMT use '" + USE + "'.", Map.of()));
    Long customer = customerId(email.trim());
    if (customer == null) {
      throw new InvalidRequestException(HttpStatus.NOT_FOUND, "not-found", "The shop has no customer with that email address.",
          Map.of());
    }
    // the never-start rule: ask before scoring
    if (!preferences.answer(List.of(Identifier.email(email.trim()))).admtAllowed(use.id())) {
      return ResponseEntity.ok(new Decision(use.id(), false, "REFERRED_TO_CREDIT_TEAM", null, null, null, null, use.alternative()));
    }
    return ResponseEntity.ok(score(use, customer));
  }

  private Long customerId(String email) {
    try (Connection c = systems.dataSource(shopSystem).getConnection();
        PreparedStatement st = c.prepareStatement("select id from customers where email = ? order by id")) {
      st.setString(1, email);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the demo shop cannot be read", e);
    }
  }

  /** The model: each factor of the consumer's order history moves the score from 600. */
  private synchronized Decision score(AdmtUse use, long customer) {
    Instant now = clock.instant();
    try (Connection c = systems.dataSource(shopSystem).getConnection()) {
      Map<String, Integer> factors = new LinkedHashMap<>();
      try (PreparedStatement st = c.prepareStatement(
          "select count(*), coalesce(avg(total_cents), 0), coalesce(sum(case when status = 'FULFILLED' then 1 else 0 end), 0),"
              + " min(ordered_at) from orders where customer_id = ?")) {
        st.setLong(1, customer);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          int orders = rs.getInt(1);
          double average = rs.getDouble(2);
          int fulfilled = rs.getInt(3);
          Timestamp first = rs.getTimestamp(4);
          long years = first == null ? 0 : Duration.between(first.toLocalDateTime().atZone(zone).toInstant(), now).toDays() / 365;
          factors.put("length of order history", (int) Math.min(years, 5) * 20);
          factors.put("orders paid on time", Math.min(fulfilled, 20) * 6);
          factors.put("average order value", average >= 10_000 ? 40 : average >= 3_000 ? 15 : -30);
          factors.put("share of orders returned", orders == 0 ? -60 : -(int) Math.round(60.0 * (orders - fulfilled) / orders));
        }
      }
      int score = Math.max(300, Math.min(900, 600 + factors.values().stream().mapToInt(Integer::intValue).sum()));
      List<Map.Entry<String, Integer>> weighed = new ArrayList<>(factors.entrySet());
      weighed.sort(Comparator.comparingInt((Map.Entry<String, Integer> e) -> Math.abs(e.getValue())).reversed());
      String main = weighed.get(0).getKey() + "; " + weighed.get(1).getKey();
      String outcome = score >= 620 ? "APPROVED" : "DECLINED";
      int amount = score >= 620 ? 5_000 * (1 + (score - 620) / 15) : 0;
      long id;
      try (PreparedStatement st = c.prepareStatement("select coalesce(max(id), 0) + 1 from financing_decisions");
          ResultSet rs = st.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
      try (PreparedStatement st = c.prepareStatement("insert into financing_decisions values (?,?,?,?,?,?,?,?)")) {
        st.setLong(1, id);
        st.setLong(2, customer);
        // the shop keeps wall-clock times of the business's time zone, as the data map's time columns are read
        st.setTimestamp(3, Timestamp.valueOf(LocalDateTime.ofInstant(now, zone)));
        st.setInt(4, score);
        st.setString(5, outcome);
        st.setString(6, main);
        st.setString(7, MODEL_VERSION);
        st.setInt(8, amount);
        st.executeUpdate();
      }
      return new Decision(use.id(), true, outcome, score, main, amount, id, null);
    } catch (SQLException e) {
      throw new IllegalStateException("the demo shop cannot be written", e);
    }
  }
}
