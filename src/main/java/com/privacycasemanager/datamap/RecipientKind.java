package com.privacycasemanager.datamap;

/** The CCPA roles a recipient of personal information can have. */
public enum RecipientKind {
  SERVICE_PROVIDER,
  CONTRACTOR,
  THIRD_PARTY
}
