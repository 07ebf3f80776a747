package com.privacycasemanager.request;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts the answers kept for consumers (access packages, ADMT answers) at rest with
 * AES-256-GCM. Each kind of answer has a key of its own, derived from {@code privacy.secret} and
 * the key's name; the request id is bound in as associated data, so an answer copied to another
 * case's row does not decrypt.
 */
@Component
public class AnswerCipher {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Secrets secrets;
  private final Map<String, SecretKeySpec> keys = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  public AnswerCipher(Secrets secrets) {
    this.secrets = secrets;
  }

  private SecretKeySpec key(String keyName) {
    return keys.computeIfAbsent(keyName, name -> new SecretKeySpec(secrets.hmac(name, "v1"), "AES"));
  }

  /** A stream that writes the IV to {@code sink}, then everything written to it, encrypted; close it to seal. */
  public OutputStream encrypting(String keyName, String requestId, OutputStream sink) throws IOException {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key(keyName), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(requestId.getBytes(StandardCharsets.US_ASCII));
      sink.write(iv);
      return new CipherOutputStream(sink, cipher);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt the answer", e);
    }
  }

  /** {@code plain}, sealed as {@link #encrypting} does. */
  public byte[] encrypt(String keyName, String requestId, byte[] plain) {
    ByteArrayOutputStream sealed = new ByteArrayOutputStream(plain.length + IV_BYTES + TAG_BITS / 8);
    try (OutputStream out = encrypting(keyName, requestId, sealed)) {
      out.write(plain);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encrypt the answer", e);
    }
    return sealed.toByteArray();
  }

  public byte[] decrypt(String keyName, String requestId, byte[] stored) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key(keyName), new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
      cipher.updateAAD(requestId.getBytes(StandardCharsets.US_ASCII));
      return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot decrypt the answer of " + requestId, e);
    }
  }
}
