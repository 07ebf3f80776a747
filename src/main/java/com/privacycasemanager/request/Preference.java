package com.privacycasemanager.request;

/** What a consumer may allow or refuse: sale, sharing (cross-context behavioural ads), sensitive use. */
public enum Preference {
  SALE,
  SHARING,
  SENSITIVE_USE
}
