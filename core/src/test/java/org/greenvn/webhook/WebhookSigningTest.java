package org.greenvn.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSigningTest {

  /** The Standard Webhooks reference vector (its libraries' test suites use it). */
  private static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final String VECTOR_TIMESTAMP = "1614265330";
  private static final String VECTOR_BODY = "{\"test\": 2432232314}";
  private static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  @Test
  void signatureMatchesTheStandardWebhooksReferenceVector() {
    String header =
        WebhookSigner.signatureHeader(
            List.of(WebhookSecret.parse(VECTOR_SECRET)), VECTOR_ID, VECTOR_TIMESTAMP,
            VECTOR_BODY.getBytes(StandardCharsets.UTF_8));

    assertThat(header).isEqualTo(VECTOR_SIGNATURE);
  }

  @Test
  void eachSecretAddsItsOwnSignatureComputedIndependentlyWithJavaxCrypto() throws Exception {
    WebhookSecret first = WebhookSecret.generate();
    WebhookSecret second = WebhookSecret.generate();
    String id = "msg_0123";
    String timestamp = "1767225600";
    byte[] body = "{\"greenvn\":\"+914048212136\",\"pin\":\"1234\",\"note\":\"é\"}"
        .getBytes(StandardCharsets.UTF_8);

    String header =
        WebhookSigner.signatureHeader(List.of(first, second), id, timestamp, body);

    assertThat(header)
        .isEqualTo(
            "v1," + independentHmac(first, id, timestamp, body) + " v1,"
                + independentHmac(second, id, timestamp, body));
  }

  @Test
  void referenceVectorVerifiesAndAnyChangeBreaksIt() throws Exception {
    WebhookVerifier verifier = verifierAt(1614265330L);

    verifier.verify(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE, VECTOR_BODY);

    assertRejected(
        () -> verifier.verify(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE, "{\"test\": 1}"),
        WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE);
    assertRejected(
        () -> verifier.verify("msg_other", VECTOR_TIMESTAMP, VECTOR_SIGNATURE, VECTOR_BODY),
        WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE);
    assertRejected(
        () -> verifierAt(1614265331L)
            .verify(VECTOR_ID, "1614265331", VECTOR_SIGNATURE, VECTOR_BODY),
        WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void verifierAcceptsASignatureByAnyOfItsSecretsDuringRotation() throws Exception {
    WebhookSecret old = WebhookSecret.generate();
    WebhookSecret next = WebhookSecret.generate();
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    String signedByOld = WebhookSigner.signatureHeader(List.of(old), "msg_1", "100", body);
    String signedByBoth = WebhookSigner.signatureHeader(List.of(old, next), "msg_1", "100", body);
    Clock at100 = Clock.fixed(Instant.ofEpochSecond(100), ZoneOffset.UTC);

    WebhookVerifier.of(old.encoded(), next.encoded()).withClock(at100)
        .verify("msg_1", "100", signedByOld, body);
    WebhookVerifier.of(next.encoded()).withClock(at100).verify("msg_1", "100", signedByBoth, body);
    assertRejected(
        () -> WebhookVerifier.of(next.encoded()).withClock(at100)
            .verify("msg_1", "100", signedByOld, body),
        WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void verifierRejectsTimestampsOutsideItsTolerance() {
    WebhookVerifier verifier = verifierAt(1614265330L + 301);

    assertRejected(
        () -> verifier.verify(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE, VECTOR_BODY),
        WebhookVerificationException.Reason.TIMESTAMP_OUT_OF_TOLERANCE);
    assertRejected(
        () -> verifierAt(1614265330L - 301)
            .verify(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE, VECTOR_BODY),
        WebhookVerificationException.Reason.TIMESTAMP_OUT_OF_TOLERANCE);
  }

  @Test
  void verifierRejectsMissingHeadersAndMalformedValues() {
    WebhookVerifier verifier = verifierAt(1614265330L);

    assertRejected(
        () -> verifier.verify(null, VECTOR_TIMESTAMP, VECTOR_SIGNATURE, VECTOR_BODY),
        WebhookVerificationException.Reason.MISSING_HEADER);
    assertRejected(
        () -> verifier.verify(VECTOR_ID, " ", VECTOR_SIGNATURE, VECTOR_BODY),
        WebhookVerificationException.Reason.MISSING_HEADER);
    assertRejected(
        () -> verifier.verify(VECTOR_ID, "yesterday", VECTOR_SIGNATURE, VECTOR_BODY),
        WebhookVerificationException.Reason.MALFORMED_TIMESTAMP);
    assertRejected(
        () -> verifier.verify(VECTOR_ID, VECTOR_TIMESTAMP, "v2,abc v1,%%% nonsense", VECTOR_BODY),
        WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void verifierReadsHeadersInAnyCaseAndFindsTheMatchAmongSeveralSignatures() throws Exception {
    String several = "v1,AAAA v1a,xyz " + VECTOR_SIGNATURE;

    verifierAt(1614265330L)
        .verify(
            java.util.Map.of(
                "Webhook-Id", List.of(VECTOR_ID),
                "WEBHOOK-TIMESTAMP", List.of(VECTOR_TIMESTAMP),
                "webhook-signature", List.of(several)),
            VECTOR_BODY.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void secretsMustBeWhsecBase64OfSixteenToSixtyFourBytesAndNeverShowInMessages() {
    String noPrefix = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String notBase64 = "whsec_not*base64*at*all*secret";
    String tooShort = "whsec_" + Base64.getEncoder().encodeToString(new byte[15]);
    String tooLong = "whsec_" + Base64.getEncoder().encodeToString(new byte[65]);

    for (String bad : List.of(noPrefix, notBase64, tooShort, tooLong)) {
      assertThatThrownBy(() -> WebhookSecret.parse(bad))
          .isInstanceOf(InvalidWebhookConfigException.class)
          .message()
          .doesNotContain(bad.substring(6));
    }
    WebhookSecret secret = WebhookSecret.parse(VECTOR_SECRET);
    assertThat(secret.encoded()).isEqualTo(VECTOR_SECRET);
    assertThat(secret.toString()).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    assertThat(WebhookVerifier.of(VECTOR_SECRET).toString())
        .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    assertThat(WebhookSecret.generate()).isNotEqualTo(WebhookSecret.generate());
    assertThat(WebhookSecret.parse(VECTOR_SECRET)).isEqualTo(secret);
  }

  static String independentHmac(WebhookSecret secret, String id, String timestamp, byte[] body)
      throws Exception {
    byte[] key = Base64.getDecoder().decode(secret.encoded().substring("whsec_".length()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(mac.doFinal(body));
  }

  private static WebhookVerifier verifierAt(long epochSecond) {
    return WebhookVerifier.of(VECTOR_SECRET)
        .withClock(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
  }

  private static void assertRejected(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable verification,
      WebhookVerificationException.Reason reason) {
    assertThatThrownBy(verification)
        .isInstanceOfSatisfying(
            WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
