package com.privacycasemanager.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which failures are a database outage (503 with {@code Retry-After}) and which stay a 500, in the
 * wrappings Spring, MyBatis and Camunda put around them. {@code postgres.PostgresOutageTest} takes
 * a real database away.
 */
class DatabaseOutageTest {

  private static final SQLTransientConnectionException POOL_TIMEOUT =
      new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 5000ms");

  @Test
  void springsConnectionFailuresAreOutages() {
    assertThat(DatabaseOutage.causedBy(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", POOL_TIMEOUT))).isTrue();
    assertThat(DatabaseOutage.causedBy(new CannotCreateTransactionException("Could not open JDBC Connection", POOL_TIMEOUT))).isTrue();
  }

  @Test
  void camundasWrappingOfAPoolTimeoutIsAnOutage() {
    var wrapped = new ProcessEngineException("ENGINE-03083 Exception while executing Batch Database Operations",
        new PersistenceException("### Error querying database", POOL_TIMEOUT));
    assertThat(DatabaseOutage.causedBy(wrapped)).isTrue();
  }

  @Test
  void aConnectionCutDuringAQueryIsAnOutage() {
    var broken = new SQLException("An I/O error occurred while sending to the backend.", "08006");
    assertThat(DatabaseOutage.causedBy(new ProcessEngineException("ENGINE-03004", new PersistenceException(broken)))).isTrue();
    var terminated = new SQLException("terminating connection due to administrator command", "57P01");
    assertThat(DatabaseOutage.causedBy(new ProcessEngineException("ENGINE-03004", terminated))).isTrue();
  }

  @Test
  void aRollbackThatFailedOnTheDeadConnectionIsAnOutage() {
    var rollback = new TransactionSystemException("Could not roll back JDBC transaction");
    rollback.initApplicationException(new IllegalStateException("the failure before the rollback", POOL_TIMEOUT));
    assertThat(DatabaseOutage.causedBy(rollback)).isTrue();
  }

  @Test
  void otherFailuresAreNot() {
    assertThat(DatabaseOutage.causedBy(new IllegalStateException("bug"))).isFalse();
    assertThat(DatabaseOutage.causedBy(new DataIntegrityViolationException("duplicate key", new SQLException("duplicate key", "23505")))).isFalse();
    assertThat(DatabaseOutage.causedBy(new ProcessEngineException("ENGINE-09005 Could not parse BPMN process"))).isFalse();
  }

  @Test
  void aCauseCycleEnds() {
    var first = new RuntimeException("first");
    var second = new RuntimeException("second", first);
    first.initCause(second);
    assertThat(DatabaseOutage.causedBy(first)).isFalse();
  }

  @Test
  void theProblemHandlerAnswers503WithRetryAfterForCamundasWrapping() {
    var response = new ProblemHandler().unexpected(
        new ProcessEngineException("### SQL: select * from ACT_RU_EXECUTION", new PersistenceException(POOL_TIMEOUT)));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo(String.valueOf(ProblemHandler.UNAVAILABLE_RETRY_AFTER_SECONDS));
    assertThat(response.getBody().getType().toString()).endsWith("/unavailable");
    assertThat(response.getBody().getDetail()).doesNotContain("SQL", "ACT_RU", "Hikari");
  }

  @Test
  void anyOtherFailureStaysA500() {
    var response = new ProblemHandler().unexpected(new ProcessEngineException("ENGINE-09005 Could not parse BPMN process"));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(response.getHeaders().getFirst("Retry-After")).isNull();
  }
}
