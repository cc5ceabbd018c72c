package io.colseal;

import io.colseal.kms.KmsCallOutcome;
import io.colseal.kms.KmsOperation;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The calls of one {@link KmsOperation} that ended with one {@link KmsCallOutcome}, since the
 * colseal instance started: how many, and how long they took in total and at most. A live view:
 * each read returns the count of that moment, and the object stays the same for the life of its
 * {@link ColsealStats}, so a meter may hold it (a Micrometer {@code FunctionTimer} of {@link
 * #count()} and {@link #totalTime()}).
 *
 * <p>Durations are measured with {@link System#nanoTime()} around the provider call, retries inside
 * the provider included. The count and the total are read one after the other, not as one
 * snapshot. Thread safe; recording takes no lock.
 */
public final class KmsCallStats {
  private final KmsOperation operation;
  private final KmsCallOutcome outcome;
  private final LongAdder count = new LongAdder();
  private final LongAdder totalNanos = new LongAdder();
  private final AtomicLong maxNanos = new AtomicLong();

  KmsCallStats(KmsOperation operation, KmsCallOutcome outcome) {
    this.operation = operation;
    this.outcome = outcome;
  }

  void record(long nanos) {
    count.increment();
    totalNanos.add(nanos);
    maxNanos.accumulateAndGet(nanos, Math::max);
  }

  public KmsOperation operation() {
    return operation;
  }

  public KmsCallOutcome outcome() {
    return outcome;
  }

  /** Calls counted. */
  public long count() {
    return count.sum();
  }

  /** The time all counted calls took together. */
  public Duration totalTime() {
    return Duration.ofNanos(totalNanos.sum());
  }

  /** The longest counted call; zero if there was none. */
  public Duration maxTime() {
    return Duration.ofNanos(maxNanos.get());
  }

  @Override
  public String toString() {
    return "KmsCallStats[" + operation + " " + outcome + ": " + count() + " calls, total " + totalTime() + ", max "
        + maxTime() + "]";
  }
}
