package org.greenvn.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.greenvn.asterisk.AdapterHarness.CALLER;
import static org.greenvn.asterisk.AdapterHarness.PARTY;
import static org.greenvn.asterisk.testing.FakeAsterisk.ONE;
import static org.greenvn.asterisk.testing.FakeAsterisk.ZERO;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.greenvn.allocation.Usage;
import org.greenvn.asterisk.testing.AgiEnvironment;
import org.greenvn.asterisk.testing.FakeAsterisk;
import org.greenvn.event.CallEvent;
import org.greenvn.event.DialCallStatus;
import org.greenvn.event.Disconnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rude peers and shutdowns: each costs no thread and no connection afterwards. */
class FaultsTest {

  private final AdapterHarness harness = new AdapterHarness();

  @AfterEach
  void stop() {
    harness.close();
  }

  private void assertNothingLeft() {
    AdapterHarness.await(
        () -> harness.server.activeCalls() == 0
            && harness.server.openConnections() == 0
            && busyCallThreads() == 0,
        "no call script runs, no connection is open, no call thread is busy");
  }

  /** Platform call threads at work (idle pool threads wait; virtual threads are not listed). */
  private static long busyCallThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("greenvn-agi-")
            && !t.getName().startsWith("greenvn-agi-accept"))
        .filter(t -> t.getState() == Thread.State.RUNNABLE || t.getState() == Thread.State.BLOCKED)
        .count();
  }

  @Test
  void anHttpRequestInsteadOfAnEnvironmentIsDropped() {
    try (FakeAsterisk peer = FakeAsterisk.connectSilently(harness.server.port())) {
      peer.sendRaw("GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertThat(peer.awaitClosedByServer()).isTrue();
      assertThat(peer.commands()).isEmpty();
    }
    assertNothingLeft();
  }

  @Test
  void aLineWithoutEndIsCutOffAtTheLimit() {
    try (FakeAsterisk peer = FakeAsterisk.connectSilently(harness.server.port())) {
      peer.sendRaw("agi_network: " + "x".repeat(3 * AgiConnection.MAX_LINE_BYTES));
      assertThat(peer.awaitClosedByServer()).isTrue();
    }
    assertNothingLeft();
  }

  @Test
  void aSilentPeerIsDroppedAfterTheReadTimeout() {
    try (AdapterHarness quick = new AdapterHarness()) {
      GreenVnAgiServer server =
          GreenVnAgiServer.builder(quick.kit.greenVn()).port(0)
              .readTimeout(Duration.ofMillis(200)).start();
      try (server;
          FakeAsterisk peer = FakeAsterisk.connectSilently(server.port())) {
        assertThat(peer.awaitClosedByServer()).isTrue();
        AdapterHarness.await(() -> server.openConnections() == 0, "the connection is closed");
      }
    }
  }

  @Test
  void aPeerThatVanishesDuringDialStillGetsItsCallReported() {
    harness.allocate(r -> r.aPartyNumbers(CALLER).bPartyNumbers(PARTY).usage(Usage.ONEWAY));
    try (FakeAsterisk asterisk = harness.call("919876543210", "1795881900.1")) {
      asterisk.expect("SET CALLERID \"+914048212136\"").reply(ONE);
      asterisk.expectStartingWith("EXEC Dial");
      asterisk.closeSocket();
    }
    AdapterHarness.await(() -> harness.callEvents().size() == 1, "the call is reported");
    CallEvent event = harness.onlyCallEvent();
    assertThat(event.dialCallStatus()).isEqualTo(DialCallStatus.FAILED);
    assertThat(event.insights().orElseThrow().disconnectedBy()).isEqualTo(Disconnector.UNKNOWN);
    assertNothingLeft();
  }

  @Test
  void aGarbageReplyEndsTheCallAndReportsIt() {
    harness.allocate(r -> r.aPartyNumbers(CALLER).bPartyNumbers(PARTY).usage(Usage.ONEWAY));
    try (FakeAsterisk asterisk = harness.call("919876543210", "1795881900.2")) {
      asterisk.expect("SET CALLERID \"+914048212136\"").reply("garbage, not a reply");
      assertThat(asterisk.awaitClosedByServer()).isTrue();
    }
    assertThat(harness.onlyCallEvent().dialCallStatus()).isEqualTo(DialCallStatus.FAILED);
    assertNothingLeft();
  }

  @Test
  void aFloodOfHangupNoticesCannotOverflowTheStack() {
    harness.allocate(r -> r.aPartyNumbers(CALLER).bPartyNumbers(PARTY).usage(Usage.ONEWAY));
    try (FakeAsterisk asterisk = harness.call("919876543210", "1795881900.3")) {
      asterisk.expect("SET CALLERID \"+914048212136\"");
      asterisk.sendRaw("HANGUP\n".repeat(1_000));
      assertThat(asterisk.awaitClosedByServer()).isTrue();
    }
    assertThat(harness.onlyCallEvent().dialCallStatus()).isEqualTo(DialCallStatus.FAILED);
    assertNothingLeft();
  }

  @Test
  void manyRudePeersLeaveNothingBehind() {
    List<FakeAsterisk> peers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      FakeAsterisk peer = FakeAsterisk.connectSilently(harness.server.port());
      switch (i % 4) {
        case 0 -> peer.sendRaw("\u0000\u0001garbage\n\n");
        case 1 -> peer.sendRaw("agi_network: yes\nagi_uniq");
        case 2 -> peer.sendRaw("");
        default -> peer.sendRaw(AgiEnvironment.builder().uniqueId("1795882000." + i).build()
            .toWire().substring(0, 100));
      }
      peer.closeSocket();
      peers.add(peer);
    }
    assertNothingLeft();
  }

  @Test
  void closeLetsACallInProgressFinish() throws Exception {
    harness.allocate(r -> r.aPartyNumbers(CALLER).bPartyNumbers(PARTY).usage(Usage.ONEWAY));
    try (FakeAsterisk asterisk = harness.call("919876543210", "1795881900.4")) {
      asterisk.expect("SET CALLERID \"+914048212136\"").reply(ONE);
      asterisk.expectStartingWith("EXEC Dial");
      CompletableFuture<Void> closing = CompletableFuture.runAsync(harness.server::close);
      AdapterHarness.await(() -> !canConnect(), "the server stops accepting");
      asterisk.reply(ZERO);
      asterisk.expectStartingWith("GET FULL VARIABLE").reply(FakeAsterisk.value("BUSY||17|||"));
      asterisk.expect("HANGUP").reply(ONE);
      assertThat(asterisk.awaitClosedByServer()).isTrue();
      closing.get();
    }
    assertThat(harness.onlyCallEvent().dialCallStatus()).isEqualTo(DialCallStatus.BUSY);
  }

  @Test
  void closeCutsCallsThatOutlastTheGrace() {
    harness.allocate(r -> r.aPartyNumbers(CALLER).bPartyNumbers(PARTY).usage(Usage.ONEWAY));
    try (FakeAsterisk asterisk = harness.call("919876543210", "1795881900.5")) {
      asterisk.expect("SET CALLERID \"+914048212136\"").reply(ONE);
      asterisk.expectStartingWith("EXEC Dial");
      harness.server.close(); // the harness's grace is 2 s; the party never answers
      assertThat(asterisk.awaitClosedByServer()).isTrue();
    }
    AdapterHarness.await(() -> harness.callEvents().size() == 1, "the cut call is reported");
    assertThat(harness.server.activeCalls()).isZero();
  }

  private boolean canConnect() {
    try {
      FakeAsterisk.connectSilently(harness.server.port()).close();
      return true;
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  @Test
  void connectingToAClosedServerFails() {
    harness.server.close();
    assertThatThrownBy(() -> FakeAsterisk.connectSilently(harness.server.port()))
        .isInstanceOf(UncheckedIOException.class);
  }
}
