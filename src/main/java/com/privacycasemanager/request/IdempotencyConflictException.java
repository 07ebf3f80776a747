package com.privacycasemanager.request;

/** The same {@code Idempotency-Key} was sent again with a different request. */
public class IdempotencyConflictException extends RuntimeException {
  public IdempotencyConflictException() {
    super("Idempotency-Key was already used for a different request");
  }
}
