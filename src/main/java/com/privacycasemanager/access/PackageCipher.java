package com.privacycasemanager.access;

import com.privacycasemanager.request.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts access packages at rest with AES-256-GCM. The key is derived from {@code
 * privacy.secret}; the request id is bound in as associated data, so a package copied to another
 * case's row does not decrypt.
 */
@Component
public class PackageCipher {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  public PackageCipher(Secrets secrets) {
    this.key = new SecretKeySpec(secrets.hmac("access-package-key", "v1"), "AES");
  }

  /** A stream that writes the IV to {@code sink}, then everything written to it, encrypted; close it to seal. */
  public java.io.OutputStream encrypting(String requestId, java.io.OutputStream sink) throws java.io.IOException {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(requestId.getBytes(StandardCharsets.US_ASCII));
      sink.write(iv);
      return new javax.crypto.CipherOutputStream(sink, cipher);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt the access package", e);
    }
  }

  public byte[] decrypt(String requestId, byte[] stored) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
      cipher.updateAAD(requestId.getBytes(StandardCharsets.US_ASCII));
      return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot decrypt the access package of " + requestId, e);
    }
  }
}
