package com.privacycasemanager.request;

import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/privacy/requests}. Identifiers and texts are checked by {@link
 * IntakeService#validate}, for the pages as for the API, by the rule of {@link
 * com.privacycasemanager.request.IdentifierFormats}. {@code admtUses} names, for an
 * {@code ADMT_OPT_OUT}, the uses of the data map's {@code admt} section opted out of; absent or
 * empty, all of them (the single all-uses option of 11 CCR §7221(i)). {@code appeal} is what an
 * {@code ADMT_APPEAL} asks. {@code incentivePrograms} names, for an {@code INCENTIVE_WITHDRAWAL},
 * the programs of the data map's {@code incentives} section withdrawn from; absent or empty, all of
 * them.
 */
public record IntakeRequest(
    @NotBlank(message = "is required") String type,
    String email,
    String name,
    String phone,
    Map<String, String> dataPoints,
    Map<String, String> corrections,
    Boolean includeBeyond12Months,
    Declaration declaration,
    Agent agent,
    String deviceId,
    String accountId,
    List<String> admtUses,
    Appeal appeal,
    List<String> incentivePrograms) {

  /** Without the ADMT uses an opt-out of ADMT names (every other request). */
  public IntakeRequest(
      String type,
      String email,
      String name,
      String phone,
      Map<String, String> dataPoints,
      Map<String, String> corrections,
      Boolean includeBeyond12Months,
      Declaration declaration,
      Agent agent,
      String deviceId,
      String accountId) {
    this(type, email, name, phone, dataPoints, corrections, includeBeyond12Months, declaration, agent, deviceId, accountId, null, null,
        null);
  }

  /** With the ADMT uses an opt-out of ADMT names, without an appeal. */
  public IntakeRequest(
      String type,
      String email,
      String name,
      String phone,
      Map<String, String> dataPoints,
      Map<String, String> corrections,
      Boolean includeBeyond12Months,
      Declaration declaration,
      Agent agent,
      String deviceId,
      String accountId,
      List<String> admtUses) {
    this(type, email, name, phone, dataPoints, corrections, includeBeyond12Months, declaration, agent, deviceId, accountId, admtUses, null);
  }

  /** Without the programs a withdrawal from financial incentive programs names (every other request). */
  public IntakeRequest(
      String type,
      String email,
      String name,
      String phone,
      Map<String, String> dataPoints,
      Map<String, String> corrections,
      Boolean includeBeyond12Months,
      Declaration declaration,
      Agent agent,
      String deviceId,
      String accountId,
      List<String> admtUses,
      Appeal appeal) {
    this(type, email, name, phone, dataPoints, corrections, includeBeyond12Months, declaration, agent, deviceId, accountId, admtUses,
        appeal, null);
  }

  /** Without an account id (the pages, and most callers). */
  public IntakeRequest(
      String type,
      String email,
      String name,
      String phone,
      Map<String, String> dataPoints,
      Map<String, String> corrections,
      Boolean includeBeyond12Months,
      Declaration declaration,
      Agent agent,
      String deviceId) {
    this(type, email, name, phone, dataPoints, corrections, includeBeyond12Months, declaration, agent, deviceId, null);
  }

  /** A signed declaration under penalty of perjury (know-specific requests). */
  public record Declaration(String signedName, Boolean accepted) {}

  /**
   * What an {@code ADMT_APPEAL} asks (§7221(b)(1)): the data map's use whose decision is appealed,
   * which decision (its number in the use's outputs, or empty for the latest), and why.
   */
  public record Appeal(String use, String decision, String statement) {}

  /** An authorized agent acting for the consumer. */
  public record Agent(String name, Boolean permission) {}

  @Override
  public String toString() {
    return "IntakeRequest[type=" + type + ", redacted]";
  }
}
