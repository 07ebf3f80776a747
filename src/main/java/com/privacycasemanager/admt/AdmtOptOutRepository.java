package com.privacycasemanager.admt;

import com.privacycasemanager.request.RequestId;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Which ADMT uses an opt-out names ({@code admt_opt_out_use}): use ids of the data map, or none
 * for the all-uses option. Use ids only, never personal information.
 */
@Repository
class AdmtOptOutRepository {

  /** What the all-uses option is stored as. */
  static final String ALL_USES = "*";

  private final JdbcTemplate jdbc;

  AdmtOptOutRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the uses named, or (none named) the all-uses option. */
  void record(RequestId id, List<String> useIds) {
    List<String> stored = useIds.isEmpty() ? List.of(ALL_USES) : useIds.stream().distinct().toList();
    for (String use : stored) {
      jdbc.update("insert into admt_opt_out_use (request_id, use_id) values (?, ?)", id.value(), use);
    }
  }

  /**
   * The uses the opt-out names, in the order given; empty for the all-uses option (also for a case
   * started through {@code /engine-rest}, which names none).
   */
  List<String> usesOf(RequestId id) {
    List<String> uses = jdbc.queryForList(
        "select use_id from admt_opt_out_use where request_id = ? order by use_id", String.class, id.value());
    return uses.contains(ALL_USES) ? List.of() : uses;
  }
}
