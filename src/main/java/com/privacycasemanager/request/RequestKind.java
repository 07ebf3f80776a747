package com.privacycasemanager.request;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One consumer right, as the generic surfaces see it: the request types it answers and what each
 * host learns from it instead of comparing types — what intake accepts and stores, how sure the
 * verification must be, what the status page, the staff case file, the regulator export, the
 * consumer's mail and the recipients' webhook add for it. Each right implements it once, as a
 * Spring bean in its own package ({@code access}, {@code erasure}, {@code correction}, {@code
 * preference}); the hosts take every kind from {@link RequestKinds} and import no right's package.
 *
 * <p>Every method but {@link #types()}, {@link #mailName}, {@link #verification} and {@link
 * #metricsGroup} has a default
 * that adds nothing, so a new right implements what it needs.
 */
public interface RequestKind {

  /** The request types of this right; every type belongs to exactly one kind. */
  Set<RequestType> types();

  /** How the consumer's mail names a request of {@code type} ("request to delete"). */
  String mailName(RequestType type);

  /**
   * The degree of certainty intake offers the request at: {@link VerificationLevel#NONE} for a
   * right the law forbids verifying (opt-outs and limits, §7026(d)).
   */
  VerificationLevel verification(RequestType type);

  /**
   * The §7102 metrics group requests of {@code type} count in, or empty for a right the rule
   * does not count.
   */
  Optional<RequestGroup> metricsGroup(RequestType type);

  /** Whether a request of {@code type} goes through identity verification at all. */
  default boolean verified(RequestType type) {
    return verification(type) != VerificationLevel.NONE;
  }

  /** What verifying this case must reach, when the data held may raise it; by default what intake offered. */
  default VerificationLevel requiredLevel(CaseRecord record) {
    return verification(record.type());
  }

  /**
   * Data points that must not count for this case's verification: a field the consumer asks to
   * correct cannot verify them (§7060(h)).
   */
  default Set<String> contestedFields(CaseRecord record) {
    return Set.of();
  }

  // ---------------------------------------------------------------------------------- intake

  /**
   * Checks what the request body carries for this right beyond the common fields, putting each
   * problem under its API field name. By default a body may carry none of the fields of other
   * rights ({@link #refuseFieldsOfOtherRights}).
   */
  default void validate(RequestType type, IntakeRequest body, Map<String, String> problems) {
    refuseFieldsOfOtherRights(body, problems);
  }

  /** Stores what the body carries for this right, in the intake's transaction, before the process starts. */
  default void beforeStart(CaseRecord record, IntakeRequest body) {}

  /**
   * Why a request of {@code type} cannot be started as a bare {@code /engine-rest} process start
   * (what it needs would arrive as engine variables), or null when it can.
   */
  default String engineRestRefusal(RequestType type) {
    return null;
  }

  // ------------------------------------------------------------------- what the consumer sees

  /** Whether the consumer can download an answer now: the status page and API then link to it. */
  default boolean answerReady(CaseRecord record) {
    return false;
  }

  /**
   * Where the consumer reads the answer once {@link #answerReady}: the page (the mail and the status
   * page link to it) and the API; each takes the status token as {@code ?token=}.
   */
  default AnswerLinks answerLinks(RequestId id) {
    return new AnswerLinks("/privacy/requests/" + id.value() + "/download", "/api/privacy/requests/" + id.value() + "/package");
  }

  /** The paths of a ready answer, for people and for programs. */
  record AnswerLinks(String page, String api) {}

  /**
   * The template whose fragment {@code section} shows this right's part of the consumer's status
   * page, from what {@link #statusPage} put in the model (for example {@code
   * privacy/status-deletion}), or null.
   */
  default String statusTemplate() {
    return null;
  }

  /** Model attributes this right adds to the consumer's status page ({@code privacy/status}). */
  default Map<String, Object> statusPage(CaseRecord record) {
    return Map.of();
  }

  /** Template variables this right adds to the consumer mail {@code template} of this case. */
  default Map<String, Object> mailDetails(CaseRecord record, String template) {
    return Map.of();
  }

  // ----------------------------------------------------------------------- what staff see

  /** As {@link #statusTemplate}, for the staff case file and the model {@link #caseFile} filled. */
  default String caseFileTemplate() {
    return null;
  }

  /**
   * Camunda groups besides privacy staff who may read this case's file: the people a right's task
   * goes to (the reviewers of an appealed ADMT use).
   */
  default Set<String> caseFileGroups(CaseRecord record) {
    return Set.of();
  }

  /** Model attributes this right adds to the staff case file ({@code staff/case}). */
  default Map<String, Object> caseFile(CaseRecord record) {
    return Map.of();
  }

  /**
   * A file the consumer gave with the request, which staff download from the case file ({@code
   * /staff/cases/{id}/{name}}), or empty.
   */
  default Optional<CaseDocument> document(CaseRecord record, String name) {
    return Optional.empty();
  }

  /** A file kept with a case. */
  record CaseDocument(String fileName, String contentType, byte[] content) {}

  /** Entries this right adds to the case's regulator export ({@code GET /api/audit/cases/{id}}). */
  default Map<String, Object> export(CaseRecord record) {
    return Map.of();
  }

  // ------------------------------------------------------------------------------ recipients

  /**
   * The request types under which the data map registers the recipients told about a request of
   * {@code type}: by default the type itself.
   */
  default Set<RequestType> recipientsRegisteredFor(RequestType type) {
    return Set.of(type);
  }

  /**
   * The ids of the recipients this case tells, when the case itself names them (a withdrawal from
   * a financial incentive program tells the recipients its programs name); empty, as by default:
   * those the registry selects for the request type ({@link #recipientsRegisteredFor}, {@link
   * #tellsThirdParties}).
   */
  default Optional<List<String>> recipientsOf(CaseRecord record) {
    return Optional.empty();
  }

  /** Whether third parties are told about a request of {@code type}, besides service providers and contractors. */
  default boolean tellsThirdParties(RequestType type) {
    return true;
  }

  /**
   * The {@code instructions} of the webhook a recipient gets for this case; {@code
   * recipientCategories} are the categories the recipient holds (empty: all).
   */
  default List<String> recipientInstructions(CaseRecord record, Set<CcpaCategory> recipientCategories) {
    return List.of();
  }

  /** Further entries of that webhook body (only the recipient receives them, signed). */
  default Map<String, Object> recipientDetails(CaseRecord record, Set<CcpaCategory> recipientCategories) {
    return Map.of();
  }

  /**
   * As {@link #recipientDetails(CaseRecord, Set)}, for the recipient {@code recipientId}: what a
   * case tells each recipient differently (a withdrawal names to each recipient only the programs
   * that name it) is said here.
   */
  default Map<String, Object> recipientDetails(CaseRecord record, String recipientId, Set<CcpaCategory> recipientCategories) {
    return recipientDetails(record, recipientCategories);
  }

  // ------------------------------------------------------------------ shared checks of the body

  /**
   * Refuses, each under its API field name, the body fields that belong to another right: {@code
   * corrections} (CORRECT), {@code includeBeyond12Months} (requests to know), {@code admtUses}
   * (ADMT_OPT_OUT), {@code appeal} (ADMT_APPEAL), {@code incentivePrograms} (INCENTIVE_WITHDRAWAL),
   * except the fields named in {@code own}. A field added for a new right is refused here, for
   * every other right at once.
   */
  static void refuseFieldsOfOtherRights(IntakeRequest body, Map<String, String> problems, String... own) {
    Set<String> mine = Set.of(own);
    refuse(mine, "corrections", body.corrections(), "only applies to CORRECT requests", problems);
    refuse(mine, "includeBeyond12Months", body.includeBeyond12Months(), "only applies to requests to know", problems);
    refuse(mine, "admtUses", body.admtUses(), "only applies to ADMT_OPT_OUT requests", problems);
    refuse(mine, "appeal", body.appeal(), "only applies to ADMT_APPEAL requests", problems);
    refuse(mine, "incentivePrograms", body.incentivePrograms(), "only applies to INCENTIVE_WITHDRAWAL requests", problems);
  }

  private static void refuse(Set<String> own, String field, Object value, String problem, Map<String, String> problems) {
    if (value != null && !own.contains(field)) {
      problems.put(field, problem);
    }
  }
}
