package com.privacycasemanager.notification;

import java.time.Instant;

/** One recipient's notice about one case, as recorded. */
public record Delivery(
    String requestId,
    String recipientId,
    String deliveryKey,
    DeliveryStatus status,
    int attempts,
    Integer lastResponseCode,
    String lastError,
    Instant deliveredAt,
    Instant acknowledgedAt,
    String acknowledgedBy,
    String note) {}
