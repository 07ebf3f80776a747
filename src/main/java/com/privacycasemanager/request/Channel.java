package com.privacycasemanager.request;

/** How a request reached the business (kept for the §7101 records). */
public enum Channel {
  WEB_FORM,
  API,
  ENGINE_REST,
  GPC,
  AGENT
}
