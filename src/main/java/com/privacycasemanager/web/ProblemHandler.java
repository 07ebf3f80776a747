package com.privacycasemanager.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.privacycasemanager.request.IdempotencyConflictException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the public API as {@code application/problem+json} (RFC 9457), with a {@code
 * fields} map for invalid input. Never a stack trace; never a 500 for bad input.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
  static final String TYPE_BASE = "https://privacycasemanager.example/problems/";
  static final int UNAVAILABLE_RETRY_AFTER_SECONDS = 30;

  public static ProblemDetail problem(HttpStatusCode status, String type, String detail, Map<String, String> fields) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_BASE + type));
    if (fields != null && !fields.isEmpty()) {
      problem.setProperty("fields", fields);
    }
    return problem;
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
    return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem(e.status(), e.problemType(), e.getMessage(), e.fields()));
  }

  @ExceptionHandler(RequestNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(RequestNotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage(), null));
  }

  /**
   * A multipart body without a boundary, or cut off: the client's mistake, so a 400 and nothing
   * stored. Spring parses the body before it picks a controller, so pages get their page here too.
   * Too large a body keeps its 413 (handled by the base class, the closer match).
   */
  @ExceptionHandler(MultipartException.class)
  Object unreadableMultipart(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/api/")) {
      return ResponseEntity.badRequest()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem(HttpStatus.BAD_REQUEST, "unreadable-body", "The multipart body is malformed or incomplete.", null));
    }
    ModelAndView page = new ModelAndView("privacy/unreadable-form", HttpStatus.BAD_REQUEST);
    page.addObject("formUrl", path.startsWith("/privacy/") ? path : null);
    return page;
  }

  @ExceptionHandler(IdempotencyConflictException.class)
  ResponseEntity<ProblemDetail> conflict(IdempotencyConflictException e) {
    return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(
            problem(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "idempotency-key-reused",
                e.getMessage(),
                Map.of("Idempotency-Key", "was used for a different request")));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Map<String, String> fields =
        e.getBindingResult().getFieldErrors().stream()
            .collect(
                Collectors.toMap(
                    f -> f.getField(),
                    f -> f.getDefaultMessage() == null ? "is invalid" : f.getDefaultMessage(),
                    (a, b) -> a,
                    LinkedHashMap::new));
    return ResponseEntity.badRequest()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields.", fields));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Map<String, String> fields = new LinkedHashMap<>();
    String detail = "The body is not valid JSON for this request.";
    if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
      fields.put(unknown.getPropertyName(), "is not a known field");
    } else if (e.getCause() instanceof InvalidFormatException format) {
      fields.put(path(format), "has the wrong type");
    } else if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      fields.put(path(mapping), "has the wrong type");
    }
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem(HttpStatus.BAD_REQUEST, "invalid-request", detail, fields));
  }

  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail detail
        && (detail.getType() == null || "about:blank".equals(detail.getType().toString()))) {
      detail.setType(URI.create(TYPE_BASE + "http-" + status.value()));
    }
    HttpHeaders problemHeaders = new HttpHeaders();
    problemHeaders.addAll(headers);
    problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return super.createResponseEntity(body, problemHeaders, status, request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    if (DatabaseOutage.causedBy(e)) {
      return unavailable(e);
    }
    // The exception class only: messages may quote input, and input may be personal.
    log.error("Unexpected {} while serving a public request", e.getClass().getName());
    return ResponseEntity.internalServerError()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Something went wrong on our side.", null));
  }

  /** The database cannot be reached (see {@link DatabaseOutage}): the same request may succeed soon. */
  private ResponseEntity<ProblemDetail> unavailable(Exception e) {
    log.warn("Database unavailable ({}) while serving a public request", e.getClass().getName());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(UNAVAILABLE_RETRY_AFTER_SECONDS))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "The service is unavailable for a moment; please retry later.", null));
  }

  /** The field as validation names it: {@code agent.name}, {@code admtUses[0]}. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
      } else {
        path.append('[').append(r.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
