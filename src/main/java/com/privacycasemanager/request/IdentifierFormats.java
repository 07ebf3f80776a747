package com.privacycasemanager.request;

import java.util.regex.Pattern;

/**
 * The one rule for what consumers type, used by every entry point (the intake API, the pages,
 * engine-rest starts, the device cookie, the preference and suppression checks): the accepted
 * forms of consumer identifiers, and text free of control characters and broken encoding.
 *
 * <p>Each {@code …Problem} method takes the value as it arrived, before any trimming, and returns
 * why it is refused (in the API's words, for a {@code fields} map) or null when it is accepted.
 * Control characters, unpaired surrogates and U+FFFD (what invalid UTF-8 bytes decode to) are
 * refused anywhere in a value: PostgreSQL cannot store a NUL, and the rest would be kept as
 * garbage or break the mail and CSV the value ends up in.
 */
public final class IdentifierFormats {

  public static final String DEVICE_ID_RULE = "must be 8 to 64 letters, digits, '.', '_' or '-'";
  public static final String ACCOUNT_ID_RULE = "must be 1 to 64 letters, digits or . _ : @ -";
  public static final String FORBIDDEN_CHARACTERS = "contains a control character or invalid text";

  /** The longest name, data point, corrected value or signature. */
  public static final int MAX_TEXT_LENGTH = 200;

  public static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
  private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

  /**
   * A dot-atom local part of at most 64 characters (RFC 5322 atext, letters of any script) and a
   * domain of two or more labels: no quoted local parts, so no spaces, quotes or markup.
   */
  private static final String ATOM = "[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
  private static final String LABEL = "[\\p{L}\\p{M}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]{0,61}[\\p{L}\\p{M}\\p{N}])?";
  private static final Pattern EMAIL = Pattern.compile("(?=[^@]{1,64}@)" + ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL + ")+");
  private static final Pattern PHONE = Pattern.compile("[+0-9 ()./-]{5,40}");

  private IdentifierFormats() {}

  /**
   * Nothing given: null, or only spaces. A value of control characters is not nothing; it is
   * refused like any other.
   */
  public static boolean absent(String value) {
    return value == null || value.isBlank() && !hasForbiddenCharacters(value);
  }

  /** Whether the text holds a control character, an unpaired surrogate or U+FFFD. */
  public static boolean hasForbiddenCharacters(String value) {
    if (value == null) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || c == '\uFFFD') {
        return true;
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  public static String emailProblem(String value) {
    return problem(value, 254, EMAIL, "is not an email address");
  }

  public static String phoneProblem(String value) {
    return problem(value, 40, PHONE, "is not a phone number");
  }

  public static String deviceIdProblem(String value) {
    return problem(value, 64, DEVICE_ID, DEVICE_ID_RULE);
  }

  public static String accountIdProblem(String value) {
    return problem(value, 64, ACCOUNT_ID, ACCOUNT_ID_RULE);
  }

  /** Free text: a name, a data point, a corrected value, a signature. */
  public static String textProblem(String value, int maxLength) {
    return problem(value, maxLength, null, null);
  }

  private static String problem(String value, int maxLength, Pattern format, String formatRule) {
    if (value == null) {
      return "is required";
    }
    if (hasForbiddenCharacters(value)) {
      return FORBIDDEN_CHARACTERS;
    }
    String trimmed = value.trim();
    if (trimmed.isEmpty()) {
      return "is empty";
    }
    if (trimmed.length() > maxLength) {
      return "is longer than " + maxLength + " characters";
    }
    if (format != null && !format.matcher(trimmed).matches()) {
      return formatRule;
    }
    return null;
  }
}
