package com.privacycasemanager.request;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A request id, also the process business key: {@code CCPA-YYYYMMDD-XXXXXXXX} (8 upper-case hex). */
public record RequestId(String value) {

  private static final Pattern FORMAT = Pattern.compile("CCPA-\\d{8}-[0-9A-F]{8}");
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
  private static final SecureRandom RANDOM = new SecureRandom();

  public RequestId {
    if (!isValid(value)) {
      throw new IllegalArgumentException("not a request id");
    }
  }

  public static boolean isValid(String value) {
    return value != null && FORMAT.matcher(value).matches();
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
