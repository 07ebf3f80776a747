package com.privacycasemanager.request;

/**
 * A case as registration left it. {@code replayed} is true when an {@code Idempotency-Key} named a
 * case that already existed, which is then returned unchanged.
 */
public record RegisteredCase(CaseRecord record, boolean replayed) {}
