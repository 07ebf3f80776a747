package com.privacycasemanager.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.privacycasemanager.datamap.Recipient;
import com.privacycasemanager.datamap.RecipientsRegistry;
import com.privacycasemanager.web.ProblemHandler;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/recipients/{recipientId}/acknowledgements}: a recipient confirms it applied a
 * request. The body {@code {"deliveryKey": "..."}} is signed like our webhooks, with the
 * recipient's own secret; timestamps older than five minutes are refused.
 */
@RestController
@Tag(name = "Recipients")
class AcknowledgementController {

  private static final Duration TOLERANCE = Duration.ofMinutes(5);
  private static final int MAX_BODY = 4096;

  private final RecipientsRegistry registry;
  private final RecipientDeliveries deliveries;
  private final ObjectMapper json;

  public AcknowledgementController(
      RecipientsRegistry registry, RecipientDeliveries deliveries, ObjectMapper json) {
    this.registry = registry;
    this.deliveries = deliveries;
    this.json = json;
  }

  @Operation(summary = "A recipient acknowledges a request it was notified of (signed)")
  // No "consumes" on the mapping: Spring would refuse other media types before this controller and
  // answer with Boot's plain error JSON instead of a problem document.
  @PostMapping(path = "/api/recipients/{recipientId}/acknowledgements")
  public ResponseEntity<?> acknowledge(
      @PathVariable String recipientId,
      @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
      @RequestHeader(name = WebhookSigner.TIMESTAMP_HEADER, required = false) String timestamp,
      @RequestHeader(name = WebhookSigner.SIGNATURE_HEADER, required = false) String signature,
      @RequestBody(required = false) byte[] body) {
    Recipient recipient = registry.find(recipientId).filter(Recipient::hasEndpoint).orElse(null);
    if (recipient == null) {
      return problem(HttpStatus.NOT_FOUND, "not-found", "No such recipient.", null);
    }
    if (!isJson(contentType)) {
      return problem(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "The body must be application/json.", null);
    }
    if (body == null || body.length == 0 || body.length > MAX_BODY) {
      return problem(HttpStatus.BAD_REQUEST, "invalid-request", "A JSON body of at most 4096 bytes is required.", null);
    }
    if (!WebhookSigner.verify(recipient.secret(), timestamp, body, signature) || !fresh(timestamp)) {
      return problem(HttpStatus.UNAUTHORIZED, "bad-signature", "Missing, stale or wrong signature.", null);
    }
    String deliveryKey;
    try {
      JsonNode node = json.readTree(body);
      deliveryKey = node == null || !node.path("deliveryKey").isTextual() ? null : node.get("deliveryKey").asText();
    } catch (IOException e) {
      deliveryKey = null;
    }
    if (deliveryKey == null) {
      return problem(
          HttpStatus.BAD_REQUEST, "invalid-request", "The body has invalid fields.", Map.of("deliveryKey", "is required"));
    }
    if (!deliveries.acknowledgeByRecipient(recipientId, deliveryKey)) {
      return problem(HttpStatus.NOT_FOUND, "not-found", "No delivery with that key for this recipient.", null);
    }
    return ResponseEntity.ok(Map.of("deliveryKey", deliveryKey, "status", DeliveryStatus.ACKNOWLEDGED.name()));
  }

  private static boolean isJson(String contentType) {
    try {
      return contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
    } catch (IllegalArgumentException e) { // an unparsable Content-Type
      return false;
    }
  }

  private boolean fresh(String timestamp) {
    long ts = Long.parseLong(timestamp);
    // transport freshness is wall-clock time, not the engine clock that tests move
    long now = java.time.Instant.now().getEpochSecond();
    // compared as a window rather than |now - ts|, which overflows for far-off timestamps and let them pass
    return ts >= now - TOLERANCE.toSeconds() && ts <= now + TOLERANCE.toSeconds();
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail, Map<String, String> fields) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemHandler.problem(status, type, detail, fields));
  }
}
