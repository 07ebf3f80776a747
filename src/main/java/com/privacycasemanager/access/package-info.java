/**
 * Requests to know and portability: collecting every row reachable from a consumer in every
 * system of the data map within the look-back period, withholding values the law forbids
 * disclosing, the reviewer's summary, and the encrypted access package the consumer downloads.
 */
package com.privacycasemanager.access;
