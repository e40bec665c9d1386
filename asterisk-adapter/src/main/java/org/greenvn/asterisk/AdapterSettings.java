package org.greenvn.asterisk;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the adapter needs to know about the Asterisk it serves: where the dialled number is, how
 * each flow dials and records, which sound stands in for a missing prompt. Immutable; made with
 * {@link #builder()} or {@link #ofDefaults()}.
 */
public final class AdapterSettings {

  /** A flow's key: its tenant ({@link #ANY_TENANT} for every tenant's flow of that id). */
  private record FlowKey(String tenantSid, String flowId) {}

  /** No tenant is named by the empty string: a tenant's sid is never blank. */
  private static final String ANY_TENANT = "";

  private final DialledNumberSource dialledNumberSource;
  private final FlowSettings defaultFlowSettings;
  private final Map<FlowKey, FlowSettings> flowSettings;
  private final String fallbackPrompt;
  private final Optional<String> answerMarkSubroutine;
  private final Duration pendingOutcomeTtl;
  private final int maxPendingOutcomes;

  private AdapterSettings(Builder b) {
    this.dialledNumberSource = b.dialledNumberSource;
    this.defaultFlowSettings = b.defaultFlowSettings;
    this.flowSettings = Map.copyOf(b.flowSettings);
    this.fallbackPrompt = b.fallbackPrompt;
    this.answerMarkSubroutine = b.answerMarkSubroutine;
    this.pendingOutcomeTtl = b.pendingOutcomeTtl;
    this.maxPendingOutcomes = b.maxPendingOutcomes;
  }

  /**
   * The defaults: the VN from {@code agi_dnid}, every flow dialling {@code PJSIP/{number}@carrier}
   * without recording, {@code beep} for a missing prompt, no answer mark, pending outcomes kept 4
   * hours and at most 100,000 of them.
   */
  public static AdapterSettings ofDefaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Where the VN is read. */
  public DialledNumberSource dialledNumberSource() {
    return dialledNumberSource;
  }

  /**
   * The settings of a tenant's flow: the tenant's own for it, else those of every tenant's flow
   * of that id, else the default ones.
   */
  public FlowSettings flowSettings(String tenantSid, String flowId) {
    FlowSettings own = flowSettings.get(new FlowKey(tenantSid, flowId));
    return own != null
        ? own
        : flowSettings.getOrDefault(new FlowKey(ANY_TENANT, flowId), defaultFlowSettings);
  }

  /** The stock sound played instead of a PIN prompt whose file is missing. */
  public String fallbackPrompt() {
    return fallbackPrompt;
  }

  /**
   * The dialplan subroutine that Dial runs on the answering party ({@code U()} option) to mark
   * the moment of answer, if installed; see {@code examples/dialplan}.
   */
  public Optional<String> answerMarkSubroutine() {
    return answerMarkSubroutine;
  }

  /** How long a dialplan-driven call's outcome is awaited. */
  public Duration pendingOutcomeTtl() {
    return pendingOutcomeTtl;
  }

  /** How many dialplan-driven calls may await their outcome at once. */
  public int maxPendingOutcomes() {
    return maxPendingOutcomes;
  }

  /** Builds {@link AdapterSettings}; each option may be set once. */
  public static final class Builder {
    private DialledNumberSource dialledNumberSource = DialledNumberSource.DNID;
    private FlowSettings defaultFlowSettings = FlowSettings.dialing("PJSIP/{number}@carrier");
    private final Map<FlowKey, FlowSettings> flowSettings = new HashMap<>();
    private String fallbackPrompt = "beep";
    private Optional<String> answerMarkSubroutine = Optional.empty();
    private Duration pendingOutcomeTtl = Duration.ofHours(4);
    private int maxPendingOutcomes = 100_000;

    private Builder() {}

    /** Where the VN is read; {@link DialledNumberSource#DNID} unless set. */
    public Builder dialledNumberSource(DialledNumberSource source) {
      this.dialledNumberSource = Objects.requireNonNull(source, "source");
      return this;
    }

    /** The settings of every flow that has none of its own. */
    public Builder defaultFlowSettings(FlowSettings settings) {
      this.defaultFlowSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** The settings of the flow of this id in every tenant; set once per flow id. */
    public Builder flowSettings(String flowId, FlowSettings settings) {
      Objects.requireNonNull(flowId, "flowId");
      return put(new FlowKey(ANY_TENANT, flowId), "flow " + flowId, settings);
    }

    /** The settings of one tenant's flow, ahead of {@link #flowSettings(String, FlowSettings)}. */
    public Builder flowSettings(String tenantSid, String flowId, FlowSettings settings) {
      Objects.requireNonNull(tenantSid, "tenantSid");
      Objects.requireNonNull(flowId, "flowId");
      return put(
          new FlowKey(tenantSid, flowId),
          "flow " + flowId + " of tenant " + tenantSid,
          settings);
    }

    private Builder put(FlowKey key, String name, FlowSettings settings) {
      Objects.requireNonNull(settings, "settings");
      if (flowSettings.putIfAbsent(key, settings) != null) {
        throw new IllegalStateException(
            "Settings of " + name + " were already set to " + flowSettings.get(key));
      }
      return this;
    }

    /** The sound played when a PIN prompt's file is missing; {@code beep} unless set. */
    public Builder fallbackPrompt(String prompt) {
      Objects.requireNonNull(prompt, "prompt");
      if (prompt.isBlank() || prompt.contains(" ")) {
        throw new IllegalArgumentException("A prompt is one sound name: '" + prompt + "'");
      }
      this.fallbackPrompt = prompt;
      return this;
    }

    /**
     * Names the dialplan subroutine (context) that marks the answer moment, which makes
     * {@code on_call_duration} exact after a PIN prompt; see {@code docs}.
     */
    public Builder answerMarkSubroutine(String context) {
      Objects.requireNonNull(context, "context");
      if (!context.matches("[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException("Not a dialplan context name: '" + context + "'");
      }
      this.answerMarkSubroutine = Optional.of(context);
      return this;
    }

    /** How long a dialplan-driven outcome is awaited, and how many at most. */
    public Builder pendingOutcomes(Duration ttl, int max) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.isNegative() || ttl.isZero() || max < 1) {
        throw new IllegalArgumentException("ttl and max must be positive: " + ttl + ", " + max);
      }
      this.pendingOutcomeTtl = ttl;
      this.maxPendingOutcomes = max;
      return this;
    }

    /** The settings. */
    public AdapterSettings build() {
      return new AdapterSettings(this);
    }
  }
}
