package io.colseal.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.colseal.Colseal;
import io.colseal.ColumnCipher;
import io.colseal.EncryptionMode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** Without JPA the starter starts a Colseal on the DataSource, for JdbcTemplate code, and closes it at shutdown. */
class JdbcOnlyIT {
  @TempDir Path dir;

  @Test
  void colsealBean_withoutJpa_encryptsForJdbcTemplate() {
    BootContexts.jdbc(dir).run(context -> {
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      jdbc.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(1000))");
      ColumnCipher<String, String> body = context.getBean(Colseal.class)
          .textColumn("notes", "body", String.class, EncryptionMode.RANDOMIZED);
      jdbc.update("INSERT INTO notes VALUES (1, ?)", body.encrypt("meet at noon"));

      String stored = jdbc.queryForObject("SELECT body FROM notes WHERE id = 1", String.class);
      assertNotEquals("meet at noon", stored);
      assertEquals("meet at noon", body.decrypt(stored));
    });
  }

  @Test
  void colsealBean_withoutJpa_isClosedAtShutdown() {
    Colseal[] seen = new Colseal[1];
    BootContexts.jdbc(dir).run(context -> {
      seen[0] = context.getBean(Colseal.class);
      context.getSourceApplicationContext().close();
    });
    // A closed instance has zeroed its keys and closed its KEK provider: a new key cannot be made.
    assertThrows(RuntimeException.class,
        () -> seen[0].textColumn("closed", "body", String.class).encrypt("x"));
  }
}
