package com.privacycasemanager.request;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What registering a case needs of the statutory clock: the business's time zone (request ids
 * carry the receipt day) and the due instant of a request received at a given time. The {@code
 * deadline} package answers it, so the request core depends on no other package.
 */
public interface DueDates {

  ZoneId zone();

  /** The end of the last day a request of this type received at {@code receivedAt} may be answered. */
  Instant dueAt(RequestType type, Instant receivedAt);
}
