/**
 * The request to access ADMT (11 CCR §7222): per use of automated decisionmaking technology in the
 * data map, the consumer's own outputs of it ({@link AdmtOutputs}, found by the data map's consumer
 * graph walk) and the answer of §7222(b) built from the use and those outputs ({@link AdmtAnswers}):
 * the specific purpose, the logic and its parameters, the outputs (listed, or in aggregate once the
 * use ran more than four times in the 12 months before receipt, §7222(j)), how the output is used
 * and the human's part, with the output detail a reviewer withheld under §7222(c) and why.
 */
package com.privacycasemanager.admt;
