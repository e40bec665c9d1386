package org.greenvn.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetGuardTest {

  @ParameterizedTest
  @CsvSource({
    "0.0.0.0, unspecified",
    "127.0.0.1, loopback",
    "127.255.0.9, loopback",
    "10.1.2.3, private",
    "172.16.0.1, private",
    "172.31.255.254, private",
    "192.168.1.1, private",
    "169.254.169.254, link-local",
    "100.64.0.1, shared (carrier-grade NAT)",
    "198.18.0.1, reserved",
    "224.0.0.1, multicast",
    "255.255.255.255, reserved",
    "::, unspecified",
    "::1, loopback",
    "fe80::1, link-local",
    "fec0::1, site-local",
    "fc00::1, unique-local",
    "fd12:3456::1, unique-local",
    "ff02::1, multicast",
    "::ffff:127.0.0.1, loopback",
    "::ffff:10.0.0.1, private",
    "::169.254.1.1, IPv4-compatible link-local",
    "64:ff9b::c0a8:101, NAT64 private",
    "2002:a9fe:a9fe::1, 6to4 link-local"
  })
  void refusesInternalRanges(String address, String range) throws UnknownHostException {
    assertThat(TargetGuard.refusal(InetAddress.getByName(address))).contains(range);
  }

  @Test
  void refusesAnIpv4MappedAddressKeptInItsIpv6Form() throws UnknownHostException {
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = (byte) 192;
    mapped[13] = (byte) 168;
    mapped[15] = 7;
    InetAddress v6 = java.net.Inet6Address.getByAddress(null, mapped, -1);

    assertThat(TargetGuard.refusal(v6)).contains("IPv4-mapped private");
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "2001:db9::1"})
  void letsPublicAddressesThrough(String address) throws UnknownHostException {
    assertThat(TargetGuard.refusal(InetAddress.getByName(address))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/hook", "http://[::1]/hook", "https://10.0.0.8/hook",
        "http://[::ffff:192.168.0.1]/hook", "http://localhost:9000/hook",
        "http://api.localhost/hook", "http://169.254.169.254/latest/meta-data"
      })
  void configurationRefusesPrivateLiteralsUnlessAllowed(String url) {
    assertThatThrownBy(() -> TargetGuard.checkConfigured("URL for CALL", URI.create(url), false))
        .isInstanceOf(InvalidWebhookConfigException.class)
        .hasMessageContaining("URL for CALL")
        .hasMessageContaining("private targets are not allowed");

    assertThat(TargetGuard.checkConfigured("URL for CALL", URI.create(url), true))
        .isEqualTo(URI.create(url));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://hooks.example.com/x", "file:///etc/passwd", "/relative/path",
        "https://user:pw@hooks.example.com/x", "https:///nohost", "https://hooks.example.com/#frag"
      })
  void configurationRefusesWhatIsNotAPlainAbsoluteHttpUrl(String url) {
    assertThatThrownBy(() -> TargetGuard.checkConfigured("URL for CALL", URI.create(url), true))
        .isInstanceOf(InvalidWebhookConfigException.class)
        .hasMessageContaining("URL for CALL")
        .message()
        .doesNotContain("pw@");
  }

  @Test
  void atSendTimeEveryResolvedAddressIsCheckedSoOnePrivateOneRefusesTheHost() throws Exception {
    TargetGuard guard =
        new TargetGuard(
            host -> new InetAddress[] {
              InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.9.8.7")
            });

    assertThatThrownBy(() -> guard.checkResolved(URI.create("https://hooks.test/x"), false))
        .isInstanceOf(TargetGuard.RefusedTargetException.class)
        .hasMessageContaining("hooks.test resolves to a private address");
    guard.checkResolved(URI.create("https://hooks.test/x"), true);
    new TargetGuard(host -> new InetAddress[] {InetAddress.getByName("93.184.216.34")})
        .checkResolved(URI.create("https://hooks.test/x"), false);
  }

  @Test
  void unknownHostIsRefusedWithoutThrowingSomethingElse() {
    TargetGuard guard =
        new TargetGuard(
            host -> {
              throw new UnknownHostException(host);
            });

    assertThatThrownBy(() -> guard.checkResolved(URI.create("https://nowhere.test/"), false))
        .isInstanceOf(TargetGuard.RefusedTargetException.class)
        .hasMessageContaining("unknown host");
  }
}
