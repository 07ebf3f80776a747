package com.privacycasemanager.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request the intake refuses, with a message per field. */
public class InvalidRequestException extends RuntimeException {

  private final HttpStatus status;
  private final String problemType;
  private final Map<String, String> fields;

  public InvalidRequestException(HttpStatus status, String problemType, String detail, Map<String, String> fields) {
    super(detail);
    this.status = status;
    this.problemType = problemType;
    this.fields = Map.copyOf(fields);
  }

  public HttpStatus status() {
    return status;
  }

  public String problemType() {
    return problemType;
  }

  public Map<String, String> fields() {
    return fields;
  }
}
