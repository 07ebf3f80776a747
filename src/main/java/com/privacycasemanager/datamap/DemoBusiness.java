package com.privacycasemanager.datamap;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A demo business for the embedded default: a shop system (customers, orders, order items, an
 * activity log, precise device locations) and a separate marketing system (subscribers, email
 * events). Generated from a fixed seed, so the same size and as-of date give the same rows; the
 * tables are created only when they are missing. Customers 1 and 2 share a name and a postal
 * address but not an email, which is how real shops look and what collection must keep apart.
 */
@Component
@ConditionalOnProperty(name = "privacy.demo-business.enabled", havingValue = "true")
public class DemoBusiness {

  private static final Logger log = LoggerFactory.getLogger(DemoBusiness.class);

  static final String[] FIRST = {"Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn",
      "Maria", "Wei", "Priya", "Diego", "Fatima", "Noah", "Emma", "Liam", "Olivia", "Mateo"};
  static final String[] LAST = {"Rivera", "Chen", "Patel", "Garcia", "Nguyen", "Smith", "Johnson", "Kim", "Lopez", "Brown",
      "Davis", "Martinez", "Wilson", "Anderson", "Thomas", "Moore", "Jackson", "Lee", "Walker", "Young"};
  static final String[] CITIES = {"Los Angeles", "San Diego", "San Jose", "San Francisco", "Fresno", "Sacramento",
      "Long Beach", "Oakland", "Santa Monica", "Irvine"};
  static final String[] PRODUCTS = {"Trail shoes", "Rain jacket", "Water bottle", "Camping stove", "Headlamp",
      "Wool socks", "Backpack", "Sunglasses", "Yoga mat", "Coffee grinder"};
  static final String[] ACTIONS = {"VIEW_PRODUCT", "SEARCH", "ADD_TO_CART", "CHECKOUT", "LOGIN", "VIEW_PAGE"};

  private final String shopSystem;
  private final String marketingSystem;
  private final int customers;
  private final long seed;
  private final LocalDate asOf;

  public DemoBusiness(
      @Value("${privacy.demo-business.shop-system:shop}") String shopSystem,
      @Value("${privacy.demo-business.marketing-system:marketing}") String marketingSystem,
      @Value("${privacy.demo-business.customers:200}") int customers,
      @Value("${privacy.demo-business.seed:20260101}") long seed,
      @Value("${privacy.demo-business.as-of:}") String asOf,
      @Value("${privacy.time-zone}") ZoneId zone) {
    this.shopSystem = shopSystem;
    this.marketingSystem = marketingSystem;
    this.customers = customers;
    this.seed = seed;
    this.asOf = asOf.isBlank() ? LocalDate.now(zone) : LocalDate.parse(asOf);
  }

