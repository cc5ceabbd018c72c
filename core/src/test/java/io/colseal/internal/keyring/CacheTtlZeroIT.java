package io.colseal.internal.keyring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.TestDatabase;
import java.time.Duration;

class CacheTtlZeroIT {
  @EachDatabase
  void encrypt_cacheTtlZero_encryptsAndDecrypts(TestDatabase db) {
    try (Colseal colseal = Colseal.start(db.dataSource(),
            ColsealConfig.builder().kmsProvider(new InMemoryKms()).keyCacheTtl(Duration.ZERO).build())) {
      var email = colseal.textColumn("customers", "email", String.class);

      String first = email.encrypt("customer1@example.com");
      String second = email.encrypt("customer2@example.com");

      assertEquals("customer1@example.com", email.decrypt(first));
      assertEquals("customer2@example.com", email.decrypt(second));
    }
  }
}
