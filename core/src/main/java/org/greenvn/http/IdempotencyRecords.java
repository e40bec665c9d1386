package org.greenvn.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The responses of POSTs sent with an {@code Idempotency-Key}, so that a retry gets the first
 * response and does nothing again. Kept in memory, per tenant and key, for a time to live and
 * within a bound on the bytes held (the oldest go first): a key is honoured for as long as its
 * record is kept, and not across a restart of the server.
 *
 * <p>A response of status 500 or more is not kept, so that a retry runs again. While the first
 * request with a key is being served, another with the same key is refused (409).
 */
final class IdempotencyRecords {

  static final int MAX_KEY_LENGTH = 255;

  private sealed interface Entry permits InProgress, Done {
    String fingerprint();
  }

  private record InProgress(String fingerprint) implements Entry {}

  private record Done(String fingerprint, ApiResponse response) implements Entry {}

  /** What a request with a key is to do: serve it first, or replay the first response. */
  sealed interface Outcome permits Claim, Replay {}

  /** Serve it: the key is this request's; {@link #complete} or {@link #release} it after. */
  record Claim(String cacheKey, String fingerprint) implements Outcome {}

  /** Send this response again; serve nothing. */
  record Replay(ApiResponse response) implements Outcome {}

  private final Cache<String, Entry> entries;

  IdempotencyRecords(Clock clock, Duration timeToLive, long maxBytes) {
    this.entries =
        Caffeine.newBuilder()
            .expireAfterWrite(timeToLive)
            .maximumWeight(maxBytes)
            .weigher((String key, Entry entry) -> weight(key, entry))
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .executor(Runnable::run)
            .build();
  }

  /** Checks an {@code Idempotency-Key} header: 1 to 255 visible ASCII characters. */
  static String checkedKey(String key) {
    if (key.isEmpty()
        || key.length() > MAX_KEY_LENGTH
        || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw ApiError.bad(
          "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters");
    }
    return key;
  }

  /**
   * Claims a key for a request, or finds the response it already had.
   *
   * @param fingerprint what the request was (method, path, a digest of the body)
   * @throws ApiError 400 when the key went with another request, 409 while it is being served
   */
  Outcome claim(String tenantSid, String key, String fingerprint) {
    String cacheKey = tenantSid + '\n' + key;
    Entry existing = entries.asMap().putIfAbsent(cacheKey, new InProgress(fingerprint));
    if (existing == null) {
      return new Claim(cacheKey, fingerprint);
    }
    if (!existing.fingerprint().equals(fingerprint)) {
      throw ApiError.idempotencyKeyReused();
    }
    if (existing instanceof Done done) {
      return new Replay(done.response());
    }
    throw ApiError.idempotencyKeyInUse();
  }

  /** Keeps the response of a claimed key, unless it is a server error. */
  void complete(Claim claim, ApiResponse response) {
    if (response.status() >= 500) {
      release(claim);
    } else {
      entries.put(claim.cacheKey(), new Done(claim.fingerprint(), response));
    }
  }

  /** Forgets a claimed key: the request did not finish, so a retry must run. */
  void release(Claim claim) {
    entries.asMap().remove(claim.cacheKey(), new InProgress(claim.fingerprint()));
  }

  private static int weight(String key, Entry entry) {
    long bytes = 64L + 2L * key.length();
    if (entry instanceof Done done) {
      bytes += done.response().body().length;
    }
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }
}
