package com.privacycasemanager.preferencestore;

import java.util.Locale;

/** A consumer identifier, normalised. Personal data: never logged. */
public record Identifier(IdentifierType type, String value) {

  public Identifier {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("identifier value is empty");
    }
    value = type == IdentifierType.EMAIL ? value.trim().toLowerCase(Locale.ROOT) : value.trim();
  }

  public static Identifier email(String email) {
    return new Identifier(IdentifierType.EMAIL, email);
  }

  public static Identifier account(String accountId) {
    return new Identifier(IdentifierType.ACCOUNT, accountId);
  }

  public static Identifier device(String deviceId) {
    return new Identifier(IdentifierType.DEVICE, deviceId);
  }

  @Override
  public String toString() {
    return "Identifier[" + type + ", redacted]";
  }
}
