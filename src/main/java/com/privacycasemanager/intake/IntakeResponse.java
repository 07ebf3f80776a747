package com.privacycasemanager.intake;

import java.time.Instant;

/**
 * The answer to {@code POST /api/privacy/requests}.
 *
 * @param agentPermissionUploadUrl for an authorized agent's request only: where the agent uploads
 *     the consumer's signed permission (the token in it is for that upload only)
 */
public record IntakeResponse(String requestId, String status, Instant receivedAt, Instant dueAt, String agentPermissionUploadUrl) {}
