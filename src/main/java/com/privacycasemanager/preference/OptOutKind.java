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
 * The right to opt out of sale and sharing (§1798.120, 11 CCR §7026), by form, API or Global
 * Privacy Control: never verified (§7026(d)); each recipient is told to stop what the request
 * withdraws.
 */
@Component
class OptOutKind implements RequestKind {

  @Override
  public Set<RequestType> types() {
    return EnumSet.of(RequestType.OPT_OUT_SALE, RequestType.OPT_OUT_SHARING, RequestType.OPT_OUT_ALL);
  }

  @Override
  public String mailName(RequestType type) {
    return switch (type) {
      case OPT_OUT_SALE -> "opt-out of the sale of your personal information";
      case OPT_OUT_SHARING -> "opt-out of the sharing of your personal information";
      default -> "opt-out of the sale and sharing of your personal information";
    };
  }

  @Override
  public Optional<RequestGroup> metricsGroup(RequestType type) {
    return Optional.of(RequestGroup.OPT_OUT);
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
