package com.privacycasemanager.datamap;

import com.privacycasemanager.request.Secrets;
import org.springframework.stereotype.Component;

/**
 * The keyed hash a {@link Erasure#HASH} column holds once erased, keyed by the installation secret.
 * Erasure writes it; collection looks a consumer up by it, so the rows a deletion kept stay
 * findable by the consumer they belong to and by no one else (without the secret, the hash of an
 * identifier cannot be made, and the hash itself is never an identifier).
 */
@Component
public class KeyedHash {

  /** Keyed hashes start with this, so a hashed value is recognised and never hashed again. */
  public static final String PREFIX = "erased:";

  private final Secrets secrets;

  public KeyedHash(Secrets secrets) {
    this.secrets = secrets;
  }

  /** The same value always gives the same hash, so joins and counts still work. */
  public String of(Object value) {
    return PREFIX + secrets.hmacHex("erasure", value.toString()).substring(0, 40);
  }

  public static boolean isHash(Object value) {
    return value instanceof String s && s.startsWith(PREFIX);
  }
}
