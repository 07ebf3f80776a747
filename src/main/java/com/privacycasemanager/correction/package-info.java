/**
 * The right to correct (Civ. Code §1798.106; 11 CCR §7023), process {@code right-to-correct}: the
 * fields and new values a consumer asks for (kept in {@code correction_field}, never in process
 * variables), the reviewer's decision per field, writing approved values to every column of the
 * data map that carries the field (or erasing them instead, §7023(e)), the instruction to service
 * providers and contractors, and what the consumer is told.
 */
package com.privacycasemanager.correction;
