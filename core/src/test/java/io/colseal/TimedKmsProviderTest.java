package io.colseal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.colseal.kms.GeneratedDataKey;
import io.colseal.kms.KeyContext;
import io.colseal.kms.KmsCallOutcome;
import io.colseal.kms.KmsOperation;
import io.colseal.kms.WrappedKey;
import io.colseal.testing.InMemoryKms;
import org.junit.jupiter.api.Test;

/**
 * The operations a running instance never calls (wrap, rewrap, describe), counted by the same
 * provider wrapper; {@link ColsealStatsTest} covers generate and unwrap through {@link Colseal}.
 */
class TimedKmsProviderTest {
  private final InMemoryKms kms = new InMemoryKms().addKek("other-kek");
  private final TimedKmsProvider timed = new TimedKmsProvider(kms);
  private final KeyContext context = new KeyContext("customers", 1);

  private long count(KmsOperation operation) {
    return timed.stats(operation, KmsCallOutcome.SUCCESS).count();
  }

  @Test
  void everyOperation_countedOnceUnderItsName() {
    try (GeneratedDataKey generated = timed.generateDataKey(context)) {
      WrappedKey wrapped = timed.wrap(generated.plaintext(), context, "other-kek");
      timed.unwrap(wrapped, context).close();
      timed.rewrap(wrapped, context, "in-memory-kek");
      timed.describeKek("other-kek");
    }
    assertEquals(1, count(KmsOperation.GENERATE_DATA_KEY));
    assertEquals(1, count(KmsOperation.WRAP), "the provider's own unwrap and wrap inside rewrap are not counted");
    assertEquals(1, count(KmsOperation.UNWRAP));
    assertEquals(1, count(KmsOperation.REWRAP));
    assertEquals(1, count(KmsOperation.DESCRIBE_KEK));
    assertEquals(2, kms.unwrapCalls(), "the provider did unwrap twice: once asked, once inside its rewrap");
  }
}
