package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.hibernate.model.Document;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import java.util.Random;
import org.hibernate.SessionFactory;

/** A 1 MiB value round-trips in a CLOB, a bytea/long VARBINARY and a BLOB column. */
class LargeValueIT {
  /** Header (8), nonce (12) and tag (16) of a binary AES-256-GCM envelope (docs/reference/ciphertext-format.md). */
  private static final int BINARY_OVERHEAD = 36;

  private static final int MIB = 1024 * 1024;

  @EachDatabase
  void oneMebibyte_roundTripsInClobVarbinaryAndBlob(Kind kind) throws Exception {
    Random r = new Random(kind.ordinal());
    StringBuilder text = new StringBuilder(MIB);
    while (text.length() < MIB) {
      text.append((char) ('a' + r.nextInt(26)));
    }
    byte[] bytes = new byte[MIB];
    r.nextBytes(bytes);
    try (TestDatabase db = TestDatabase.create(kind);
        SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), Document.class)) {
      Document d = new Document();
      d.id = 1L;
      d.body = text.toString();
      d.attachment = bytes;
      d.scan = bytes;
      sf.inTransaction(s -> s.persist(d));

      Document back = sf.fromTransaction(s -> s.find(Document.class, 1L));
      assertEquals(text.toString(), back.body);
      assertArrayEquals(bytes, back.attachment);
      assertArrayEquals(bytes, back.scan);

      // PostgreSQL keeps @Lob values as large objects; the column holds their oid.
      boolean pg = kind == Kind.POSTGRESQL;
      String storedBody = (String) Raw.value(db, "documents", pg ? "convert_from(lo_get(body), 'UTF8')" : "body", "id = 1");
      assertTrue(storedBody.startsWith("cs1:01:"));
      // Text: the 18-character header, then Base64 of nonce (12) | ciphertext | tag (16).
      assertEquals(18 + 4 * ((MIB + 28 + 2) / 3), storedBody.length());
      byte[] storedAttachment = (byte[]) Raw.value(db, "documents", "attachment", "id = 1");
      assertEquals(MIB + BINARY_OVERHEAD, storedAttachment.length);
      byte[] storedScan = (byte[]) Raw.value(db, "documents", pg ? "lo_get(scan)" : "scan", "id = 1");
      assertEquals(MIB + BINARY_OVERHEAD, storedScan.length);
      assertEquals('c', storedScan[0]);
    }
  }
}
