package com.privacycasemanager.request;

/**
 * The consumer a request is about, as they identified themselves. Personal data: it lives in the
 * case record only, never in process variables, history or logs (so no {@code toString} of values).
 */
public record Subject(String email, String name, String phone, String deviceId, String agentName, String accountId) {

  public static Subject ofDevice(String deviceId) {
    return new Subject(null, null, null, deviceId, null, null);
  }

  public boolean hasEmail() {
    return email != null && !email.isBlank();
  }

  public boolean hasAccount() {
    return accountId != null && !accountId.isBlank();
  }

  public boolean hasDevice() {
    return deviceId != null && !deviceId.isBlank();
  }

  @Override
  public String toString() {
    return "Subject[redacted]";
  }
}
