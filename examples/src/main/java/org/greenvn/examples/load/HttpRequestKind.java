package org.greenvn.examples.load;

import java.util.Locale;

/** What each request of an HTTP load run does. */
public enum HttpRequestKind {
  /** {@code POST /v1/tenants/{sid}/greenvn}: a create with a new connection id and new parties. */
  CREATE,
  /** {@code GET /v1/tenants/{sid}/greenvn/{greenvn_id}}: reads one of the given allocations. */
  GET;

  /**
   * The kind named {@code create} or {@code get}.
   *
   * @throws LoadOptionException for another name
   */
  public static HttpRequestKind parse(String name) {
    String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
    for (HttpRequestKind kind : values()) {
      if (kind.name().equals(key)) {
        return kind;
      }
    }
    throw new LoadOptionException("--kind '" + name + "': use create or get");
  }

  /** The name the flags and the report use. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
