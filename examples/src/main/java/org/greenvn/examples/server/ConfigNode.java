package org.greenvn.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.greenvn.allocation.DeallocationDurations;

/**
 * A node of the configuration file with its path, so that every error names the field
 * ({@code tenants[0].inventory[2].region: ...}) and unknown fields are refused rather than
 * silently ignored: a misspelt key must not leave a default in force.
 */
final class ConfigNode {

  private final JsonNode node;
  private final String path;

  ConfigNode(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  String path() {
    return path;
  }

  /** Whether the node is absent or null: the field was not written. */
  boolean isMissing() {
    return node.isMissingNode() || node.isNull();
  }

  boolean has(String field) {
    JsonNode child = node.get(field);
    return child != null && !child.isNull();
  }

  ConfigNode get(String field) {
    JsonNode child = node.get(field);
    return new ConfigNode(child == null ? MissingNode.getInstance() : child, child(field));
  }

  /** Refuses fields other than these; an absent section has none. */
  ConfigNode only(Set<String> fields) {
    if (isMissing()) {
      return this;
    }
    if (!node.isObject()) {
      throw error("must be an object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!fields.contains(name)) {
        throw new ConfigException(child(name) + ": unknown field; known: " + fields);
      }
    }
    return this;
  }

  String text(String field) {
    ConfigNode child = get(field);
    if (!child.node.isTextual() || child.node.asText().isBlank()) {
      throw child.error("must be a non-blank string");
    }
    return child.node.asText();
  }

  String text(String field, String fallback) {
    return has(field) ? text(field) : fallback;
  }

  int integer(String field, int fallback, int min, int max) {
    if (!has(field)) {
      return fallback;
    }
    ConfigNode child = get(field);
    if (!child.node.isInt() || child.node.asInt() < min || child.node.asInt() > max) {
      throw child.error("must be a whole number from " + min + " to " + max);
    }
    return child.node.asInt();
  }

  boolean bool(String field, boolean fallback) {
    if (!has(field)) {
      return fallback;
    }
    ConfigNode child = get(field);
    if (!child.node.isBoolean()) {
      throw child.error("must be true or false");
    }
    return child.node.asBoolean();
  }

  /** A duration as the API writes them: {@code 20s}, {@code 15m}, {@code 2h}, {@code 7d}. */
  Duration duration(String field, Duration fallback) {
    if (!has(field)) {
      return fallback;
    }
    String text = text(field);
    return DeallocationDurations.parse(text)
        .orElseThrow(
            () -> get(field).error("must be a duration such as 30s, 15m, 2h or 7d: " + text));
  }

  <T> T choice(String field, T fallback, Function<String, T> parse, String expected) {
    if (!has(field)) {
      return fallback;
    }
    String text = text(field);
    try {
      return parse.apply(text);
    } catch (RuntimeException e) {
      throw get(field).error("must be " + expected + ", not \"" + text + "\"");
    }
  }

  List<ConfigNode> list(String field) {
    if (!has(field)) {
      return List.of();
    }
    ConfigNode child = get(field);
    if (!child.node.isArray()) {
      throw child.error("must be a list");
    }
    List<ConfigNode> items = new ArrayList<>();
    for (int i = 0; i < child.node.size(); i++) {
      items.add(new ConfigNode(child.node.get(i), child.path + "[" + i + "]"));
    }
    return items;
  }

  /** The fields of an object, each as a node. */
  List<Map.Entry<String, ConfigNode>> fields() {
    if (!node.isObject()) {
      throw error("must be an object");
    }
    List<Map.Entry<String, ConfigNode>> fields = new ArrayList<>();
    node.fields()
        .forEachRemaining(e -> fields.add(Map.entry(e.getKey(), get(e.getKey()))));
    return fields;
  }

  /** This node as text, when it is a string. */
  String asText() {
    if (!node.isTextual() || node.asText().isBlank()) {
      throw error("must be a non-blank string");
    }
    return node.asText();
  }

  ConfigException error(String message) {
    return new ConfigException(path + ": " + message);
  }

  private String child(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
