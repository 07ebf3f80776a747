package com.privacycasemanager.preferencestore;

import com.privacycasemanager.datamap.AdmtUse;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.IncentiveProgram;
import com.privacycasemanager.engine.Groups;
import com.privacycasemanager.engine.StaffAuthenticator;
import com.privacycasemanager.request.IdentifierFormats;
import com.privacycasemanager.request.Preference;
import com.privacycasemanager.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/preferences/check?email=…|accountId=…|deviceId=…}: what the business's ad and
 * analytics systems ask before selling or sharing, and what its decision systems ask before an
 * automated decisionmaking technology of the data map processes a consumer (11 CCR §7221(m): an
 * opted-out consumer is never scored; §7221(n): one already scored is no longer). HTTP basic auth
 * of a Camunda user in {@code preference-api}, {@code privacy-officers} or {@code camunda-admin}.
 */
@RestController
@Tag(name = "Preferences")
public class PreferenceCheckController {

  private static final Set<String> ALLOWED_GROUPS = Set.of(Groups.PREFERENCE_API, Groups.OFFICERS, Groups.ADMIN);

  private final PreferenceStore preferences;
  private final StaffAuthenticator authenticator;
  private final ConnectedSystems systems;
  private final ZoneId zone;

  public PreferenceCheckController(
      PreferenceStore preferences,
      StaffAuthenticator authenticator,
      ConnectedSystems systems,
      @Value("${privacy.time-zone}") ZoneId zone) {
    this.preferences = preferences;
    this.authenticator = authenticator;
    this.systems = systems;
    this.zone = zone;
  }

  /**
   * The answer: each use is allowed unless the consumer refused it. {@code admtAllowed} has one
   * entry per ADMT use of the data map, by use id (a use relying on a §7221(b) exception offers
   * no opt-out and is always allowed); {@code admtDoNotAskBefore} the day, for each use refused,
   * from which the business may ask the consumer to consent to it again (12 months from the
   * opt-out, §7221(k)). {@code incentives}: for each financial incentive program of the data map
   * the consumer decided about, {@code enrolled}, {@code withdrawn} or {@code declined};
   * {@code incentivesDoNotAskBefore}: for a program withdrawn or declined, the first day the
   * business may invite the consumer again (12 months, §1798.125(b)(3)); {@code
   * incentiveSignalConflicts}: for a program whose opt-in is consent to sale or sharing, while the
   * enrolled consumer refuses that sale or sharing (an opt-out preference signal, §7025(c)(4)),
   * {@code ASK_CONSUMER} (the refusal is honoured; the business may ask whether they want to
   * withdraw) or {@code CONSUMER_STAYED} (they chose to stay: the business may disregard the
   * signal for that program).
   */
  public record CheckResponse(
      boolean saleAllowed,
      boolean sharingAllowed,
      boolean sensitiveUseAllowed,
      Map<String, Boolean> admtAllowed,
      Map<String, LocalDate> admtDoNotAskBefore,
      Map<String, String> incentives,
      Map<String, LocalDate> incentivesDoNotAskBefore,
      Map<String, String> incentiveSignalConflicts) {}

  /** Whether the program's opt-in consents to a sale or sharing the consumer now refuses. */
  static boolean conflicts(IncentiveProgram program, Map<Preference, Boolean> allowed) {
    return (program.restsOnConsentTo().contains(IncentiveProgram.ConsentTo.SALE) && !allowed.get(Preference.SALE))
        || (program.restsOnConsentTo().contains(IncentiveProgram.ConsentTo.SHARING) && !allowed.get(Preference.SHARING));
  }

  @Operation(summary = "May this consumer's personal information be sold, shared, used as sensitive data, or processed by each automated decisionmaking use?")
  @GetMapping(path = "/api/preferences/check", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> check(
      HttpServletRequest request,
      @RequestParam(required = false) String email,
      @RequestParam(required = false) String deviceId,
      @RequestParam(required = false) String accountId) {
    var refusal = authenticator.refusal(request, ALLOWED_GROUPS, "This user may not check preferences.");
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    List<Identifier> identifiers = new ArrayList<>();
    if (email != null) {
      String problem = IdentifierFormats.emailProblem(email);
      if (problem != null) {
        fields.put("email", problem);
      } else {
        identifiers.add(Identifier.email(email));
      }
    }
    if (deviceId != null) {
      String problem = IdentifierFormats.deviceIdProblem(deviceId);
      if (problem != null) {
        fields.put("deviceId", problem);
      } else {
        identifiers.add(Identifier.device(deviceId));
      }
    }
    if (accountId != null) {
      String problem = IdentifierFormats.accountIdProblem(accountId);
      if (problem != null) {
        fields.put("accountId", problem);
      } else {
        identifiers.add(Identifier.account(accountId));
      }
    }
    if (email == null && deviceId == null && accountId == null) {
      fields.put("email", "email, accountId or deviceId is required");
    }
    if (!fields.isEmpty()) {
      throw new InvalidRequestException(HttpStatus.BAD_REQUEST, "invalid-request", "The query has invalid parameters.", fields);
    }
    PreferenceStore.Answer answer = preferences.answer(identifiers);
    Map<Preference, Boolean> allowed = answer.allowed();
    Map<String, Boolean> admt = new LinkedHashMap<>();
    Map<String, LocalDate> askAgain = new LinkedHashMap<>();
    for (AdmtUse use : systems.map().admt()) {
      boolean useAllowed = !use.optOutOffered() || answer.admtAllowed(use.id());
      admt.put(use.id(), useAllowed);
      if (!useAllowed) {
        answer.admtRefusedSince(use.id())
            .ifPresent(since -> askAgain.put(use.id(), since.atZone(zone).toLocalDate().plusMonths(12)));
      }
    }
    Map<String, String> incentives = new LinkedHashMap<>();
    Map<String, LocalDate> inviteAgain = new LinkedHashMap<>();
    Map<String, String> conflicts = new LinkedHashMap<>();
    for (IncentiveProgram program : systems.map().incentives()) {
      answer.incentive(program.id()).ifPresent(state -> {
        incentives.put(program.id(), state.status().name().toLowerCase(java.util.Locale.ROOT));
        if (state.status() != PreferenceStore.IncentiveState.Status.ENROLLED) {
          inviteAgain.put(program.id(), state.since().atZone(zone).toLocalDate().plusMonths(12));
        } else if (conflicts(program, allowed)) {
          conflicts.put(program.id(), answer.keptDespiteSignal(program.id()) ? "CONSUMER_STAYED" : "ASK_CONSUMER");
        }
      });
    }
    return ResponseEntity.ok()
        .header("Cache-Control", "no-store")
        .body(
            new CheckResponse(
                allowed.get(Preference.SALE),
                allowed.get(Preference.SHARING),
                allowed.get(Preference.SENSITIVE_USE),
                admt,
                askAgain,
                incentives,
                inviteAgain,
                conflicts));
  }
}
