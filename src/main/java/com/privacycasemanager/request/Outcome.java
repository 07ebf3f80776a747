package com.privacycasemanager.request;

/** The response type recorded for a closed case (§7101). */
public enum Outcome {
  FULFILLED,
  PARTIAL,
  DENIED
}
