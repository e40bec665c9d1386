package org.greenvn.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.greenvn.event.EventType;
import org.greenvn.tenant.Flow;
import org.greenvn.tenant.Tenant;
import org.junit.jupiter.api.Test;

class TenantWebhooksTest {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Tenant ACME =
      Tenant.builder("acme")
          .timeZone(ZoneId.of("Asia/Kolkata"))
          .flow(Flow.withDefaults("standard"))
          .flow(Flow.withDefaults("express"))
          .build();

  @Test
  void flowUrlOverridesTheTenantsForItsKindOnly() {
    TenantWebhooks webhooks =
        TenantWebhooks.builder(ACME)
            .url(EventType.CALL, "https://hooks.acme.example/calls")
            .url(EventType.VERIFICATION_SUCCEEDED, "https://hooks.acme.example/pins")
            .url(EventType.DEALLOCATION, "https://hooks.acme.example/expired")
            .flowUrl("express", EventType.CALL, "https://express.acme.example/calls")
            .secret(SECRET)
            .build();

    assertThat(webhooks.urlFor(EventType.CALL, Optional.of("express")))
        .contains(URI.create("https://express.acme.example/calls"));
    assertThat(webhooks.urlFor(EventType.CALL, Optional.of("standard")))
        .contains(URI.create("https://hooks.acme.example/calls"));
    assertThat(webhooks.urlFor(EventType.VERIFICATION_SUCCEEDED, Optional.of("express")))
        .contains(URI.create("https://hooks.acme.example/pins"));
    assertThat(webhooks.urlFor(EventType.DEALLOCATION, Optional.empty()))
        .contains(URI.create("https://hooks.acme.example/expired"));
    assertThat(webhooks.urlFor(EventType.OUT_OF_ALLOCATION, Optional.empty())).isEmpty();
    assertThat(webhooks.timeZone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
  }

  @Test
  void defaultsAreADayOfRetriesAndPrivateTargetsRefused() {
    TenantWebhooks webhooks = TenantWebhooks.builder(ACME).build();

    assertThat(webhooks.retryHorizon()).isEqualTo(Duration.ofHours(24));
    assertThat(webhooks.backoffBase()).isEqualTo(Duration.ofSeconds(5));
    assertThat(webhooks.backoffCap()).isEqualTo(Duration.ofHours(1));
    assertThat(webhooks.allowPrivateTargets()).isFalse();
    assertThat(webhooks.urlFor(EventType.CALL, Optional.empty())).isEmpty();
  }

  @Test
  void refusesOverridesForUnknownFlowsAndForKindsWithoutAFlow() {
    assertThatThrownBy(
            () -> TenantWebhooks.builder(ACME)
                .flowUrl("premium", EventType.CALL, "https://x.example/"))
        .isInstanceOf(InvalidWebhookConfigException.class)
        .hasMessageContaining("no flow premium");
    assertThatThrownBy(
            () -> TenantWebhooks.builder(ACME)
                .flowUrl("express", EventType.DEALLOCATION, "https://x.example/"))
        .isInstanceOf(InvalidWebhookConfigException.class)
        .hasMessageContaining("DEALLOCATION events belong to no flow");
  }

  @Test
  void refusesUrlsWithoutASecretDuplicatesAndBadDurations() {
    assertThatThrownBy(
            () -> TenantWebhooks.builder(ACME).url(EventType.CALL, "https://x.example/").build())
        .isInstanceOf(InvalidWebhookConfigException.class)
        .hasMessageContaining("no signing secret");
    assertThatThrownBy(
            () -> TenantWebhooks.builder(ACME)
                .url(EventType.CALL, "https://x.example/")
                .url(EventType.CALL, "https://y.example/"))
        .isInstanceOf(InvalidWebhookConfigException.class)
        .hasMessageContaining("URL for CALL is set twice");
    assertThatThrownBy(() -> TenantWebhooks.builder(ACME).secret(SECRET).secret(SECRET))
        .isInstanceOf(InvalidWebhookConfigException.class)
        .hasMessageContaining("added twice");
    assertThatThrownBy(
            () -> TenantWebhooks.builder(ACME).retryHorizon(Duration.ZERO).build())
        .isInstanceOf(InvalidWebhookConfigException.class)
        .hasMessageContaining("retryHorizon");
    assertThatThrownBy(
            () -> TenantWebhooks.builder(ACME)
                .backoff(Duration.ofMinutes(2), Duration.ofMinutes(1)).build())
        .isInstanceOf(InvalidWebhookConfigException.class)
        .hasMessageContaining("longer than its cap");
    assertThatThrownBy(
            () -> TenantWebhooks.builder(ACME).url(EventType.CALL, "https://bad host/").build())
        .isInstanceOf(InvalidWebhookConfigException.class)
        .hasMessageContaining("not a valid URL");
  }

  @Test
  void privateTargetsNeedExplicitPermissionAndFlowUrlsAreCheckedToo() {
    assertThatThrownBy(
            () -> TenantWebhooks.builder(ACME)
                .url(EventType.CALL, "http://127.0.0.1:8080/calls")
                .secret(SECRET)
                .build())
        .isInstanceOf(InvalidWebhookConfigException.class)
        .hasMessageContaining("loopback");
    assertThatThrownBy(
            () -> TenantWebhooks.builder(ACME)
                .flowUrl("express", EventType.CALL, "http://192.168.0.10/calls")
                .secret(SECRET)
                .build())
        .isInstanceOf(InvalidWebhookConfigException.class)
        .hasMessageContaining("of flow express")
        .hasMessageContaining("private");

    TenantWebhooks allowed =
        TenantWebhooks.builder(ACME)
            .url(EventType.CALL, "http://127.0.0.1:8080/calls")
            .secret(SECRET)
            .allowPrivateTargets(true)
            .build();
    assertThat(allowed.allowPrivateTargets()).isTrue();
  }

  @Test
  void toStringShowsNeitherSecretsNorUrlQueries() {
    TenantWebhooks webhooks =
        TenantWebhooks.builder(ACME)
            .url(EventType.CALL, "https://hooks.acme.example/calls?token=s3cr3t-token")
            .secret(SECRET)
            .build();

    assertThat(webhooks.toString())
        .contains("acme", "hooks.acme.example/calls")
        .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        .doesNotContain("s3cr3t-token");
  }
}
