package com.privacycasemanager.preferencestore;

/** Kinds of identifier a preference can be attached to. */
public enum IdentifierType {
  EMAIL,
  DEVICE,
  ACCOUNT
}
