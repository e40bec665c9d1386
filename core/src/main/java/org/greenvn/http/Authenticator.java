package org.greenvn.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks HTTP Basic credentials ({@code apiKey:apiToken}) and says whose they are. Only a digest of
 * each token is kept, and tokens are compared digest to digest in constant time, an unknown key
 * against a dummy digest, so that neither the token nor whether a key exists shows in the time
 * taken.
 */
final class Authenticator {

  /** Whose credentials these are, and the digest of their token. */
  record Holder(String name, byte[] tokenDigest) {}

  private static final byte[] UNKNOWN_KEY = digest("greenvn: no such key");

  private final Map<String, Holder> byKey;

  /**
   * @param byKey each API key's holder
   */
  Authenticator(Map<String, Holder> byKey) {
    this.byKey = Map.copyOf(byKey);
  }

  /** The holder of the credentials of an {@code Authorization} header, if they are right. */
  Optional<String> authenticate(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String header = authorization.strip();
    int space = header.indexOf(' ');
    if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(space + 1).strip()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    Holder holder = byKey.get(decoded.substring(0, colon));
    byte[] given = digest(decoded.substring(colon + 1));
    boolean same =
        MessageDigest.isEqual(holder == null ? UNKNOWN_KEY : holder.tokenDigest(), given);
    return same && holder != null ? Optional.of(holder.name()) : Optional.empty();
  }

  static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
