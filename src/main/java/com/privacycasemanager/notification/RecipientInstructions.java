package com.privacycasemanager.notification;

import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.RequestType;
import java.util.List;
import java.util.Map;

/**
 * What a request type tells a recipient beyond the common webhook fields (for example the
 * corrected values). The details go only into the signed body sent to that recipient.
 */
public interface RecipientInstructions {

  boolean handles(RequestType type);

  /** The {@code instructions} of the webhook body. */
  List<String> instructions(CaseRecord record, Recipient recipient);

  /** Further entries of the webhook body. */
  Map<String, Object> details(CaseRecord record, Recipient recipient);
}
