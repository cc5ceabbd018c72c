package io.colseal.mybatis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.ErrorCode;
import io.colseal.mybatis.model.AnnotatedCustomerMapper;
import io.colseal.mybatis.model.Customer;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.session.SqlSession;

/**
 * Equality search through mapper parameters finds rows under every live key version: two rows, one
 * written before a rotation and one after, are each found by their deterministic value and by their
 * blind index.
 */
class SearchIT {
  /** Row 1 under key version 1, row 2 under version 2. */
  private static void twoVersions(CustomerStore store) throws Exception {
    Customer kim = RoundTripIT.full(1);
    store.xml(m -> {
      m.insert(kim);
      return null;
    });
    store.colseal.keyRing().rotate("customers");
    Customer lee = RoundTripIT.full(2);
    store.xml(m -> {
      m.insert(lee);
      return null;
    });
    assertTrue(((String) Raw.value(store.db, "customers", "email", "id = 1")).startsWith("cs1:02:0000000001:"));
    assertTrue(((String) Raw.value(store.db, "customers", "email", "id = 2")).startsWith("cs1:02:0000000002:"));
  }

  private static List<Long> ids(List<Customer> found) {
    return found.stream().map(Customer::getId).toList();
  }

  @EachDatabase
  void equals_onDeterministicColumn_findsRowsUnderOlderAndNewerKeyVersions(TestDatabase db) throws Exception {
    try (CustomerStore store = CustomerStore.open(db, new InMemoryKms())) {
      twoVersions(store);
      assertEquals(List.of(1L), ids(store.xml(m -> m.findByEmail("kim1@example.com"))));
      assertEquals(List.of(2L), ids(store.xml(m -> m.findByEmail("kim2@example.com"))));
      assertEquals(List.of(1L, 2L), ids(store.xml(m -> m.findByBalance(new BigDecimal("1234.50")))),
          "a deterministic BigDecimal column, equal in both rows");
      assertEquals(List.of(1L), ids(store.annotated(m -> m.findByEmail("kim1@example.com"))));
      assertEquals(List.of(), store.xml(m -> m.findByEmail("nobody@example.com")));
    }
  }

  @EachDatabase
  void notEqual_onDeterministicColumn_excludesTheValueUnderEveryKeyVersion(TestDatabase db) throws Exception {
    try (CustomerStore store = CustomerStore.open(db, new InMemoryKms())) {
      twoVersions(store);
      assertEquals(List.of(2L), ids(store.xml(m -> m.findByEmailNot("kim1@example.com"))));
      assertEquals(List.of(1L), ids(store.xml(m -> m.findByEmailNot("kim2@example.com"))));
    }
  }

  @EachDatabase
  void inList_onDeterministicColumn_findsEachValueUnderEveryKeyVersion(TestDatabase db) throws Exception {
    try (CustomerStore store = CustomerStore.open(db, new InMemoryKms())) {
      twoVersions(store);
      assertEquals(List.of(1L, 2L),
          ids(store.xml(m -> m.findByEmails(List.of("kim2@example.com", "kim1@example.com", "x@example.com")))));
    }
  }

  @EachDatabase
  void dynamicSql_searchesBothColumnsAcrossKeyVersions(TestDatabase db) throws Exception {
    try (CustomerStore store = CustomerStore.open(db, new InMemoryKms())) {
      twoVersions(store);
      assertEquals(List.of(1L), ids(store.xml(m -> m.search("kim1@example.com", null))));
      assertEquals(List.of(1L), ids(store.xml(m -> m.search("kim1@example.com", "010 1234 5611"))));
      assertEquals(List.of(), store.xml(m -> m.search("kim1@example.com", "010-1234-5612")));
      assertEquals(List.of(2L), ids(store.xml(m -> m.search(null, "(010) 1234-5612"))));
    }
  }

  @EachDatabase
  void providerSql_searchesAcrossKeyVersions(TestDatabase db) throws Exception {
    try (CustomerStore store = CustomerStore.open(db, new InMemoryKms())) {
      twoVersions(store);
      assertEquals(List.of(1L), ids(store.annotated(m -> m.findByEmailFromProvider("kim1@example.com"))));
    }
  }

