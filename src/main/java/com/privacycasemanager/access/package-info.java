/**
 * Requests to know and portability ({@link com.privacycasemanager.access.AccessKind}): the
 * request page, what the data map's collector finds within the look-back period, withholding
 * values the law forbids disclosing, the reviewer's summary, and the encrypted access package
 * the consumer downloads.
 */
package com.privacycasemanager.access;
