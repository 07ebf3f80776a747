package com.privacycasemanager.request;

import java.util.Set;

/**
 * Variable names that carry personal data. A process started with them (through
 * {@code /engine-rest}) has their values moved into the case record; the engine's history never
 * receives them.
 */
public final class PersonalVariables {
  public static final String EMAIL = "email";
  public static final String NAME = "name";
  public static final String PHONE = "phone";
  public static final String DEVICE_ID = "deviceId";
  public static final String AGENT_NAME = "agentName";
  public static final String ACCOUNT_ID = "accountId";

  public static final Set<String> NAMES = Set.of(EMAIL, NAME, PHONE, DEVICE_ID, AGENT_NAME, ACCOUNT_ID);

  /** The variables a case process does carry: ids, type and flags. */
  public static final String REQUEST_ID = "requestId";
  public static final String REQUEST_TYPE = "requestType";

  private PersonalVariables() {}
}
