/**
 * Deciding calls: for a call to a virtual number, the {@link org.greenvn.routing.Router} returns
 * a {@link org.greenvn.routing.RoutingDecision} value (bridge, prompt for a PIN, reject), and a
 * {@link org.greenvn.routing.CallSession} carries one call through its PIN prompts to its
 * {@link org.greenvn.routing.CallOutcome}. Nothing here touches a PBX: an adapter turns decisions
 * into channel commands.
 */
package org.greenvn.routing;
