package com.privacycasemanager.preference;

/** Kinds of identifier a preference can be attached to. */
public enum IdentifierType {
  EMAIL,
  DEVICE,
  ACCOUNT
}
