/**
 * The privacy officer's compliance tools: a self-check of the running configuration against the
 * CCPA (a score and the concrete gaps), whether the CCPA applies to the business, and estimates of
 * penalty and breach exposure from the CPI-adjusted amounts held in configuration by effective year
 * ({@code shared/ccpa-rules.md} §8, §9, §11). Read-only: nothing here changes a case or the
 * configuration.
 */
package com.privacycasemanager.compliance;
