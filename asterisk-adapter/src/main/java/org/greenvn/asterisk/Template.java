package org.greenvn.asterisk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A text with {@code {name}} placeholders, checked against the names it may use when it is made,
 * so that a typo fails at configuration time and not on a live call.
 */
final class Template {

  private final String text;
  private final List<String> parts = new ArrayList<>();
  private final List<Boolean> isName = new ArrayList<>();

  private Template(String text) {
    this.text = text;
  }

  static Template parse(String text, Set<String> allowed, String what) {
    Objects.requireNonNull(text, what);
    if (text.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    Template template = new Template(text);
    int at = 0;
    while (at < text.length()) {
      int open = text.indexOf('{', at);
      if (open < 0) {
        template.add(text.substring(at), false);
        break;
      }
      int close = text.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException(what + " has an unclosed '{': " + text);
      }
      String name = text.substring(open + 1, close);
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException(
            what + " uses {" + name + "}; known are " + allowed + ": " + text);
      }
      template.add(text.substring(at, open), false);
      template.add(name, true);
      at = close + 1;
    }
    return template;
  }

  private void add(String part, boolean name) {
    if (!part.isEmpty()) {
      parts.add(part);
      isName.add(name);
    }
  }

  String render(Map<String, String> values) {
    StringBuilder out = new StringBuilder(text.length() + 32);
    for (int i = 0; i < parts.size(); i++) {
      out.append(isName.get(i) ? values.getOrDefault(parts.get(i), "") : parts.get(i));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
