package com.privacycasemanager.demo;

import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.IncentiveProgram;
import com.privacycasemanager.incentive.IncentiveConsents;
import com.privacycasemanager.incentive.IncentiveConsents.ConsentChannel;
import com.privacycasemanager.incentive.IncentiveConsents.Decision;
import com.privacycasemanager.incentive.IncentiveNotices;
import com.privacycasemanager.preferencestore.Identifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gives the demo shop's loyalty members their opt-ins (on the first start of a database without
 * consent records, {@code privacy.demo-cases.enabled}): for each member of a program of the map
 * that has not left it, an opt-in through the shop's website on the day the member joined, with
 * the program's current notice version, as the shop's sign-up would have recorded it. The check
 * then answers them as enrolled, and the withdrawal has someone to withdraw.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "privacy.demo-cases.enabled", havingValue = "true")
public class DemoRewards implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoRewards.class);

  private final ConnectedSystems systems;
  private final IncentiveNotices notices;
  private final IncentiveConsents consents;
  private final JdbcTemplate jdbc;

  DemoRewards(ConnectedSystems systems, IncentiveNotices notices, IncentiveConsents consents, JdbcTemplate jdbc) {
    this.systems = systems;
    this.notices = notices;
    this.consents = consents;
    this.jdbc = jdbc;
  }

  @Override
  public void run(ApplicationArguments args) {
    Integer existing = jdbc.queryForObject("select count(*) from incentive_consent", Integer.class);
    if (existing != null && existing > 0) {
      return;
    }
    int seeded = 0;
    for (IncentiveProgram program : systems.map().incentives()) {
      if (!program.offerable() || !"loyalty_members".equals(program.enrolment().table())) {
        continue; // only the demo shop's own program has members to seed
      }
      String version = notices.publish(program);
      JdbcTemplate shop = new JdbcTemplate(systems.dataSource(program.enrolment().system()));
      record Member(String email, Instant joined) {}
      List<Member> members = new ArrayList<>();
      shop.query("select c.email, m.enrolled_at from loyalty_members m join customers c on c.id = m.customer_id"
              + " where m.withdrawn_at is null and c.email is not null order by m.id",
          rs -> {
            members.add(new Member(rs.getString(1), rs.getTimestamp(2).toInstant()));
          });
      for (Member member : members) {
        consents.record(program, Decision.OPT_IN, List.of(Identifier.email(member.email())), version, ConsentChannel.WEB,
            member.joined(), null);
        seeded++;
      }
    }
    if (seeded > 0) {
      log.info("Demo rewards: recorded the opt-ins of {} loyalty members", seeded);
    }
  }
}
