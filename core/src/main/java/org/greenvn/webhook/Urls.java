package org.greenvn.webhook;

import java.net.URI;

/** URLs as logs and messages show them. */
final class Urls {

  private Urls() {}

  /**
   * Scheme, host, port and path only: a query or user info may carry a receiver's token, and
   * those never reach a log.
   */
  static String redacted(URI url) {
    if (url.getHost() == null) {
      return url.getScheme() == null ? "(relative URL)" : url.getScheme() + ":(opaque)";
    }
    StringBuilder text = new StringBuilder();
    text.append(url.getScheme()).append("://").append(url.getHost());
    if (url.getPort() >= 0) {
      text.append(':').append(url.getPort());
    }
    if (url.getRawPath() != null) {
      text.append(url.getRawPath());
    }
    if (url.getRawQuery() != null) {
      text.append("?…");
    }
    return text.toString();
  }
}
