package com.privacycasemanager.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means the database cannot be reached (down, restarting, refusing connections,
 * the pool out of connections), however Spring, MyBatis or Camunda wrapped it: then the request
 * may succeed later and deserves a 503, not a 500.
 */
final class DatabaseOutage {

  private static final int MAX_DEPTH = 32;

  private DatabaseOutage() {}

  static boolean causedBy(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> open = new ArrayDeque<>();
    push(open, failure);
    while (!open.isEmpty() && seen.size() < MAX_DEPTH) {
      Throwable t = open.poll();
      if (!seen.add(t)) {
        continue;
      }
      if (isOutage(t)) {
        return true;
      }
      push(open, t.getCause());
      if (t instanceof SQLException sql) {
        push(open, sql.getNextException());
      }
      // a rollback that failed on the dead connection hides the failure that caused the rollback
      if (t instanceof TransactionSystemException tx) {
        push(open, tx.getApplicationException());
      }
    }
    return false;
  }

  private static void push(Deque<Throwable> open, Throwable t) {
    if (t != null) {
      open.add(t);
    }
  }

  private static boolean isOutage(Throwable t) {
    if (t instanceof DataAccessResourceFailureException
        || t instanceof TransientDataAccessResourceException
        || t instanceof SQLTransientConnectionException
        || t instanceof SQLNonTransientConnectionException) {
      return true;
    }
    return t instanceof SQLException sql && isOutageState(sql.getSQLState());
  }

  /**
   * SQLSTATE class 08 (connection exception) and PostgreSQL's shutdown, restart and connection-limit
   * codes; H2's broken connection and closed database.
   */
  private static boolean isOutageState(String state) {
    if (state == null) {
      return false;
    }
    return state.startsWith("08")
        || state.equals("57P01")
        || state.equals("57P02")
        || state.equals("57P03")
        || state.equals("53300")
        || state.equals("90067")
        || state.equals("90098")
        || state.equals("90121");
  }
}
