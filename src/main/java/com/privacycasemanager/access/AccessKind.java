package com.privacycasemanager.access;

import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.RequestGroup;
import com.privacycasemanager.request.RequestKind;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.VerificationLevel;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The right to know and portability (§1798.110, §1798.130(a)(3)(B)(iii)): categories need a
 * reasonable degree of certainty, specific pieces and a copy a reasonably high one (§7062); a
 * request may reach back beyond 12 months; the answer is a download.
 */
@Component
class AccessKind implements RequestKind {

  private final CaseRepository cases;
  private final AccessPackages packages;

  public AccessKind(CaseRepository cases, AccessPackages packages) {
    this.cases = cases;
    this.packages = packages;
  }

  @Override
  public Set<RequestType> types() {
    return EnumSet.of(RequestType.KNOW_CATEGORIES, RequestType.KNOW_SPECIFIC, RequestType.PORTABILITY);
  }

  @Override
  public String mailName(RequestType type) {
    return type == RequestType.PORTABILITY ? "request for a copy of your personal information" : "request to know";
  }

  @Override
  public Optional<RequestGroup> metricsGroup(RequestType type) {
    return Optional.of(RequestGroup.KNOW);
  }

  @Override
  public VerificationLevel verification(RequestType type) {
    return type == RequestType.KNOW_CATEGORIES ? VerificationLevel.REASONABLE : VerificationLevel.HIGH;
  }

  @Override
  public void validate(RequestType type, IntakeRequest body, Map<String, String> problems) {
    RequestKind.refuseFieldsOfOtherRights(body, problems, "includeBeyond12Months");
  }

  @Override
  public void beforeStart(CaseRecord record, IntakeRequest body) {
    cases.setIncludeBeyond12Months(record.requestId(), Boolean.TRUE.equals(body.includeBeyond12Months()));
  }

  @Override
  public boolean answerReady(CaseRecord record) {
    return packages.find(record.requestId()).isPresent();
  }
}
