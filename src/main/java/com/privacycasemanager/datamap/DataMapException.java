package com.privacycasemanager.datamap;

/** The data map is wrong; the message names the entry. Thrown at startup. */
public class DataMapException extends RuntimeException {
  public DataMapException(String message) {
    super(message);
  }
}
