/**
 * The consumers' preferences as the business's systems read them: sale, sharing and the use of
 * sensitive information, allowed or refused per identifier (email, account, device), with the log
 * the §7101 records need ({@link com.privacycasemanager.preferencestore.PreferenceStore}), and
 * the check API ad systems call before they sell, share or use ({@code GET
 * /api/preferences/check}). The opt-out and limit rights write it; a deletion reads it.
 */
package com.privacycasemanager.preferencestore;
