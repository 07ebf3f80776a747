/**
 * The books the regulations ask for: the case file staff open from a task; the §7101 retention of
 * case records (at least 24 months, then a nightly purge, with Camunda's history cleaned up on the
 * same rule); and the §7102 metrics per calendar year, as an API (JSON, CSV) and a public page.
 */
package com.privacycasemanager.records;
