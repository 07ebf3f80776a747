/**
 * The rights about automated decisionmaking technology (11 CCR §§7200–7222), in force
 * 2027-01-01, for the uses the data map declares in its {@code admt} section: the request to opt
 * out of ADMT ({@link com.privacycasemanager.admt.AdmtOptOutKind}), applied at once to the
 * preference store so a decision system asks before it scores, with its pages and status section;
 * and the answer to a request to access ADMT ({@link com.privacycasemanager.admt.AdmtAnswers}): per
 * use the purpose, the logic and its parameters, the consumer's outputs (in aggregate above four in
 * 12 months, §7222(j)) and how they were used, with what a reviewer withholds and why (§7222(c));
 * and the appeal of a decision of a use relying on the human-appeal exception ({@link
 * com.privacycasemanager.admt.AdmtAppealKind}, §7221(b)(1)), reviewed by the use's own group and
 * written back where the data map says.
 */
package com.privacycasemanager.admt;
