/**
 * The privacy team's records: the case file staff open from a task (the record, its trail and
 * its recipients); the staff dashboard (open, due, overdue and extended cases, silent recipients)
 * and the §7101 records CSV; the verification of the hash-chained audit trail (written by
 * {@code request.AuditChain}) and a case's file as JSON for a regulator's inquiry.
 */
package com.privacycasemanager.records;
