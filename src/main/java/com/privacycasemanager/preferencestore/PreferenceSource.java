package com.privacycasemanager.preferencestore;

/** Where a preference change came from. */
public enum PreferenceSource {
  FORM,
  GPC,
  AGENT,
  API
}
