/**
 * Telling people: consumer email (templates, sent as async retried steps) and the recipients
 * registry with signed webhooks to service providers, contractors and third parties, their
 * delivery and acknowledgement recorded on the case.
 */
package com.privacycasemanager.notification;
