package org.greenvn.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpLoadOptionsTest {

  @TempDir Path dir;

  @Test
  void onlyLoopbackLiteralsAreTargets() {
    for (String host : List.of("10.0.0.1", "localhost", "example.com", "0.0.0.0", "::", "")) {
      assertThatThrownBy(() -> HttpLoadOptions.builder().host(host).build())
          .as(host)
          .isInstanceOf(LoadOptionException.class)
          .hasMessageContaining("refused");
    }
    assertThat(HttpLoadOptions.builder().host("::1").port(9).build().baseUrl())
        .isEqualTo("http://[::1]:9");
    assertThat(HttpLoadOptions.builder().host("127.0.0.1").build().address().isLoopbackAddress())
        .isTrue();
  }

  @Test
  void parsesTheCommandLine() throws Exception {
    Path ids = dir.resolve("ids.txt");
    Files.writeString(ids, "# created\nid-1\n\nid-2\n");
    HttpLoadOptions options =
        HttpLoadOptions.parse(
            new String[] {
              "--port", "18080", "--kind", "get", "--ids", ids.toString(), "--connections=16",
              "--duration", "2s", "--warmup", "500ms", "--max-requests", "1_000", "--floor"
            });
    assertThat(options.kind()).isEqualTo(HttpRequestKind.GET);
    assertThat(options.ids()).containsExactly("id-1", "id-2");
    assertThat(options.connections()).isEqualTo(16);
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
    assertThat(options.maxRequests()).isEqualTo(1_000);
    assertThat(options.floor()).isTrue();
  }

  @Test
  void refusesWhatWouldRunUnboundedOrMisfire() {
    assertThatThrownBy(() -> HttpLoadOptions.parse(new String[] {"--kind", "get"}))
        .isInstanceOf(LoadOptionException.class)
        .hasMessageContaining("--ids");
    assertThatThrownBy(() -> HttpLoadOptions.parse(new String[] {"--duraton", "5s"}))
        .isInstanceOf(LoadOptionException.class)
        .hasMessageContaining("unknown flag --duraton");
    assertThatThrownBy(() -> HttpLoadOptions.parse(new String[] {"--duration", "0s"}))
        .isInstanceOf(LoadOptionException.class);
    assertThatThrownBy(() -> HttpLoadOptions.parse(new String[] {"--duration", "31m"}))
        .isInstanceOf(LoadOptionException.class);
    assertThatThrownBy(() -> HttpLoadOptions.parse(new String[] {"--connections", "0"}))
        .isInstanceOf(LoadOptionException.class);
    assertThatThrownBy(
            () ->
                HttpLoadOptions.builder()
                    .firstIndex(HttpLoadOptions.PARTY_SPACE - 10)
                    .maxRequests(11)
                    .build())
        .isInstanceOf(LoadOptionException.class)
        .hasMessageContaining("party numbers");
    assertThatThrownBy(() -> HttpLoadOptions.parse(new String[] {"--kind", "delete"}))
        .isInstanceOf(LoadOptionException.class);
    assertThatThrownBy(() -> HttpLoadOptions.builder().runTag("a b").build())
        .isInstanceOf(LoadOptionException.class);
  }

  @Test
  void theTokenNeverShows() {
    HttpLoadOptions options = HttpLoadOptions.builder().apiToken("s3cret-token-value").build();
    assertThat(options.toString()).doesNotContain("s3cret-token-value");
  }
}
