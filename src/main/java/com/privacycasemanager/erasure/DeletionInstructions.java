package com.privacycasemanager.erasure;

import com.privacycasemanager.notification.Recipient;
import com.privacycasemanager.notification.RecipientInstructions;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.RequestType;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A deletion's webhook tells service providers, contractors and third parties alike to delete the
 * consumer's personal information (§7022(b)(2)–(3)); the consumer's identifiers are in the body.
 */
@Component
public class DeletionInstructions implements RecipientInstructions {

  @Override
  public boolean handles(RequestType type) {
    return type == RequestType.DELETE;
  }

  @Override
  public List<String> instructions(CaseRecord record, Recipient recipient) {
    return List.of("DELETE");
  }

  @Override
  public Map<String, Object> details(CaseRecord record, Recipient recipient) {
    return Map.of();
  }
}
