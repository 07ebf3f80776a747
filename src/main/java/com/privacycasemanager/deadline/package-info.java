/**
 * Statutory clocks: the business-day calendar (weekends and California state holidays,
 * configurable) and the due dates that timer expressions use, e.g.
 * {@code ${deadlines.preferenceDue(execution)}}.
 */
package com.privacycasemanager.deadline;