  void createIfMissing(ConnectedSystems systems) {
    try {
      DataSource shop = systems.dataSource(shopSystem);
      DataSource marketing = systems.dataSource(marketingSystem);
      if (!exists(shop, "customers")) {
        generateShop(shop);
        log.info("Demo business: generated the shop system ({} customers, as of {})", customers, asOf);
      }
      if (!exists(shop, "financing_decisions")) {
        // also on a shop generated before the ADMT use was added to the demo map
        generateFinancingDecisions(shop);
        log.info("Demo business: generated the shop's pay-later financing decisions");
      }
      if (!exists(shop, "credit_line_reviews")) {
        generateCreditLineReviews(shop);
        log.info("Demo business: generated the shop's pay-later credit line reviews");
      }
      if (!exists(shop, "loyalty_members")) {
        generateLoyaltyMembers(shop);
        log.info("Demo business: generated the shop's Example Shop Rewards members");
      }
      if (!exists(marketing, "subscribers")) {
        generateMarketing(marketing);
        log.info("Demo business: generated the marketing system");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot generate the demo business: " + e.getMessage(), e);
    }
  }

  /** Asks the catalog (a failing probe query would leave an H2 trace file behind). */
  private static boolean exists(DataSource ds, String table) throws SQLException {
    try (Connection c = ds.getConnection()) {
      var meta = c.getMetaData();
      for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
        try (var tables = meta.getTables(c.getCatalog(), null, name, new String[] {"TABLE"})) {
          if (tables.next()) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** The email of demo customer {@code id} (what a consumer of the demo would type). */
  public static String customerEmail(long id) {
    if (id == 1) {
      return "alex.rivera@example.com";
    }
    if (id == 2) {
      return "a.rivera@example.net";
    }
    return (FIRST[(int) (id % FIRST.length)] + "." + LAST[(int) ((id / FIRST.length) % LAST.length)] + "." + id
            + "@example.com").toLowerCase(Locale.ROOT);
  }

  /**
   * What demo customer {@code id} would type into a request form: their email, their name and the
   * verification data points (by the demo map's names) with the values the shop holds for them.
   */
  public DemoConsumer consumer(ConnectedSystems systems, long id) {
    var rows = new JdbcTemplate(systems.dataSource(shopSystem)).queryForList(
        "select full_name, phone, street, postal_code, birth_date from customers where id = ?", id);
    if (rows.isEmpty()) {
      throw new IllegalStateException("the demo shop has no customer " + id + " (privacy.demo-business.customers is " + customers + ")");
    }
    var row = rows.get(0);
    Map<String, String> dataPoints = new LinkedHashMap<>();
    dataPoints.put("name", String.valueOf(row.get("full_name")));
    dataPoints.put("phone", String.valueOf(row.get("phone")));
    dataPoints.put("street", String.valueOf(row.get("street")));
    dataPoints.put("postalCode", String.valueOf(row.get("postal_code")));
    dataPoints.put("birthDate", String.valueOf(row.get("birth_date")));
    return new DemoConsumer(customerEmail(id), dataPoints.get("name"), Map.copyOf(dataPoints));
  }

  /** A demo customer as a consumer identifies themselves. Personal data: never logged. */
  public record DemoConsumer(String email, String name, Map<String, String> dataPoints) {

    /** The named data points only, in the order given. */
    public Map<String, String> dataPoints(String... names) {
      Map<String, String> chosen = new LinkedHashMap<>();
      for (String name : names) {
        chosen.put(name, dataPoints.get(name));
      }
      return chosen;
    }

    @Override
    public String toString() {
      return "DemoConsumer[redacted]";
    }
  }

  private void generateShop(DataSource ds) throws SQLException {
    Random random = new Random(seed);
    LocalDateTime end = asOf.atTime(12, 0);
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("create table customers (id bigint primary key, email varchar(254) not null, full_name varchar(200),"
            + " phone varchar(40), street varchar(200), city varchar(100), postal_code varchar(10), birth_date date,"
            + " ssn varchar(11), password_hash varchar(100), security_answer varchar(100), loyalty_segment varchar(40),"
            + " created_at timestamp not null)");
        st.execute("create index customers_email on customers (email)");
        st.execute("create table orders (id bigint primary key, customer_id bigint not null references customers (id),"
            + " order_number varchar(20) not null, status varchar(20) not null, total_cents integer not null,"
            + " card_number varchar(25), shipping_street varchar(200), ordered_at timestamp not null)");
        st.execute("create index orders_customer on orders (customer_id)");
        st.execute("create table order_items (id bigint primary key, order_id bigint not null references orders (id),"
            + " sku varchar(20), product_name varchar(100), quantity integer, price_cents integer)");
        st.execute("create index order_items_order on order_items (order_id)");
        st.execute("create table activity_log (id bigint primary key, customer_id bigint not null references customers (id),"
            + " occurred_at timestamp not null, action varchar(30), page varchar(200), ip_address varchar(45), user_agent varchar(200))");
        st.execute("create index activity_log_customer on activity_log (customer_id)");
        st.execute("create table device_locations (id bigint primary key, customer_id bigint not null references customers (id),"
            + " recorded_at timestamp not null, latitude double precision, longitude double precision)");
        st.execute("create index device_locations_customer on device_locations (customer_id)");
      }
      try (PreparedStatement cust = c.prepareStatement("insert into customers values (?,?,?,?,?,?,?,?,?,?,?,?,?)");
          PreparedStatement order = c.prepareStatement("insert into orders values (?,?,?,?,?,?,?,?)");
          PreparedStatement item = c.prepareStatement("insert into order_items values (?,?,?,?,?,?)");
          PreparedStatement activity = c.prepareStatement("insert into activity_log values (?,?,?,?,?,?,?)");
          PreparedStatement location = c.prepareStatement("insert into device_locations values (?,?,?,?,?)")) {
        long orderId = 0;
        long itemId = 0;
        long activityId = 0;
        long locationId = 0;
        for (long id = 1; id <= customers; id++) {
          boolean rivera = id <= 2;
          String first = rivera ? "Alex" : FIRST[(int) (id % FIRST.length)];
          String last = rivera ? "Rivera" : LAST[(int) ((id / FIRST.length) % LAST.length)];
          String street = rivera ? "12 Ocean Avenue" : (100 + random.nextInt(9800)) + " " + LAST[random.nextInt(LAST.length)] + " Street";
          String city = rivera ? "Santa Monica" : CITIES[random.nextInt(CITIES.length)];
          String postal = rivera ? "90401" : String.valueOf(90001 + random.nextInt(6000));
          LocalDateTime created = end.minusDays(random.nextInt(365 * 5));
          cust.setLong(1, id);
          cust.setString(2, customerEmail(id));
          cust.setString(3, first + " " + last);
          cust.setString(4, String.format("+1 %03d 555 %04d", 200 + random.nextInt(700), random.nextInt(10000)));
          cust.setString(5, street);
          cust.setString(6, city);
          cust.setString(7, postal);
          cust.setDate(8, Date.valueOf(LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28))));
          cust.setString(9, String.format("%03d-%02d-%04d", 100 + random.nextInt(800), 10 + random.nextInt(89), random.nextInt(10000)));
          cust.setString(10, "$2a$10$" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
          cust.setString(11, CITIES[random.nextInt(CITIES.length)]);
          cust.setString(12, random.nextBoolean() ? "frequent outdoor buyer" : "occasional buyer");
          cust.setTimestamp(13, Timestamp.valueOf(created));
          cust.addBatch();
          int orders = random.nextInt(5);
          for (int o = 0; o < orders; o++) {
            orderId++;
            LocalDateTime at = end.minusDays(random.nextInt(365 * 5)).minusMinutes(random.nextInt(1440));
            order.setLong(1, orderId);
            order.setLong(2, id);
            order.setString(3, "SO-" + (100000 + orderId));
            order.setString(4, random.nextInt(10) == 0 ? "PROCESSING" : "FULFILLED");
            order.setInt(5, 0);
            order.setString(6, "4111 1111 1111 " + String.format("%04d", random.nextInt(10000)));
            order.setString(7, street);
            order.setTimestamp(8, Timestamp.valueOf(at));
            int total = 0;
            int items = 1 + random.nextInt(3);
            for (int i = 0; i < items; i++) {
              itemId++;
              int product = random.nextInt(PRODUCTS.length);
              int quantity = 1 + random.nextInt(3);
              int price = 500 + random.nextInt(20000);
              total += quantity * price;
              item.setLong(1, itemId);
              item.setLong(2, orderId);
              item.setString(3, "SKU-" + (1000 + product));
              item.setString(4, PRODUCTS[product]);
              item.setInt(5, quantity);
              item.setInt(6, price);
              item.addBatch();
            }
            order.setInt(5, total);
            order.addBatch();
          }
          int activities = random.nextInt(21);
          for (int a = 0; a < activities; a++) {
            activityId++;
            activity.setLong(1, activityId);
            activity.setLong(2, id);
            activity.setTimestamp(3, Timestamp.valueOf(end.minusMinutes(random.nextInt(60 * 24 * 365 * 2))));
            activity.setString(4, ACTIONS[random.nextInt(ACTIONS.length)]);
            activity.setString(5, "/products/" + random.nextInt(500));
            activity.setString(6, "203.0." + random.nextInt(256) + "." + random.nextInt(256));
            activity.setString(7, "Mozilla/5.0 (demo)");
            activity.addBatch();
          }
          int locations = random.nextInt(6);
          for (int l = 0; l < locations; l++) {
            locationId++;
            location.setLong(1, locationId);
            location.setLong(2, id);
            location.setTimestamp(3, Timestamp.valueOf(end.minusMinutes(random.nextInt(60 * 24 * 540))));
            location.setDouble(4, 32.5 + random.nextDouble() * 9);
            location.setDouble(5, -124 + random.nextDouble() * 9);
            location.addBatch();
          }
          if (id % 500 == 0 || id == customers) {
            cust.executeBatch();
            order.executeBatch();
            item.executeBatch();
            activity.executeBatch();
            location.executeBatch();
          }
        }
      }
      c.commit();
    }
  }

  private static final String[] FACTORS = {
    "length of order history", "share of orders returned", "average order value", "age of the account",
    "failed card payments", "orders paid on time"
  };

  /**
   * The pay-later eligibility checks of the data map's ADMT use: about four in ten customers asked
   * at checkout, some of them often (customer 1 six times in the last year, so an access answer can
   * be given in aggregate, §7222(j)). A random of its own, so the other tables stay as they were.
   */
  private void generateFinancingDecisions(DataSource ds) throws SQLException {
    Random random = new Random(seed + 2);
    LocalDateTime end = asOf.atTime(12, 0);
    long decisionId = 0;
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("create table financing_decisions (id bigint primary key, customer_id bigint not null references customers (id),"
            + " decided_at timestamp not null, score integer not null, outcome varchar(10) not null, main_factors varchar(300),"
            + " model_version varchar(20) not null, amount_cents integer)");
        st.execute("create index financing_decisions_customer on financing_decisions (customer_id)");
      }
      generateFinancingDecisions(c, random, end, decisionId);
      c.commit();
    }
  }

  private void generateFinancingDecisions(Connection c, Random random, LocalDateTime end, long decisionId) throws SQLException {
    try (PreparedStatement decision = c.prepareStatement("insert into financing_decisions values (?,?,?,?,?,?,?,?)")) {
      for (long id = 1; id <= customers; id++) {
        int checks = id == 1 ? 6 : random.nextInt(10) < 4 ? 1 + random.nextInt(5) : 0;
        for (int d = 0; d < checks; d++) {
          decisionId++;
          int score = 300 + random.nextInt(601);
          decision.setLong(1, decisionId);
          decision.setLong(2, id);
          decision.setTimestamp(3, Timestamp.valueOf(end.minusMinutes(random.nextInt(id == 1 ? 60 * 24 * 360 : 60 * 24 * 540))));
          decision.setInt(4, score);
          decision.setString(5, score >= 620 ? "APPROVED" : "DECLINED");
          String first = FACTORS[random.nextInt(FACTORS.length)];
          String second = FACTORS[random.nextInt(FACTORS.length)];
          decision.setString(6, first.equals(second) ? first : first + "; " + second);
          decision.setString(7, random.nextBoolean() ? "paylater-2.3" : "paylater-2.4");
          decision.setInt(8, score >= 620 ? 5_000 * (1 + random.nextInt(20)) : 0);
          decision.addBatch();
        }
        if (id % 500 == 0 || id == customers) {
          decision.executeBatch();
        }
      }
    }
  }

  /**
   * The members of the data map's loyalty program: about three in ten customers, customer 1 among
   * them (so the demo's first consumer can withdraw); {@code withdrawn_at} is where a withdrawal
   * is written. A random of its own, so the other tables stay as they were.
   */
  private void generateLoyaltyMembers(DataSource ds) throws SQLException {
    Random random = new Random(seed + 4);
    LocalDateTime end = asOf.atTime(10, 0);
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("create table loyalty_members (id bigint primary key, customer_id bigint not null references customers (id),"
            + " enrolled_at timestamp not null, points integer not null, tier varchar(10) not null, withdrawn_at timestamp)");
        st.execute("create index loyalty_members_customer on loyalty_members (customer_id)");
      }
      try (PreparedStatement member = c.prepareStatement("insert into loyalty_members values (?,?,?,?,?,null)")) {
        long memberId = 0;
        for (long id = 1; id <= customers; id++) {
          if (id != 1 && random.nextInt(10) >= 3) {
            continue;
          }
          memberId++;
          int points = id == 1 ? 240 : random.nextInt(900);
          member.setLong(1, memberId);
          member.setLong(2, id);
          member.setTimestamp(3, Timestamp.valueOf(end.minusDays(id == 1 ? 200 : 1 + random.nextInt(700))));
          member.setInt(4, points);
          member.setString(5, points >= 600 ? "GOLD" : "MEMBER");
          member.addBatch();
          if (memberId % 500 == 0) {
            member.executeBatch();
          }
        }
        member.executeBatch();
      }
      c.commit();
    }
  }

  /**
   * The quarterly credit line reviews of the data map's ADMT use that relies on the human-appeal
   * exception: about one in four customers, customer 1 twice; {@code appeal_outcome} is where an
   * appeal's outcome is written back. A random of its own, so the other tables stay as they were.
   */
  private void generateCreditLineReviews(DataSource ds) throws SQLException {
    Random random = new Random(seed + 3);
    LocalDateTime end = asOf.atTime(9, 0);
    long reviewId = 0;
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("create table credit_line_reviews (id bigint primary key, customer_id bigint not null references customers (id),"
            + " reviewed_at timestamp not null, line_cents integer not null, change varchar(10) not null, main_factors varchar(300),"
            + " appeal_outcome varchar(12))");
        st.execute("create index credit_line_reviews_customer on credit_line_reviews (customer_id)");
      }
      try (PreparedStatement review = c.prepareStatement("insert into credit_line_reviews values (?,?,?,?,?,?,null)")) {
        for (long id = 1; id <= customers; id++) {
          int reviews = id == 1 ? 2 : random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
          for (int r = 0; r < reviews; r++) {
            reviewId++;
            int change = random.nextInt(3);
            review.setLong(1, reviewId);
            review.setLong(2, id);
            review.setTimestamp(3, Timestamp.valueOf(end.minusDays(id == 1 ? 30 + 90L * r : random.nextInt(540))));
            review.setInt(4, 10_000 * (1 + random.nextInt(10)));
            review.setString(5, change == 0 ? "RAISED" : change == 1 ? "KEPT" : "LOWERED");
            review.setString(6, FACTORS[random.nextInt(FACTORS.length)] + "; " + FACTORS[random.nextInt(FACTORS.length)]);
            review.addBatch();
          }
          if (id % 500 == 0 || id == customers) {
            review.executeBatch();
          }
        }
      }
      c.commit();
    }
  }

  private void generateMarketing(DataSource ds) throws SQLException {
    Random random = new Random(seed + 1);
    LocalDateTime end = asOf.atTime(12, 0);
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("create table subscribers (id bigint primary key, email varchar(254) not null, first_name varchar(100),"
            + " postal_code varchar(10), interests varchar(200), consented boolean not null, subscribed_at timestamp not null)");
        st.execute("create index subscribers_email on subscribers (email)");
        st.execute("create table email_events (id bigint primary key, subscriber_id bigint not null references subscribers (id),"
            + " campaign varchar(60), event varchar(20), occurred_at timestamp not null)");
        st.execute("create index email_events_subscriber on email_events (subscriber_id)");
      }
      try (PreparedStatement sub = c.prepareStatement("insert into subscribers values (?,?,?,?,?,?,?)");
          PreparedStatement event = c.prepareStatement("insert into email_events values (?,?,?,?,?)")) {
        long subscriberId = 0;
        long eventId = 0;
        int readers = Math.max(1, customers / 10);
        for (long n = 1; n <= customers + readers; n++) {
          boolean customer = n <= customers;
          if (customer && n > 2 && n % 10 >= 7) {
            continue;
          }
          subscriberId++;
          String first = customer ? (n <= 2 ? "Alex" : FIRST[(int) (n % FIRST.length)]) : FIRST[random.nextInt(FIRST.length)];
          sub.setLong(1, subscriberId);
          sub.setString(2, customer ? customerEmail(n) : "reader" + n + "@example.org");
          sub.setString(3, first);
          sub.setString(4, n <= 2 ? "90401" : String.valueOf(90001 + random.nextInt(6000)));
          sub.setString(5, random.nextBoolean() ? "hiking, camping" : "running, yoga");
          sub.setBoolean(6, random.nextInt(5) != 0);
          sub.setTimestamp(7, Timestamp.valueOf(end.minusDays(random.nextInt(365 * 4))));
          sub.addBatch();
          int events = random.nextInt(11);
          for (int e = 0; e < events; e++) {
            eventId++;
            event.setLong(1, eventId);
            event.setLong(2, subscriberId);
            event.setString(3, "campaign-" + (1 + random.nextInt(40)));
            event.setString(4, random.nextInt(3) == 0 ? "CLICKED" : random.nextBoolean() ? "OPENED" : "SENT");
            event.setTimestamp(5, Timestamp.valueOf(end.minusMinutes(random.nextInt(60 * 24 * 365 * 3))));
            event.addBatch();
          }
          if (subscriberId % 500 == 0) {
            sub.executeBatch();
            event.executeBatch();
          }
        }
        sub.executeBatch();
        event.executeBatch();
      }
      c.commit();
    }
  }
}
