/**
 * The public intake: {@code POST /api/privacy/requests}, the consumer's status look-up, request
 * validation, RFC 9457 problem responses, body-size and per-client rate limits.
 */
package com.privacycasemanager.intake;
