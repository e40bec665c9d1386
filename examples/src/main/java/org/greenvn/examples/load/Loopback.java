package org.greenvn.examples.load;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The only network targets the bench accepts: the IPv4 and IPv6 loopback literals. Host names are
 * refused without a DNS look-up, so a typo can never send load to another machine.
 */
final class Loopback {

  private Loopback() {}

  /**
   * Resolves {@code host} if it is {@code 127.0.0.1} or {@code ::1} (brackets allowed).
   *
   * @throws LoadOptionException for anything else
   */
  static InetAddress require(String host) {
    String literal = host == null ? "" : host.trim();
    if (literal.startsWith("[") && literal.endsWith("]")) {
      literal = literal.substring(1, literal.length() - 1);
    }
    boolean ipv4 = literal.equals("127.0.0.1");
    boolean ipv6 = literal.contains(":") && literal.matches("[0:]*:0*1");
    if (!ipv4 && !ipv6) {
      throw new LoadOptionException(
          "target host '" + host + "' refused: only 127.0.0.1 or ::1 are allowed");
    }
    try {
      // An IP literal: no name service is consulted.
      InetAddress address = InetAddress.getByName(literal);
      if (!address.isLoopbackAddress()) {
        throw new LoadOptionException("target host '" + host + "' is not a loopback address");
      }
      return address;
    } catch (UnknownHostException e) {
      throw new LoadOptionException("target host '" + host + "' is not an IP literal");
    }
  }
}
