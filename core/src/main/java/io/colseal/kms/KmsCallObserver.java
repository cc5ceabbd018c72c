package io.colseal.kms;

import java.time.Duration;

/**
 * Told of each call colseal makes to its {@link KmsProvider}, after the call ends: for a timer
 * with a histogram (a Micrometer {@code Timer}), or a log of slow calls. Registered with {@link
 * io.colseal.ColsealStats#addKmsCallObserver}; calls made before that are only in the counts
 * ({@link io.colseal.ColsealStats#kmsCalls()}).
 *
 * <p>Runs on the thread that called the KMS (a caller waiting for a key, or a background refresh),
 * so it must be quick and must not block. It learns the operation, outcome and duration only: no
 * key, no key id, no table. An exception it throws is logged by class name and otherwise ignored;
 * it never fails the KMS call.
 */
@FunctionalInterface
public interface KmsCallObserver {
  /**
   * One call ended.
   *
   * @param duration from the call to its return or exception, measured with {@link System#nanoTime()}
   */
  void onCall(KmsOperation operation, KmsCallOutcome outcome, Duration duration);
}
