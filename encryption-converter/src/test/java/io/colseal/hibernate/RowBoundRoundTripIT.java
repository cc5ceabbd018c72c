package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.DecryptionException;
import io.colseal.hibernate.model.BoundAccount;
import io.colseal.hibernate.model.BoundDeterministic;
import io.colseal.hibernate.model.BoundIdentityAccount;
import io.colseal.hibernate.model.BoundProfile;
import io.colseal.hibernate.testing.CountingStatementInspector;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import io.colseal.testing.TestDatabase.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;

/**
 * {@code @Encrypted(bindToRow = true)} through Hibernate: values are stored as algorithm-05
 * envelopes bound to the entity's id (sequence-generated), read back on {@code find} and in
 * queries, updated, and not rewritten by a flush that changed nothing. A value swapped into another
 * row by SQL fails with a typed error naming table, column and key version, and never the value.
 * Selecting a row-bound attribute alone and setting it by a bulk update are rejected;
 * IDENTITY ids and deterministic + bindToRow are refused at start-up.
 */
class RowBoundRoundTripIT {
  private static final String CANARY_A = "CANARY-110-2233-4455";
  private static final String CANARY_B = "CANARY-990-8877-6655";

  @EachDatabase
  void rowBound_roundTrips_andASwappedValueFails(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      InMemoryKms kms = new InMemoryKms();
      CountingStatementInspector statements = new CountingStatementInspector();
      Map<String, Object> settings = TestSessionFactories.settings(db, kms);
      settings.put(AvailableSettings.STATEMENT_INSPECTOR, statements);
      byte[] photo = "photo-bytes".getBytes(StandardCharsets.UTF_8);
      try (SessionFactory sf = TestSessionFactories.build(settings, BoundAccount.class, BoundProfile.class)) {
        // An application-assigned UUID id binds as well.
        java.util.UUID p = java.util.UUID.randomUUID();
        sf.inTransaction(s -> s.persist(new BoundProfile(p, "CANARY-900101-1234567")));
        assertEquals("CANARY-900101-1234567", sf.fromTransaction(s -> s.find(BoundProfile.class, p)).residentNo);
        assertTrue(((String) Raw.value(db, "bound_profiles", "resident_no", "resident_no IS NOT NULL"))
            .startsWith("cs1:05:"));

        long a = sf.fromTransaction(s -> {
          BoundAccount x = new BoundAccount(CANARY_A, photo, "note-a");
          s.persist(x);
          return x.id;
        });
        long b = sf.fromTransaction(s -> {
          BoundAccount x = new BoundAccount(CANARY_B, photo, "note-b");
          s.persist(x);
          return x.id;
        });
        String storedA = (String) Raw.value(db, "bound_accounts", "account_no", "id = " + a);
        assertTrue(storedA.startsWith("cs1:05:0000000001:"), storedA);
        assertTrue(((String) Raw.value(db, "bound_accounts", "note", "id = " + a)).startsWith("cs1:01:"));

        BoundAccount readA = sf.fromTransaction(s -> s.find(BoundAccount.class, a));
        assertEquals(CANARY_A, readA.accountNo);
        assertArrayEquals(photo, readA.photo);
        List<BoundAccount> all = sf.fromTransaction(s -> s.createSelectionQuery(
            "from BoundAccount order by id", BoundAccount.class).getResultList());
        assertEquals(List.of(CANARY_A, CANARY_B), all.stream().map(x -> x.accountNo).toList());

        statements.reset();
        sf.inTransaction(s -> s.find(BoundAccount.class, a).note = "note-a"); // same value: nothing to write
        assertEquals(0, statements.updates(), "a load and flush without a change writes nothing");
        sf.inTransaction(s -> s.find(BoundAccount.class, b).accountNo = CANARY_B + "-2");
        assertEquals(1, statements.updates());
        assertEquals(CANARY_B + "-2", sf.fromTransaction(s -> s.find(BoundAccount.class, b)).accountNo);

        // Row b gets row a's envelope: valid for the column, not for the row.
        Raw.update(db, "UPDATE bound_accounts SET account_no = ? WHERE id = " + b, storedA);
        Exception e = assertThrows(Exception.class, () -> sf.fromTransaction(s -> s.find(BoundAccount.class, b)));
        DecryptionException d = Raw.causeOf(e, DecryptionException.class);
        assertNotNull(d, e.toString());
        assertEquals("bound_accounts", d.table());
        assertEquals("account_no", d.column());
        assertEquals(1, d.keyVersion());
        assertFalse(d.getMessage().contains(CANARY_A) || d.getMessage().contains("CANARY"), d.getMessage());

        // Hibernate refuses to change an entity's id, so a bound value never silently changes rows.
        assertThrows(Exception.class, () -> sf.inTransaction(s -> s.find(BoundAccount.class, a).id = a + 1_000));
        assertEquals(CANARY_A, sf.fromTransaction(s -> s.find(BoundAccount.class, a)).accountNo);

        // Alone in a query, or in a bulk update, it has no row.
        ColsealQueryException q = assertThrows(ColsealQueryException.class, () -> sf.fromTransaction(s ->
            s.createSelectionQuery("select x.accountNo from BoundAccount x", String.class).getResultList()));
        assertTrue(q.getMessage().contains("bound_accounts.account_no"), q.getMessage());
        assertThrows(ColsealQueryException.class, () -> sf.inTransaction(s ->
            s.createMutationQuery("update BoundAccount x set x.accountNo = :v").setParameter("v", "x").executeUpdate()));
      }
    }
  }

  @EachDatabase
  void identityIds_andDeterministicRowBinding_areRefusedAtStartUp(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      InMemoryKms kms = new InMemoryKms();
      Exception identity = assertThrows(Exception.class,
          () -> TestSessionFactories.build(TestSessionFactories.settings(db, kms), BoundIdentityAccount.class).close());
      ColsealMappingException m = Raw.causeOf(identity, ColsealMappingException.class);
      assertNotNull(m, identity.toString());
      assertTrue(m.getMessage().contains("IDENTITY") && m.getMessage().contains("BoundIdentityAccount.accountNo"),
          m.getMessage());
      Exception deterministic = assertThrows(Exception.class,
          () -> TestSessionFactories.build(TestSessionFactories.settings(db, kms), BoundDeterministic.class).close());
      ColsealMappingException dm = Raw.causeOf(deterministic, ColsealMappingException.class);
      assertNotNull(dm, deterministic.toString());
      assertTrue(dm.getMessage().contains("equality search"), dm.getMessage());
    }
  }
}
