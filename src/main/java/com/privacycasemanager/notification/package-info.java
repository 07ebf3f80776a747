/**
 * Telling people: consumer email (templates, sent as async retried steps) and signed webhooks to
 * the data map's recipients (service providers, contractors, third parties), their delivery and
 * acknowledgement recorded on the case. What a right adds to a mail or a webhook comes from its
 * {@link com.privacycasemanager.request.RequestKind}.
 */
package com.privacycasemanager.notification;
