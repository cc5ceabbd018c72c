package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.cli.testing.Accounts;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliProcess;
import io.colseal.hibernate.search.Partner;
import io.colseal.hibernate.search.Subscriber;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * Equality queries on deterministic columns while {@code colseal reencrypt} moves the rows from the
 * previous key version to the new one: after every batch the job commits, the application's HQL
 * and Criteria queries still find every matching row, whichever version each row is on at that
 * moment. The job runs as its own process ({@code colseal.jar}); the application is a Hibernate
 * SessionFactory in this JVM.
 */
@Tag("jar")
class ReencryptSearchIT {
  private static final int ROWS = 400;
  private static final String[] CITIES = {"Seoul", "Busan", "Incheon"};

  @TempDir Path dir;

  @EachDatabase
  void queriesDuringReencryption_findRowsOnBothVersions(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir);
        // H2 (AUTO_SERVER): an open connection keeps the database served from this JVM while the job's
        // process comes and goes.
        Connection hold = db.owner() == null ? db.connect() : null) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = Accounts.cli(dir, db, keystore);
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      try (SessionFactory sf = TestSessionFactories.build(settings(db, keystore), Subscriber.class, Partner.class)) {
        insert(sf, 1, ROWS / 2);
        cli.run("keys", "rotate", "--table", "subscribers").ok();
        insert(sf, ROWS / 2 + 1, ROWS);
        assertEquals(ROWS / 2, rowsOnVersion(db, 1), "the first half under v1");
        assertEquals(ROWS / 2, rowsOnVersion(db, 2), "the second half under v2");
        assertEveryRowFound(sf, "before the job");

        AtomicInteger checks = new AtomicInteger();
        AtomicInteger midway = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CliProcess.Finished job;
        try (CliProcess p = cli.start(event -> {
              if (!"batch".equals(event.path("event").asText())) {
                return;
              }
              try {
                long onV1 = rowsOnVersion(db, 1);
                assertEveryRowFound(sf, "after a batch, " + onV1 + " rows still on v1");
                checks.incrementAndGet();
                if (onV1 > 0 && onV1 < ROWS / 2) {
                  midway.incrementAndGet();
                }
              } catch (Throwable e) {
                errors.add(e);
              }
            }, "reencrypt", "--table", "subscribers", "--json", "--batch-size", "10", "--max-rows-per-second", "50")) {
          job = p.waitFor();
        }
        JsonNode summary = job.ok().summary();
        assertTrue(errors.isEmpty(), () -> "a query during the job: " + errors.peek());
        assertEquals(0, summary.path("failures").asLong(), summary.toString());
        assertEquals(ROWS / 2, summary.path("rowsExamined").asLong(), summary.toString());
        assertTrue(checks.get() >= 10, "queries ran after " + checks.get() + " batches");
        assertTrue(midway.get() >= 3, midway.get() + " checks saw rows on both versions");
        System.out.printf("ReencryptSearchIT %s: queries checked after %d batches, %d of them with rows on both"
            + " versions%n", kind, checks.get(), midway.get());
        assertEquals(0, rowsOnVersion(db, 1));
        assertEquals(ROWS, rowsOnVersion(db, 2));
        assertEveryRowFound(sf, "after the job");
      }
      assertTrue(hold == null || hold.isValid(5), "the H2 database stayed served from this JVM");
    }
  }

  private static Map<String, Object> settings(CliDatabase db, Path keystore) {
    Map<String, Object> s = App.hibernateSettings(db, keystore);
    s.put(AvailableSettings.HBM2DDL_AUTO, "create");
    s.put("colseal.keys.refresh-interval", "PT0S"); // sees the CLI's rotation at once
    return s;
  }

  private static void insert(SessionFactory sf, int from, int to) {
    sf.inTransaction(s -> IntStream.rangeClosed(from, to).forEach(i -> s.persist(
        new Subscriber(i, "user" + i + "@example.com", CITIES[i % 3], LocalDate.of(1990, 1, 1).plusDays(i % 2)))));
  }

  private static void assertEveryRowFound(SessionFactory sf, String when) {
    sf.inSession(s -> {
      List<Long> seoul = s.createSelectionQuery("select s.id from Subscriber s where s.city = :c order by s.id",
          Long.class).setParameter("c", "Seoul").getResultList();
      assertEquals(IntStream.rangeClosed(1, ROWS).filter(i -> i % 3 == 0).mapToObj(i -> (long) i).toList(), seoul,
          when);
      List<Long> some = s.createSelectionQuery("select s.id from Subscriber s where s.email in :e order by s.id",
          Long.class).setParameterList("e", List.of("user1@example.com", "user150@example.com",
              "user200@example.com", "user201@example.com", "user400@example.com")).getResultList();
      assertEquals(List.of(1L, 150L, 200L, 201L, 400L), some, when);
      var cb = s.getCriteriaBuilder();
      var q = cb.createQuery(Long.class);
      var r = q.from(Subscriber.class);
      q.select(cb.count(r)).where(cb.equal(r.get("birthDate"), LocalDate.of(1990, 1, 2)));
      assertEquals(ROWS / 2L, (long) s.createQuery(q).getSingleResult(), when);
    });
  }

  private static long rowsOnVersion(CliDatabase db, int version) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM subscribers WHERE email LIKE 'cs1:02:"
            + String.format("%010d", version) + ":%'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
