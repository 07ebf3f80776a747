package com.privacycasemanager.request;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** A request id, also the process business key: {@code CCPA-YYYYMMDD-XXXXXXXX} (8 upper-case hex). */
public record RequestId(String value) {

  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
  private static final SecureRandom RANDOM = new SecureRandom();

  public RequestId {
    if (!isValid(value)) {
      throw new IllegalArgumentException("not a request id");
    }
  }

  /** {@code CCPA-\d{8}-[0-9A-F]{8}}, checked by hand: every case lookup and start checks one. */
  public static boolean isValid(String value) {
    if (value == null || value.length() != 22 || !value.startsWith("CCPA-") || value.charAt(13) != '-') {
      return false;
    }
    for (int i = 5; i < 13; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    for (int i = 14; i < 22; i++) {
      char c = value.charAt(i);
      if ((c < '0' || c > '9') && (c < 'A' || c > 'F')) {
        return false;
      }
    }
    return true;
  }

  public static RequestId generate(LocalDate receivedOn) {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return new RequestId("CCPA-" + receivedOn.format(DAY) + "-" + HexFormat.of().withUpperCase().formatHex(bytes));
  }

  @Override
  public String toString() {
    return value;
  }
}
