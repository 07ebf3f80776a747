package com.privacycasemanager.request;

import java.util.regex.Pattern;

/**
 * The accepted forms of consumer identifiers, one definition for every entry point (API, pages,
 * engine-rest starts, the device cookie, the preference check). The strings are constants so bean
 * validation annotations can use them too.
 */
public final class IdentifierFormats {

  public static final String EMAIL_REGEX = "^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$";
  public static final String DEVICE_ID_REGEX = "^[A-Za-z0-9._-]{8,64}$";
  public static final String ACCOUNT_ID_REGEX = "^[A-Za-z0-9._:@-]{1,64}$";

  public static final String DEVICE_ID_RULE = "must be 8 to 64 letters, digits, '.', '_' or '-'";
  public static final String ACCOUNT_ID_RULE = "must be 1 to 64 letters, digits or . _ : @ -";

  public static final Pattern EMAIL = Pattern.compile(EMAIL_REGEX);
  public static final Pattern DEVICE_ID = Pattern.compile(DEVICE_ID_REGEX);
  public static final Pattern ACCOUNT_ID = Pattern.compile(ACCOUNT_ID_REGEX);

  private IdentifierFormats() {}
}
