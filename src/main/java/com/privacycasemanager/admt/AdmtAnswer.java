package com.privacycasemanager.admt;

import java.time.Instant;
import java.util.List;

/**
 * The released answer to a request to access ADMT (11 CCR §7222), as kept (encrypted) and shown:
 * per use of the data map that processed the consumer its explanation, the uses that never did,
 * and the non-retaliation statement with the direct link to the policy's rights section
 * ((b)(4): the link lands on the rights, not on the top of the policy).
 *
 * @param receivedAt when the request was received (the 12 months of the aggregate rule end then)
 * @param uses the explanation per use that processed the consumer
 * @param notUsed the names of the data map's uses that never processed the consumer
 * @param nonRetaliation the statement of §7222(b)(4)
 * @param rightsUrl the rights section of the privacy policy
 */
public record AdmtAnswer(
    String requestId, Instant receivedAt, List<AdmtExplanation> uses, List<String> notUsed, String nonRetaliation,
    String rightsUrl) {

  public AdmtAnswer {
    uses = List.copyOf(uses);
    notUsed = List.copyOf(notUsed);
  }
}
