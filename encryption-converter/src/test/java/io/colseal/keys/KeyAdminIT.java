package io.colseal.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.ColsealConfig;
import io.colseal.ConnectionSource;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class KeyAdminIT {
  @Test
  void init_autoCreateOff_createsTheMissingKey() {
    try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2)) {
      ColsealConfig config = ColsealConfig.builder().kmsProvider(new InMemoryKms()).autoCreateKeys(false).build();
      try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()), config)) {
        KeyAdmin.InitResult first = admin.init("orders");
        KeyAdmin.InitResult second = admin.init("orders");

        assertTrue(first.created());
        assertEquals(1, first.version().version());
        assertEquals(KeyState.ACTIVE, first.version().state());
        assertFalse(second.created());
      }
    }
  }
}
