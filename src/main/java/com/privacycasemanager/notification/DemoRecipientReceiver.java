package com.privacycasemanager.notification;

import com.privacycasemanager.datamap.Recipient;
import com.privacycasemanager.datamap.RecipientsRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * With the demo business only: stands in for the demo recipients' webhooks so a newcomer sees deliveries
 * succeed. It verifies the signature exactly as a real recipient should.
 */
@RestController
@ConditionalOnProperty(name = "privacy.demo-business.enabled", havingValue = "true")
class DemoRecipientReceiver {

  private final RecipientsRegistry registry;

  public DemoRecipientReceiver(RecipientsRegistry registry) {
    this.registry = registry;
  }

  @PostMapping("/demo/recipient-webhook/{recipientId}")
  public ResponseEntity<Void> receive(
      @PathVariable String recipientId,
      @RequestHeader(name = WebhookSigner.TIMESTAMP_HEADER, required = false) String timestamp,
      @RequestHeader(name = WebhookSigner.SIGNATURE_HEADER, required = false) String signature,
      @RequestBody byte[] body) {
    return registry
        .find(recipientId)
        .filter(Recipient::hasEndpoint)
        .filter(r -> WebhookSigner.verify(r.secret(), timestamp, body, signature))
        .map(r -> ResponseEntity.ok().<Void>build())
        .orElseGet(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).build());
  }
}
