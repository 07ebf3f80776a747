/**
 * The rights about automated decisionmaking technology (11 CCR §§7200–7222), in force
 * 2027-01-01, for the uses the data map declares in its {@code admt} section: the request to opt
 * out of ADMT ({@link com.privacycasemanager.admt.AdmtOptOutKind}), applied at once to the
 * preference store so a decision system asks before it scores; its pages and its status section.
 */
package com.privacycasemanager.admt;
