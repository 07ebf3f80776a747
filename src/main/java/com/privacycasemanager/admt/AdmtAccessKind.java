package com.privacycasemanager.admt;

import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.RequestGroup;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestKind;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.VerificationLevel;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The request to access ADMT (11 CCR §7222): verified as a request for specific pieces is (the
 * answer discloses the outputs the technology produced about the consumer: a reasonably high
 * degree, §7062), on the 45/90-day clock of §7021(b); reviewed; answered per use of the data map
 * on a page of its own, {@code /privacy/requests/{id}/admt-answer}.
 */
@Component
class AdmtAccessKind implements RequestKind {

  private final ConnectedSystems systems;
  private final AdmtAnswerRepository answers;

  AdmtAccessKind(ConnectedSystems systems, AdmtAnswerRepository answers) {
    this.systems = systems;
    this.answers = answers;
  }

  @Override
  public Set<RequestType> types() {
    return EnumSet.of(RequestType.ADMT_ACCESS);
  }

  @Override
  public String mailName(RequestType type) {
    return "request to access information about our automated decisionmaking";
  }

  @Override
  public VerificationLevel verification(RequestType type) {
    return VerificationLevel.HIGH;
  }

  @Override
  public Optional<RequestGroup> metricsGroup(RequestType type) {
    return Optional.of(RequestGroup.ADMT_ACCESS);
  }

  @Override
  public void validate(RequestType type, IntakeRequest body, Map<String, String> problems) {
    RequestKind.refuseFieldsOfOtherRights(body, problems);
    if (systems.map().admt().isEmpty()) {
      problems.put("type", "we use no automated decisionmaking technology to make significant decisions about consumers");
    }
  }

  @Override
  public boolean answerReady(CaseRecord record) {
    return answers.exists(record.requestId());
  }

  @Override
  public AnswerLinks answerLinks(RequestId id) {
    return new AnswerLinks("/privacy/requests/" + id.value() + "/admt-answer", "/api/privacy/requests/" + id.value() + "/admt-answer");
  }

  @Override
  public String caseFileTemplate() {
    return "staff/case-admt-access";
  }

  @Override
  public Map<String, Object> caseFile(CaseRecord record) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("admtAnswerReleased", answers.exists(record.requestId()));
    model.put("admtWithheld", answers.withheld(record.requestId()).orElse(null));
    return model;
  }

  @Override
  public Map<String, Object> export(CaseRecord record) {
    Map<String, Object> admt = new LinkedHashMap<>();
    admt.put("answerReleased", answers.exists(record.requestId()));
    admt.put("withheld", answers.withheld(record.requestId()).orElse(null));
    return Map.of("admtAccess", admt);
  }
}
