package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.colseal.exception.DecryptionException;
import io.colseal.hibernate.model.Member;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.LogCapture;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;

/**
 * With Hibernate's SQL and bind-parameter logging (indeed all of Hibernate) at TRACE, a forced
 * decrypt failure and a constraint violation inside a JDBC batch, no canary plaintext reaches the
 * log output or any exception text.
 */
class CanaryLoggingIT {
  @EachDatabase
  void traceLogging_decryptFailureAndBatchViolation_noCanaryInLogsOrExceptions(Kind kind) throws Exception {
    String canary = "CANARY-" + UUID.randomUUID();
    List<String> canaries = List.of(canary + "@example.com", canary + "-900101-1234567", canary + "-photo");
    StringBuilder exceptionText = new StringBuilder();
    try (TestDatabase db = TestDatabase.create(kind);
        LogCapture logs = new LogCapture(Map.of(
            "org.hibernate", Level.TRACE,
            "org.hibernate.SQL", Level.TRACE,
            "org.hibernate.orm.jdbc.bind", Level.TRACE,
            "io.colseal", Level.TRACE))) {
      Map<String, Object> settings = TestSessionFactories.settings(db, new InMemoryKms());
      settings.put(AvailableSettings.STATEMENT_BATCH_SIZE, "10");
      try (SessionFactory sf = TestSessionFactories.build(settings, Member.class)) {
        sf.inTransaction(s -> {
          for (long id = 1; id <= 3; id++) {
            s.persist(member(id, "login" + id, canaries));
          }
        });
        Member read = sf.fromTransaction(s -> s.find(Member.class, 1L));
        assertTrue(read.email.equals(canaries.get(0)));
        sf.inTransaction(s -> s.find(Member.class, 2L).rrn = canaries.get(1) + "-changed");

        // A unique violation in the middle of a JDBC batch (drivers echo batch parameters).
        RuntimeException batch = assertThrows(RuntimeException.class, () -> sf.inTransaction(s -> {
          for (long id = 10; id <= 14; id++) {
            s.persist(member(id, id == 13 ? "login1" : "login" + id, canaries));
          }
        }));
        exceptionText.append(stackTrace(batch));

        // A forced decrypt failure: tamper with a stored value, then load.
        String stored = (String) Raw.value(db, "members", "email", "id = 3");
        Raw.update(db, "UPDATE members SET email = ? WHERE id = 3", stored.substring(0, stored.length() - 4) + "AAA=");
        RuntimeException decrypt = assertThrows(RuntimeException.class, () -> sf.fromTransaction(s -> s.find(Member.class, 3L)));
        assertNotNull(Raw.causeOf(decrypt, DecryptionException.class));
        exceptionText.append(stackTrace(decrypt));
      }
      String captured = logs.text();
      // Positive controls: the capture saw SQL, bound values (as envelopes) and the failures.
      assertTrue(captured.contains("insert into members"), "SQL logging captured");
      assertTrue(captured.contains("cs1:01:0000000001:"), "bind logging captured envelopes");
      assertTrue(exceptionText.toString().contains("members.email"), "decrypt failure captured");
      assertTrue(logs.events() > 100, "events: " + logs.events());
      for (String c : canaries) {
        for (String form : forms(c)) {
          assertFalse(captured.contains(form), "log output contains " + form);
          assertFalse(exceptionText.toString().contains(form), "exception text contains " + form);
        }
      }
      assertFalse(captured.contains(canary), "log output contains the canary");
      assertFalse(exceptionText.toString().contains(canary), "exception text contains the canary");
    }
  }

  private static Member member(long id, String login, List<String> canaries) {
    Member m = new Member();
    m.id = id;
    m.login = login;
    m.email = canaries.get(0);
    m.rrn = canaries.get(1);
    m.birthDate = LocalDate.of(1990, 1, 1);
    m.photo = canaries.get(2).getBytes(StandardCharsets.UTF_8);
    return m;
  }

  /** The canary as text, and as the hex and Base64 a logger might print for its bytes. */
  private static List<String> forms(String c) {
    byte[] b = c.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    out.add(c);
    out.add(java.util.HexFormat.of().formatHex(b, 0, 12));
    out.add(java.util.HexFormat.of().withUpperCase().formatHex(b, 0, 12));
    out.add(java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(b, 12)));
    return out;
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
