package io.colseal.internal.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.EncryptedColumn;
import io.colseal.Storage;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyTableException;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assertions;

/**
 * Creating a table's first key is a race the key table's own unique constraints decide. Only a
 * violation of those counts as a lost race; any other failure is reported with its SQLState and
 * the operation that hit it. The build runs this class on H2 2.5 and, in execution h2-2.4, on H2
 * 2.4.240 (Spring Boot's H2).
 */
class KeyTableRaceIT {
  private static ColsealConfig config(InMemoryKms kms) {
    return ColsealConfig.builder().kmsProvider(kms).build();
  }

  @EachDatabase
  void createKey_anotherConstraintRejectsTheRow_failsWithItsSqlStateAndTheOperation(TestDatabase db) throws Exception {
    InMemoryKms kms = new InMemoryKms();
    try (Colseal colseal = Colseal.start(db.dataSource(), config(kms))) {
      Raw.update(db, "ALTER TABLE colseal_data_key ADD CONSTRAINT test_no_forbidden CHECK (table_name <> 'forbidden')");
      ColumnCipher<String, String> cipher = colseal.textColumn("forbidden", "note", String.class);
      KeyTableException e = Assertions.assertThrows(KeyTableException.class, () -> cipher.encrypt("x"));
      assertEquals(ErrorCode.KEY_TABLE_ERROR, e.code());
      assertNotNull(e.sqlState());
      assertTrue(e.sqlState().startsWith("23") || e.sqlState().equals("HY000"), e.sqlState());
      assertTrue(e.getMessage().contains("create key forbidden v1") && e.getMessage().contains(e.sqlState()),
          e.getMessage());
      assertEquals(1, kms.generateCalls(), "tried once, not five times as if it had lost a race");
      // The other tables are unaffected.
      assertEquals("y", colseal.textColumn("allowed", "note", String.class)
          .decrypt(colseal.textColumn("allowed", "note", String.class).encrypt("y")));
    }
  }

  @EachDatabase
  void createKey_eightInstancesAtOnce_oneActiveKey_everyoneUsesIt(TestDatabase db) throws Exception {
    InMemoryKms kms = new InMemoryKms();
    try (Colseal setup = Colseal.start(db.dataSource(), config(kms))) {
      setup.keyRing().versions(); // migrates the key table before the race
    }
    int n = 8;
    List<Colseal> instances = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      for (int i = 0; i < n; i++) {
        instances.add(Colseal.start(db.dataSource(), config(kms)));
      }
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> stored = new ArrayList<>();
      for (Colseal c : instances) {
        stored.add(pool.submit(() -> {
          go.await();
          return c.textColumn("orders", "note", String.class).encrypt("note");
        }));
      }
      go.countDown();
      for (Future<String> f : stored) {
        String value = f.get();
        assertTrue(value.startsWith("cs1:01:0000000001:"), value);
        for (Colseal c : instances) {
          assertEquals("note", c.textColumn("orders", "note", String.class).decrypt(value));
        }
      }
      assertEquals(List.of(1), Raw.values(db, "colseal_data_key", "key_version", "table_name = 'orders'"));
    } finally {
      pool.shutdownNow();
      instances.forEach(Colseal::close);
    }
  }

  /**
   * Eight instances of one application start at once on an empty registry and record the same
   * columns, half of them in the opposite order. On MariaDB an update of a missing row locks the
   * gap it would be in, so recording a column as "update, else insert" in one transaction
   * deadlocks with the instance doing the same; recording must neither deadlock nor fail.
   */
  @EachDatabase
  void registerColumns_eightInstancesAtOnce_allSucceed_oneRowPerColumn(TestDatabase db) throws Exception {
    InMemoryKms kms = new InMemoryKms();
    try (Colseal setup = Colseal.start(db.dataSource(), config(kms))) {
      setup.keyRing().versions(); // migrates the key table before the race
    }
    List<EncryptedColumn> columns = new ArrayList<>();
    for (String table : List.of("race_a", "race_b", "race_c")) {
      for (String column : List.of("c1", "c2", "c3", "c4")) {
        columns.add(new EncryptedColumn("Race", column, table, column, String.class, Storage.TEXT,
            Classification.UNSPECIFIED, table, column));
      }
    }
    List<EncryptedColumn> reversed = new ArrayList<>(columns);
    Collections.reverse(reversed);
    int n = 8;
    List<Colseal> instances = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      for (int i = 0; i < n; i++) {
        instances.add(Colseal.start(db.dataSource(), config(kms)));
      }
      for (int round = 0; round < 5; round++) {
        Raw.update(db, "DELETE FROM colseal_column WHERE table_name LIKE 'race_%'");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          Colseal c = instances.get(i);
          List<EncryptedColumn> order = i % 2 == 0 ? columns : reversed;
          done.add(pool.submit(() -> {
            go.await();
            c.register(order);
            return null;
          }));
        }
        go.countDown();
        for (Future<?> f : done) {
          f.get();
        }
        assertEquals(columns.size(),
            Raw.values(db, "colseal_column", "column_name", "table_name LIKE 'race_%'").size());
      }
    } finally {
      pool.shutdownNow();
      instances.forEach(Colseal::close);
    }
  }
}
