package com.privacycasemanager.intake;

import com.privacycasemanager.request.IdentifierFormats;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** The body of {@code POST /api/privacy/requests}. */
public record IntakeRequest(
    @NotBlank(message = "is required") String type,
    @Email(message = "is not an email address") @Size(max = 254, message = "is longer than 254 characters") String email,
    @Size(max = 200, message = "is longer than 200 characters") String name,
    @Pattern(regexp = "^[+0-9 ()./-]{5,40}$", message = "is not a phone number") String phone,
    Map<String, String> dataPoints,
    Map<String, String> corrections,
    Boolean includeBeyond12Months,
    @Valid Declaration declaration,
    @Valid Agent agent,
    @Pattern(regexp = IdentifierFormats.DEVICE_ID_REGEX, message = IdentifierFormats.DEVICE_ID_RULE)
        String deviceId,
    @Pattern(regexp = IdentifierFormats.ACCOUNT_ID_REGEX, message = IdentifierFormats.ACCOUNT_ID_RULE)
        String accountId) {

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
  public record Declaration(@Size(max = 200) String signedName, Boolean accepted) {}

  /** An authorized agent acting for the consumer. */
  public record Agent(
      @NotBlank(message = "is required") @Size(max = 200, message = "is longer than 200 characters") String name,
      Boolean permission) {}

  @Override
  public String toString() {
    return "IntakeRequest[type=" + type + ", redacted]";
  }
}
