package com.privacycasemanager.incentive;

import com.privacycasemanager.request.RequestId;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Which financial incentive programs a withdrawal names ({@code incentive_withdrawal}): program
 * ids of the data map, never personal information. A request that names none is stored with every
 * program the map had when it was received, so the case says exactly what it withdrew from.
 */
@Repository
class IncentiveWithdrawals {

  private final JdbcTemplate jdbc;

  IncentiveWithdrawals(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void record(RequestId id, List<String> programIds) {
    for (String program : programIds.stream().distinct().toList()) {
      jdbc.update("insert into incentive_withdrawal (request_id, program_id) values (?, ?)", id.value(), program);
    }
  }

  /** The programs the withdrawal names, by id; empty for a case started through {@code /engine-rest} before it is applied. */
  List<String> programsOf(RequestId id) {
    return jdbc.queryForList("select program_id from incentive_withdrawal where request_id = ? order by program_id", String.class,
        id.value());
  }
}
