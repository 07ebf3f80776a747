/**
 * Financial incentive programs and the right to non-discrimination (Civ. Code §1798.125; 11 CCR
 * §§7016, 7080, 7081), for the programs the data map declares in its {@code incentives} section:
 * the Notice of Financial Incentive generated from the map ({@link
 * com.privacycasemanager.incentive.IncentiveNotices}, page and JSON, every version kept), the
 * consent records of opt-ins, refusals and withdrawals ({@link
 * com.privacycasemanager.incentive.IncentiveConsents}), recorded by the business's sign-up
 * through the API or by the consumer on a page, and kept as the §7101 records are; and the
 * withdrawal as a request of its own ({@link com.privacycasemanager.incentive.IncentiveWithdrawalKind},
 * model {@code incentive-withdrawal}): applied on receipt, dated in the program's enrolment table,
 * told to the recipients the program names within 15 business days, from its page, the intake API
 * or the status page of any of the consumer's cases.
 */
package com.privacycasemanager.incentive;
