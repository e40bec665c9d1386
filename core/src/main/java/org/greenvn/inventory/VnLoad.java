package org.greenvn.inventory;

import java.time.Instant;
import java.util.Optional;

/**
 * How much one virtual number carries: a snapshot for utilisation views.
 *
 * @param number the virtual number
 * @param activeAllocations the active allocations on it
 * @param lastReleased when an allocation on it last ended, if ever
 */
public record VnLoad(VirtualNumber number, int activeAllocations, Optional<Instant> lastReleased) {}
