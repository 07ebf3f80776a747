package com.privacycasemanager.request;

import java.time.Instant;

/** One row of the case record. */
public record CaseRecord(
    RequestId requestId,
    RequestType type,
    Channel channel,
    CaseStatus status,
    Instant receivedAt,
    Instant acknowledgedAt,
    Instant dueAt,
    Instant completedAt,
    Outcome outcome,
    String denialBasis,
    Subject subject) {}
