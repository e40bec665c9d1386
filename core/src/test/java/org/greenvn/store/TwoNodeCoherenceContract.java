package org.greenvn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationState;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.allocation.DeallocationCause;
import org.greenvn.allocation.Party;
import org.greenvn.allocation.Pin;
import org.greenvn.allocation.Preferences;
import org.greenvn.allocation.Usage;
import org.greenvn.phone.PhoneNumber;
import org.junit.jupiter.api.Test;

/**
 * The routing index of a durable store stays coherent with writes made through another store on
 * the same database (another router node), within the staleness bound the stores document:
 * a creation routes on the other node at once (a miss goes to the database), a change reaches
 * its index through the change feed, and an index whose feed stalled is not trusted once the
 * bound has passed.
 *
 * <p>Node B runs on a test clock that only {@link Node#advance} moves, so the bound is checked
 * without sleeping; waits for the live feed are liveness checks with a generous limit, not
 * timings.
 */
public abstract class TwoNodeCoherenceContract {

  /** The maximum staleness both nodes are opened with. */
  protected static final Duration BOUND = Duration.ofSeconds(1);

  private static final PhoneNumber VN = PhoneNumber.of("+914048212136");
  private static final PhoneNumber A1 = PhoneNumber.of("+919800000001");
  private static final PhoneNumber B1 = PhoneNumber.of("+919800000002");
  private static final PhoneNumber JOINER = PhoneNumber.of("+919800000003");
  private static final Pin PIN = Pin.of(4321);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final long PATIENCE_MILLIS = 20_000;

  /** One router node's store on the shared database. */
  /**
   * One node under test: its allocation store, how to stop its change feed (as if it hung), and
   * the staleness clock it reads, in nanoseconds, which the test moves on.
   */
  protected record Node(AllocationStore store, Runnable feedStopper, AtomicLong clock) {
    /** Public, so that subclasses in the stores' packages can make one. */
    public Node {}

    /** Stops the node's change feed, as if it hung. */
    void stopFeed() {
      feedStopper.run();
    }

    /** Moves the node's staleness clock on. */
    void advance(Duration by) {
      clock.addAndGet(by.toNanos());
    }
  }

  /** Opens the two nodes on one new, empty database; both closed by the subclass. */
  protected abstract List<Node> openTwoNodes();

  private static Allocation allocation(String id) {
    return new Allocation(
        "acme", id, "conn-" + id, VN, List.of(A1), List.of(B1), List.of(), List.of(PIN),
        Usage.TWOWAY, false, Preferences.none(), Optional.empty(), Duration.ofHours(1),
        AllocationState.ACTIVE, T0, T0, T0.plus(Duration.ofHours(1)), Optional.empty(),
        Optional.empty(), 1);
  }

  @Test
  void anAllocationCreatedOnOneNodeRoutesOnTheOtherAtOnce() {
    List<Node> nodes = openTwoNodes();
    AllocationStore a = nodes.get(0).store();
    AllocationStore b = nodes.get(1).store();
    assertThat(b.findActiveByNumber(VN, A1)).isEmpty();

    Allocation g1 = allocation("g1");
    a.insert(g1);

    assertThat(b.findActiveByNumber(VN, A1)).contains(g1);
    assertThat(b.findActiveByNumber(VN, B1)).contains(g1);
    assertThat(b.findActiveByPin(VN, PIN)).contains(g1);
    assertThat(b.hasActiveWithPins(VN)).isTrue();
  }

  @Test
  void aChangeOnOneNodeReachesTheOtherNodesIndex() {
    List<Node> nodes = openTwoNodes();
    AllocationStore a = nodes.get(0).store();
    AllocationStore b = nodes.get(1).store();
    Allocation g1 = allocation("g1");
    a.insert(g1);
    assertThat(b.findActiveByNumber(VN, A1)).contains(g1); // now in B's index

    Allocation joined = g1.withJoined(Party.B, JOINER, T0.plusSeconds(1));
    a.replace(g1, joined);
    awaitOn(() -> b.findActiveByNumber(VN, A1), Optional.of(joined));
    assertThat(b.findActiveByNumber(VN, JOINER)).contains(joined);

    a.replace(joined, joined.toVault(T0.plusSeconds(2), DeallocationCause.DELETED));
    awaitOn(() -> b.findActiveByNumber(VN, A1), Optional.empty());
    assertThat(b.findActiveByPin(VN, PIN)).isEmpty();
    assertThat(b.hasActiveWithPins(VN)).isFalse();
  }

  @Test
  void anIndexWhoseFeedStalledIsNotTrustedOnceTheBoundHasPassed() {
    List<Node> nodes = openTwoNodes();
    AllocationStore a = nodes.get(0).store();
    Node nodeB = nodes.get(1);
    AllocationStore b = nodeB.store();
    Allocation g1 = allocation("g1");
    a.insert(g1);
    assertThat(b.findActiveByNumber(VN, A1)).contains(g1);

    nodeB.stopFeed();
    a.replace(g1, g1.toVault(T0.plusSeconds(2), DeallocationCause.DELETED));

    // Within the bound B may still route on what it knew: that is the staleness allowed.
    assertThat(b.findActiveByNumber(VN, A1)).contains(g1);
    nodeB.advance(BOUND.plusNanos(1));
    assertThat(b.findActiveByNumber(VN, A1)).isEmpty();
    assertThat(b.findActiveByPin(VN, PIN)).isEmpty();
    assertThat(b.hasActiveWithPins(VN)).isFalse();
  }

  @Test
  void writesOfBothNodesStillCannotDoubleBook() {
    List<Node> nodes = openTwoNodes();
    AllocationStore a = nodes.get(0).store();
    AllocationStore b = nodes.get(1).store();
    a.insert(allocation("g1"));

    Allocation rival =
        new Allocation(
            "acme", "g2", "conn-g2", VN, List.of(JOINER), List.of(A1), List.of(), List.of(),
            Usage.TWOWAY, false, Preferences.none(), Optional.empty(), Duration.ofHours(1),
            AllocationState.ACTIVE, T0, T0, T0.plus(Duration.ofHours(1)), Optional.empty(),
            Optional.empty(), 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.insert(rival))
        .isInstanceOf(org.greenvn.allocation.AllocationConflictException.class);
    assertThat(a.find("g2")).isEmpty();
  }

  /** Waits until {@code lookUp} answers {@code expected}, or fails after a generous limit. */
  protected static <T> void awaitOn(Supplier<T> lookUp, T expected) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
    while (!expected.equals(lookUp.get())) {
      if (System.nanoTime() > deadline) {
        assertThat(lookUp.get()).as("after %d ms", PATIENCE_MILLIS).isEqualTo(expected);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