  @EachDatabase
  void cursor_searchesAcrossKeyVersions(TestDatabase db) throws Exception {
    try (CustomerStore store = CustomerStore.open(db, new InMemoryKms())) {
      twoVersions(store);
      try (SqlSession s = store.factory.openSession();
          Cursor<Customer> cursor = s.getMapper(AnnotatedCustomerMapper.class).streamByEmail("kim1@example.com")) {
        List<Long> streamed = new ArrayList<>();
        cursor.forEach(c -> streamed.add(c.getId()));
        assertEquals(List.of(1L), streamed);
      }
    }
  }

  @EachDatabase
  void blindIndex_findsByNormalisedValue_acrossADataKeyRotation(TestDatabase db) throws Exception {
    try (CustomerStore store = CustomerStore.open(db, new InMemoryKms())) {
      twoVersions(store);
      assertEquals(List.of(1L), ids(store.xml(m -> m.findByPhone("01012345611"))));
      assertEquals(List.of(2L), ids(store.xml(m -> m.findByPhone("010.1234.5612"))));
      assertEquals(List.of(2L), ids(store.annotated(m -> m.findByPhone("010-1234-5612"))));
    }
  }

  @EachDatabase
  void updateAndDelete_byDeterministicColumn_matchOlderRows_andSetWritesTheActiveVersion(TestDatabase db)
      throws Exception {
    try (CustomerStore store = CustomerStore.open(db, new InMemoryKms())) {
      twoVersions(store);
      assertEquals(1, (int) store.xml(m -> m.updateEmail("kim1@example.com", "park@example.com")));
      assertTrue(((String) Raw.value(db, "customers", "email", "id = 1")).startsWith("cs1:02:0000000002:"),
          "SET binds one value, under the ACTIVE version");
      assertEquals(List.of(1L), ids(store.xml(m -> m.findByEmail("park@example.com"))));
      assertEquals(1, (int) store.xml(m -> m.deleteByEmail("park@example.com")));
      assertEquals(List.of(2L), ids(store.xml(m -> m.findByEmails(List.of("kim1@example.com", "kim2@example.com")))));
    }
  }

  @EachDatabase
  void batchExecutor_writesAndSearchesAcrossKeyVersions(TestDatabase db) throws Exception {
    try (CustomerStore store = CustomerStore.open(db, new InMemoryKms())) {
      twoVersions(store);
      store.batch(m -> {
        m.insert(RoundTripIT.full(3));
        m.insert(RoundTripIT.full(4));
        m.updateEmail("kim1@example.com", "one@example.com");
        m.updateEmail("kim2@example.com", "two@example.com");
      });
      assertEquals(List.of(1L), ids(store.xml(m -> m.findByEmail("one@example.com"))));
      assertEquals(List.of(2L), ids(store.xml(m -> m.findByEmail("two@example.com"))));
      assertEquals(List.of(3L), ids(store.xml(m -> m.findByEmail("kim3@example.com"))));
    }
  }

  @EachDatabase
  void patternComparison_onDeterministicColumn_isRejectedNamingStatementAndColumn(TestDatabase db) throws Exception {
    try (CustomerStore store = CustomerStore.open(db, new InMemoryKms())) {
      twoVersions(store);
      RuntimeException e = assertThrows(RuntimeException.class, () -> store.xml(m -> m.findByEmailLike("kim%")));
      ColsealMyBatisException cause = Raw.causeOf(e, ColsealMyBatisException.class);
      assertNotNull(cause, e.toString());
      assertEquals(ErrorCode.QUERY_REJECTED, cause.code());
      assertTrue(cause.getMessage().contains("CustomerMapper.findByEmailLike"), cause.getMessage());
      assertTrue(cause.getMessage().contains("customers.email"), cause.getMessage());
      assertTrue(cause.getMessage().contains("LIKE"), cause.getMessage());
    }
  }
}
