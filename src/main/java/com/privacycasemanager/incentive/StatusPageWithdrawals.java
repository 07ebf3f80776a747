package com.privacycasemanager.incentive;

import com.privacycasemanager.datamap.IncentiveProgram;
import com.privacycasemanager.intake.StatusPageOffer;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.RequestType;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * On the status page of any case that names the consumer by email address or account: a form per
 * financial incentive program to withdraw from it for the case's own identifiers ({@link
 * StatusPageWithdrawalController}). Every program the data map declares is offered, whether or not
 * the consumer is enrolled: a status link is also handed out without proof of the mailbox (the
 * answer pages of opt-outs and withdrawals show it), so a list of the consumer's enrolments there
 * would tell anyone who is a member. Only what this very case withdrew from is left out.
 */
@Component
class StatusPageWithdrawals implements StatusPageOffer {

  private final IncentiveWithdrawalKind kind;

  StatusPageWithdrawals(IncentiveWithdrawalKind kind) {
    this.kind = kind;
  }

  /** One program's form: its button and where it posts. */
  record Offer(String id, String name, String action) {}

  @Override
  public String template() {
    return "privacy/status-incentive-offer";
  }

  @Override
  public Map<String, Object> model(CaseRecord record, String token) {
    if (!record.subject().hasEmail() && !record.subject().hasAccount()) {
      return Map.of();
    }
    List<String> withdrawnHere = record.type() == RequestType.INCENTIVE_WITHDRAWAL ? kind.programIds(record) : List.of();
    List<Offer> offers = kind.programs().stream()
        .filter(p -> !withdrawnHere.contains(p.id()))
        .map(p -> new Offer(p.id(), p.name(), action(record, p)))
        .toList();
    return offers.isEmpty() ? Map.of() : Map.of("incentiveOffers", offers, "incentiveOfferToken", token);
  }

  static String action(CaseRecord record, IncentiveProgram program) {
    return "/privacy/requests/" + record.requestId().value() + "/incentives/" + program.id() + "/withdraw";
  }
}
