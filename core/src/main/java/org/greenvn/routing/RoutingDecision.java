package org.greenvn.routing;

/**
 * What to do with a call: a value, so that it can be tested, logged and translated into a PBX's
 * commands without side effects.
 */
public sealed interface RoutingDecision permits Bridge, PromptPin, Reject {}
