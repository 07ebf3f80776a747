package com.privacycasemanager.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over {@code timestamp + "." + body}, sent as {@code X-PCM-Signature: v1=<hex>} with
 * {@code X-PCM-Timestamp: <epoch seconds>}. Recipients verify it the same way, and so does this
 * application for their acknowledgements.
 */
public final class WebhookSigner {

  public static final String SIGNATURE_HEADER = "X-PCM-Signature";
  public static final String TIMESTAMP_HEADER = "X-PCM-Timestamp";

  private WebhookSigner() {}

  public static String sign(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean verify(String secret, String timestamp, byte[] body, String signature) {
    if (timestamp == null || signature == null) {
      return false;
    }
    long ts;
    try {
      ts = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(secret, ts, body).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
  }
}
