/**
 * The public intake: {@code POST /api/privacy/requests}, the consumer's status look-up, request
 * validation, body-size and per-client rate limits (the problem responses are {@code web}).
 */
package com.privacycasemanager.intake;
