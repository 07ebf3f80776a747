package com.privacycasemanager.web;

/** No request with that id and token. */
public class RequestNotFoundException extends RuntimeException {
  public RequestNotFoundException() {
    super("No request with that id and token.");
  }
}
