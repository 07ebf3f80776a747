package com.privacycasemanager.request;

/** What is needed to open a case, whatever the channel. */
public record NewCase(RequestType type, Channel channel, Subject subject, String idempotencyKey, String createdBy) {}
