package org.greenvn.examples.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A weighted mix of scenarios, dealt deterministically: the weights are laid out as a deck of
 * {@code sum(weights)} cards shuffled once with a fixed seed, and session {@code i} takes card
 * {@code i mod deck}. Any run of whole decks holds each scenario exactly in proportion, and two
 * runs with the same mix make the same calls.
 */
public final class ScenarioMix {

  private static final int MAX_DECK = 10_000;

  private final Map<ScenarioKind, Integer> weights;
  private final ScenarioKind[] deck;

  private ScenarioMix(Map<ScenarioKind, Integer> weights) {
    this.weights = Collections.unmodifiableMap(new EnumMap<>(weights));
    List<ScenarioKind> cards = new ArrayList<>();
    weights.forEach((kind, weight) -> cards.addAll(Collections.nCopies(weight, kind)));
    Collections.shuffle(cards, new Random(4573));
    this.deck = cards.toArray(new ScenarioKind[0]);
  }

  /**
   * Parses {@code bridged=70,busy=5,pin-right=10,...}; a bare name has weight 1.
   *
   * @throws LoadOptionException for an unknown name, a repeated name, a weight below 0 or a mix
   *     whose weights sum to 0 or above 10,000
   */
  public static ScenarioMix parse(String text) {
    Map<ScenarioKind, Integer> weights = new EnumMap<>(ScenarioKind.class);
    for (String part : text.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] nameWeight = part.split("=", 2);
      ScenarioKind kind = ScenarioKind.fromCliName(nameWeight[0]);
      int weight;
      try {
        weight = nameWeight.length == 1 ? 1 : Integer.parseInt(nameWeight[1].trim());
      } catch (NumberFormatException e) {
        throw new LoadOptionException("mix: weight of '" + nameWeight[0] + "' is not a number");
      }
      if (weight < 0) {
        throw new LoadOptionException("mix: weight of '" + nameWeight[0] + "' is negative");
      }
      if (weights.put(kind, weight) != null) {
        throw new LoadOptionException("mix: '" + nameWeight[0] + "' given twice");
      }
    }
    return of(weights);
  }

  /**
   * A mix from explicit weights.
   *
   * @throws LoadOptionException if the weights sum to 0 or above 10,000
   */
  public static ScenarioMix of(Map<ScenarioKind, Integer> weights) {
    Map<ScenarioKind, Integer> positive = new EnumMap<>(ScenarioKind.class);
    long sum = 0;
    for (Map.Entry<ScenarioKind, Integer> entry : weights.entrySet()) {
      if (entry.getValue() < 0) {
        throw new LoadOptionException("mix: weight of " + entry.getKey().cliName() + " < 0");
      }
      if (entry.getValue() > 0) {
        positive.put(entry.getKey(), entry.getValue());
        sum += entry.getValue();
      }
    }
    if (sum == 0 || sum > MAX_DECK) {
      throw new LoadOptionException("mix: weights must sum to 1.." + MAX_DECK + ", got " + sum);
    }
    return new ScenarioMix(positive);
  }

  /** Only one scenario. */
  public static ScenarioMix only(ScenarioKind kind) {
    return of(Map.of(kind, 1));
  }

  /** The scenario of session number {@code index} (0-based). */
  ScenarioKind pick(long index) {
    return deck[(int) Math.floorMod(index, (long) deck.length)];
  }

  /** The positive weights, by scenario. */
  public Map<ScenarioKind, Integer> weights() {
    return weights;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    weights.forEach(
        (kind, weight) ->
            text.append(text.length() == 0 ? "" : ",").append(kind.cliName()).append('=')
                .append(weight));
    return text.toString();
  }
}
