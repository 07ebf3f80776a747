package com.privacycasemanager.intake;

import java.time.Instant;

/** {@code 202 {requestId, status, receivedAt, dueAt}}. */
public record IntakeResponse(String requestId, String status, Instant receivedAt, Instant dueAt) {}
