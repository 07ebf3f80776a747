/**
 * Identity verification for know, delete and correct (11 CCR §§7060–7063), run by the shared
 * {@code verify-identity} process: an emailed confirmation link (single use, 24 hours, resent on
 * request), data points matched against the data map's verification columns, a signed declaration
 * for the reasonably high degree, and an authorized agent's signed permission reviewed in Tasklist.
 */
package com.privacycasemanager.verification;
