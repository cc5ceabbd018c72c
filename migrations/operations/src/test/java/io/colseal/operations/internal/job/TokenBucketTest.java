package io.colseal.operations.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void reserve_withinOneSecondOfTokens_noWait() {
    TokenBucket b = new TokenBucket(100, now::get);
    assertEquals(0, b.reserve(100));
  }

  @Test
  void reserve_beyondTheTokens_waitsForTheDeficit() {
    TokenBucket b = new TokenBucket(100, now::get);
    b.reserve(100);
    assertEquals(500_000_000L, b.reserve(50)); // 50 rows at 100/s: half a second
  }

  @Test
  void reserve_afterTimePasses_refills() {
    TokenBucket b = new TokenBucket(100, now::get);
    b.reserve(100);
    now.addAndGet(1_000_000_000L);
    assertEquals(0, b.reserve(100));
  }

  @Test
  void reserve_idleLong_holdsAtMostOneSecond() {
    TokenBucket b = new TokenBucket(100, now::get);
    now.addAndGet(60_000_000_000L);
    assertEquals(1_000_000_000L, b.reserve(200));
  }

  @Test
  void constructor_zeroRate_throws() {
    assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, now::get));
  }
}
