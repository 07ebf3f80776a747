package com.privacycasemanager.engine;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * Camunda's REST start endpoint wraps every engine exception in a 500. A start refused by
 * {@code RegisterCaseOnStart} (bad variables, a business key that is not a request id) is the
 * caller's mistake, so it answers 400 in Camunda's own error format; anything else keeps
 * Camunda's handling.
 */
@Priority(1)
public class BadStartExceptionMapper implements ExceptionMapper<RestException> {

  private final RestExceptionHandler camunda = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException e) {
    Throwable cause = e.getCause();
    while (cause != null && !(cause instanceof BadUserRequestException)) {
      cause = cause.getCause();
    }
    if (cause == null) {
      return camunda.toResponse(e);
    }
    return Response.status(Response.Status.BAD_REQUEST)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", "InvalidRequestException", "message", cause.getMessage()))
        .build();
  }
}
