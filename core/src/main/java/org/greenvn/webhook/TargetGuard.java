package org.greenvn.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keeps webhooks off internal networks (SSRF): only absolute http(s) URLs, and no target address
 * in a loopback, private, link-local, unique-local, shared, multicast, reserved or unspecified
 * range, IPv4 or IPv6, including IPv4 embedded in IPv6 (mapped, compatible, NAT64, 6to4), unless
 * the tenant allows private targets.
 */
final class TargetGuard {

  /** Hosts Java reads as an IPv4 literal (dotted, shortened or one number): parsed, no DNS. */
  private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9.]+");

  /** Resolves a host name to its addresses; the JDK's resolver unless a test gives another. */
  @FunctionalInterface
  interface Resolver {
    /** The host's addresses. */
    InetAddress[] resolve(String host) throws UnknownHostException;

    /** The system resolver. */
    Resolver SYSTEM = InetAddress::getAllByName;
  }

  /** A target the guard refused at send time. */
  static final class RefusedTargetException extends Exception {
    private static final long serialVersionUID = 1L;

    RefusedTargetException(String message) {
      super(message);
    }
  }

  private final Resolver resolver;

  TargetGuard(Resolver resolver) {
    this.resolver = resolver;
  }

  /**
   * Checks a configured URL's form, and its host when it is an address literal or a name for
   * loopback: what can be known without DNS.
   *
   * @param setting names the setting in the message, e.g. {@code "url for CALL"}
   * @throws InvalidWebhookConfigException if refused
   */
  static URI checkConfigured(String setting, URI url, boolean allowPrivate) {
    if (url == null) {
      throw new InvalidWebhookConfigException(setting + " is missing");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new InvalidWebhookConfigException(
          setting + " must be an absolute http or https URL: " + Urls.redacted(url));
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new InvalidWebhookConfigException(
          setting + " has no host name: " + Urls.redacted(url));
    }
    if (url.getRawUserInfo() != null) {
      // The JDK client would ignore it silently; credentials belong in the signature.
      throw new InvalidWebhookConfigException(
          setting + " must not carry user info (credentials): " + Urls.redacted(url));
    }
    if (url.getRawFragment() != null) {
      throw new InvalidWebhookConfigException(
          setting + " must not have a fragment: " + Urls.redacted(url));
    }
    if (!allowPrivate) {
      String host = url.getHost().toLowerCase(Locale.ROOT);
      if (host.equals("localhost") || host.endsWith(".localhost")) {
        throw new InvalidWebhookConfigException(
            setting + " names a loopback host and private targets are not allowed: "
                + Urls.redacted(url));
      }
      literal(host)
          .flatMap(TargetGuard::refusal)
          .ifPresent(
              range -> {
                throw new InvalidWebhookConfigException(
                    setting + " is a " + range + " address and private targets are not allowed: "
                        + Urls.redacted(url));
              });
    }
    return url;
  }

  /**
   * Resolves the URL's host and refuses it if any of its addresses is in a refused range. Every
   * address is checked, not only the first, since the client may connect to any of them.
   */
  void checkResolved(URI url, boolean allowPrivate) throws RefusedTargetException {
    if (allowPrivate) {
      return;
    }
    String host = url.getHost();
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1)
          : host);
    } catch (UnknownHostException e) {
      throw new RefusedTargetException("unknown host " + host);
    }
    for (InetAddress address : addresses) {
      Optional<String> range = refusal(address);
      if (range.isPresent()) {
        throw new RefusedTargetException(
            host + " resolves to a " + range.get() + " address and private targets are not"
                + " allowed");
      }
    }
  }

  /** The refused range the address is in, if any. */
  static Optional<String> refusal(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 4 ? refusalV4(b, 0) : refusalV6(b);
  }

  private static Optional<String> refusalV4(byte[] b, int at) {
    int a0 = b[at] & 0xff;
    int a1 = b[at + 1] & 0xff;
    int a2 = b[at + 2] & 0xff;
    if (a0 == 0) {
      return Optional.of("unspecified");
    } else if (a0 == 127) {
      return Optional.of("loopback");
    } else if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
      return Optional.of("private");
    } else if (a0 == 169 && a1 == 254) {
      return Optional.of("link-local");
    } else if (a0 == 100 && (a1 & 0xc0) == 64) {
      return Optional.of("shared (carrier-grade NAT)");
    } else if ((a0 == 192 && a1 == 0 && a2 == 0) || (a0 == 198 && (a1 & 0xfe) == 18)) {
      return Optional.of("reserved");
    } else if ((a0 & 0xf0) == 224) {
      return Optional.of("multicast");
    } else if ((a0 & 0xf0) == 240) {
      return Optional.of("reserved");
    }
    return Optional.empty();
  }

  private static Optional<String> refusalV6(byte[] b) {
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return refusalV4(b, 12).map(range -> "IPv4-mapped " + range);
    }
    if (allZero(b, 0, 12)) {
      // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
      if (allZero(b, 12, 15)) {
        int last = b[15] & 0xff;
        if (last == 0) {
          return Optional.of("unspecified");
        } else if (last == 1) {
          return Optional.of("loopback");
        }
      }
      return refusalV4(b, 12).map(range -> "IPv4-compatible " + range);
    }
    if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
        && allZero(b, 4, 12)) {
      return refusalV4(b, 12).map(range -> "NAT64 " + range);
    }
    if (first == 0x20 && second == 0x02) {
      return refusalV4(b, 2).map(range -> "6to4 " + range);
    }
    if (first == 0xfe && (second & 0xc0) == 0x80) {
      return Optional.of("link-local");
    } else if (first == 0xfe && (second & 0xc0) == 0xc0) {
      return Optional.of("site-local");
    } else if ((first & 0xfe) == 0xfc) {
      return Optional.of("unique-local");
    } else if (first == 0xff) {
      return Optional.of("multicast");
    }
    return Optional.empty();
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The host as an address when it is a literal; never asks DNS. */
  private static Optional<InetAddress> literal(String host) {
    boolean v6 = host.startsWith("[") && host.endsWith("]");
    if (!v6 && !IPV4_LITERAL.matcher(host).matches()) {
      return Optional.empty();
    }
    try {
      // A literal is parsed, not looked up.
      return Optional.of(InetAddress.getByName(v6 ? host.substring(1, host.length() - 1) : host));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
