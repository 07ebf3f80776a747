package com.privacycasemanager.preference;

import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CcpaCategory;
import com.privacycasemanager.request.RequestGroup;
import com.privacycasemanager.request.RequestKind;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.VerificationLevel;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The right to limit the use of sensitive personal information (§1798.121, 11 CCR §7027): never
 * verified; each recipient is told to limit its use.
 */
@Component
class LimitSensitiveKind implements RequestKind {

  @Override
  public Set<RequestType> types() {
    return EnumSet.of(RequestType.LIMIT_SENSITIVE);
  }

  @Override
  public String mailName(RequestType type) {
    return "request to limit the use of your sensitive personal information";
  }

  @Override
  public Optional<RequestGroup> metricsGroup(RequestType type) {
    return Optional.of(RequestGroup.LIMIT);
  }

  @Override
  public VerificationLevel verification(RequestType type) {
    return VerificationLevel.NONE;
  }

  @Override
  public List<String> recipientInstructions(CaseRecord record, Set<CcpaCategory> recipientCategories) {
    return PreferenceInstructions.of(record.type().preferencesWithdrawn());
  }
}
