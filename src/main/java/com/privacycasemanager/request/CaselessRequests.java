package com.privacycasemanager.request;

import java.time.Duration;
import java.time.Instant;

/**
 * Consumer requests that are not each a case, for the §7102 metrics: a browser's opt-out
 * preference signal is a request to opt out, answered by the batch that tells the recipients. A
 * right with such requests implements it as a bean; the metrics add what it reports to the cases.
 */
public interface CaselessRequests {

  /** Reports, group by group, the requests received in {@code [from, to)}. */
  void received(Instant from, Instant to, Sink sink);

  /** Where the requests are counted. */
  @FunctionalInterface
  interface Sink {
    /**
     * {@code count} requests of {@code group} with this outcome (null: not answered yet) and time
     * from receipt to the answer (null when not answered).
     */
    void add(RequestGroup group, Outcome outcome, Duration toResponse, long count);
  }
}
