package com.privacycasemanager.request;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keyed hashes with the installation secret ({@code privacy.secret}): consumer status tokens, and
 * identifier keys so that preference tables never hold an email address or device id in clear.
 */
@Component
public class Secrets {

  private final byte[] key;
  /** Mac instances are not thread-safe and costly to look up; one per thread, re-keyed never. */
  private final ThreadLocal<Mac> macs;

  public Secrets(@Value("${privacy.secret}") String secret) {
    if (secret == null || secret.length() < 16) {
      throw new IllegalStateException("privacy.secret must be set and at least 16 characters long");
    }
    this.key = secret.getBytes(StandardCharsets.UTF_8);
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  public byte[] hmac(String purpose, String value) {
    Mac mac = macs.get();
    mac.update(purpose.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
  }

  public String hmacHex(String purpose, String value) {
    return HexFormat.of().formatHex(hmac(purpose, value));
  }

  /** The token that lets a consumer look up their own request; sent only by email. */
  public String statusToken(RequestId id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac("status-token", id.value()));
  }

  public boolean isStatusToken(RequestId id, String token) {
    if (token == null) {
      return false;
    }
    return MessageDigest.isEqual(
        statusToken(id).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII));
  }

  /** The token that lets an authorized agent upload the signed permission; returned only to the submitter. */
  public String agentUploadToken(RequestId id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac("agent-upload-token", id.value()));
  }

  public boolean isAgentUploadToken(RequestId id, String token) {
    return token != null
        && MessageDigest.isEqual(agentUploadToken(id).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII));
  }

  public static String sha256Hex(String value) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
