package io.colseal;

import io.colseal.exception.KmsException;
import io.colseal.kms.GeneratedDataKey;
import io.colseal.kms.KekStatus;
import io.colseal.kms.KeyContext;
import io.colseal.kms.KmsCallObserver;
import io.colseal.kms.KmsCallOutcome;
import io.colseal.kms.KmsOperation;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.SecretKeyMaterial;
import io.colseal.kms.WrappedKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured KEK provider, with every call counted and timed by operation and outcome ({@link
 * KmsCallStats}) and passed on to the registered {@link KmsCallObserver}s. {@link Colseal} puts it
 * around whatever provider the configuration names, so a provider counts nothing itself. {@link
 * KmsProvider#rewrap} is passed to the provider's own (AWS KMS re-encrypts inside the KMS) and
 * counted as one call. Thread safe: recording takes no lock, and observers are a copy-on-write
 * list.
 */
final class TimedKmsProvider implements KmsProvider {
  private static final Logger LOG = LoggerFactory.getLogger(TimedKmsProvider.class);
  private static final KmsCallOutcome[] OUTCOMES = KmsCallOutcome.values();

  private final KmsProvider provider;
  /** One per operation and outcome, at {@code operation.ordinal() * OUTCOMES.length + outcome.ordinal()}. */
  private final KmsCallStats[] stats;
  private final List<KmsCallObserver> observers = new CopyOnWriteArrayList<>();

  TimedKmsProvider(KmsProvider provider) {
    this.provider = provider;
    KmsOperation[] operations = KmsOperation.values();
    stats = new KmsCallStats[operations.length * OUTCOMES.length];
    for (KmsOperation op : operations) {
      for (KmsCallOutcome outcome : OUTCOMES) {
        stats[index(op, outcome)] = new KmsCallStats(op, outcome);
      }
    }
  }

  private static int index(KmsOperation operation, KmsCallOutcome outcome) {
    return operation.ordinal() * OUTCOMES.length + outcome.ordinal();
  }

  /** The counts of {@code operation} ending with {@code outcome}. */
  KmsCallStats stats(KmsOperation operation, KmsCallOutcome outcome) {
    return stats[index(operation, outcome)];
  }

  /** Every operation and outcome, operations in declaration order. */
  List<KmsCallStats> stats() {
    return List.of(stats);
  }

  void addObserver(KmsCallObserver observer) {
    observers.add(observer);
  }

  void removeObserver(KmsCallObserver observer) {
    observers.remove(observer);
  }

  @Override
  public String name() {
    return provider.name();
  }

  @Override
  public String kekId() {
    return provider.kekId();
  }

  @Override
  public GeneratedDataKey generateDataKey(KeyContext context) {
    return timed(KmsOperation.GENERATE_DATA_KEY, () -> provider.generateDataKey(context));
  }

  @Override
  public SecretKeyMaterial unwrap(WrappedKey wrapped, KeyContext context) {
    return timed(KmsOperation.UNWRAP, () -> provider.unwrap(wrapped, context));
  }

  @Override
  public WrappedKey wrap(SecretKeyMaterial key, KeyContext context, String kekId) {
    return timed(KmsOperation.WRAP, () -> provider.wrap(key, context, kekId));
  }

  @Override
  public WrappedKey rewrap(WrappedKey wrapped, KeyContext context, String toKekId) {
    return timed(KmsOperation.REWRAP, () -> provider.rewrap(wrapped, context, toKekId));
  }

  @Override
  public SecretKeyMaterial unwrapForeignDataKey(byte[] ciphertextBlob) {
    return timed(KmsOperation.UNWRAP, () -> provider.unwrapForeignDataKey(ciphertextBlob));
  }

  @Override
  public KekStatus describeKek(String kekId) {
    return timed(KmsOperation.DESCRIBE_KEK, () -> provider.describeKek(kekId));
  }

  @Override
  public java.net.@org.jspecify.annotations.Nullable URI endpoint() {
    return provider.endpoint();
  }

  @Override
  public void close() {
    provider.close();
  }

  private <R> R timed(KmsOperation operation, Supplier<R> call) {
    long start = System.nanoTime();
    KmsCallOutcome outcome = KmsCallOutcome.FAILED;
    try {
      R result = call.get();
      outcome = KmsCallOutcome.SUCCESS;
      return result;
    } catch (KmsException e) {
      if (e.isRetryable()) {
        outcome = KmsCallOutcome.UNAVAILABLE;
      }
      throw e;
    } finally {
      record(operation, outcome, System.nanoTime() - start);
    }
  }

  private void record(KmsOperation operation, KmsCallOutcome outcome, long nanos) {
    stats[index(operation, outcome)].record(nanos);
    if (observers.isEmpty()) {
      return;
    }
    Duration duration = Duration.ofNanos(nanos);
    for (KmsCallObserver o : observers) {
      try {
        o.onCall(operation, outcome, duration);
      } catch (RuntimeException e) {
        LOG.warn("KMS call observer {} threw {}; the call itself is unaffected", o.getClass().getName(),
            e.getClass().getName());
      }
    }
  }

  @Override
  public String toString() {
    return provider.toString();
  }
}
