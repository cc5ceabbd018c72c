package io.colseal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.colseal.jdbc.ConnectionSource;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.TestDatabase;
import java.util.List;

/**
 * {@link ColsealStats} against the key table of every database: exact encryption and decryption
 * counts per table, and the ACTIVE key version per table as this process follows a rotation.
 */
class ColsealStatsIT {
  private static ColsealConfig config(InMemoryKms kms) {
    return ColsealConfig.builder().kmsProvider(kms).build();
  }

  @EachDatabase
  void tables_nEncryptionsAndDecryptions_countExactlyNPerTable(TestDatabase db) {
    try (Colseal colseal = Colseal.start(db.dataSource(), config(new InMemoryKms()))) {
      ColumnCipher<String, String> email = colseal.textColumn("customers", "email", String.class);
      ColumnCipher<String, byte[]> phone = colseal.binaryColumn("Customers", "phone", String.class);
      ColumnCipher<String, String> card = colseal.textColumn("orders", "card", String.class);
      String storedEmail = null;
      for (int i = 0; i < 7; i++) {
        storedEmail = email.encrypt("customer" + i + "@example.com");
      }
      byte[] storedPhone = null;
      for (int i = 0; i < 3; i++) {
        storedPhone = phone.encrypt("010-0000-000" + i);
      }
      String storedCard = null;
      for (int i = 0; i < 5; i++) {
        storedCard = card.encrypt("4111-1111-1111-111" + i);
      }
      for (int i = 0; i < 4; i++) {
        email.decrypt(storedEmail);
      }
      phone.decrypt(storedPhone);
      card.decrypt(storedCard);
      card.decrypt(card.reencrypt(storedCard)); // opens once and seals once, then opens again

      ColsealStats stats = colseal.stats();
      assertEquals(List.of("customers", "orders"), stats.tables().stream().map(TableStats::table).toList());
      TableStats customers = stats.table("customers");
      assertEquals(10, customers.encryptions(), "7 emails and 3 phones");
      assertEquals(5, customers.decryptions(), "4 emails and 1 phone");
      TableStats orders = stats.table("ORDERS");
      assertEquals(6, orders.encryptions(), "5 cards and 1 re-encryption");
      assertEquals(3, orders.decryptions(), "2 decryptions and the re-encryption's opening");
      assertEquals(16, colseal.keyRing().stats().encryptions(), "the key ring's totals are the tables' sums");
      assertEquals(8, colseal.keyRing().stats().decryptions());
      assertSame(customers, stats.tables().get(0), "one live object per table, for meters to hold");
    }
  }

  @EachDatabase
  void activeVersion_rotationMadeElsewhere_changesWhenThisProcessRefreshes(TestDatabase db) {
    InMemoryKms kms = new InMemoryKms();
    try (Colseal app = Colseal.start(db.dataSource(), config(kms))) {
      TableStats customers = app.stats().table("customers");
      assertEquals(0, customers.activeVersion(), "not known before first use");
      ColumnCipher<String, String> email = app.textColumn("customers", "email", String.class);
      email.encrypt("a@example.com");
      assertEquals(1, customers.activeVersion());

      // Another process rotates (what 'colseal keys rotate' runs).
      try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()), config(kms))) {
        assertEquals(2, admin.rotate("customers").version());
      }
      assertEquals(1, customers.activeVersion(), "this process still encrypts with v1 until it reads the key table");
      app.keyRing().refresh();
      assertEquals(2, customers.activeVersion());

      app.keyRing().rotate("customers");
      assertEquals(3, customers.activeVersion(), "a rotation made here is followed at once");
      assertFalse(customers.toString().contains("a@example.com"), customers.toString());
    }
  }
}
