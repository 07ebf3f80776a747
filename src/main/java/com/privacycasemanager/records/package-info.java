/**
 * The privacy team's records: the case file staff open from a task (the record, its trail and
 * its recipients); the staff dashboard (open, due, overdue and extended cases, silent recipients)
 * and the §7101 records CSV; the §7101 retention of case records (at least 24 months, then a
 * nightly purge, with Camunda's history cleaned up on the same rule); the §7102 metrics per
 * calendar year, as an API (JSON, CSV) and a public page; the verification of the hash-chained
 * audit trail (written by {@code request.AuditChain}) and a case's file as JSON for a regulator's
 * inquiry.
 */
package com.privacycasemanager.records;
