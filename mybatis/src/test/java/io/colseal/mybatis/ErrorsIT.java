package io.colseal.mybatis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.exception.DecryptionException;
import io.colseal.exception.ErrorCode;
import io.colseal.mybatis.model.AnnotatedCustomerMapper;
import io.colseal.mybatis.model.Customer;
import io.colseal.mybatis.model.CustomerColumns;
import io.colseal.mybatis.model.CustomerMapper;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;

/**
 * Errors name table, column and key version, never a value: a canary plaintext appears nowhere in
 * what MyBatis throws, stack traces included. A handler MyBatis made itself writes nothing.
 */
class ErrorsIT {
  private static final String CANARY = "canary-7f3a9c@example.com";

  private static String everything(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @EachDatabase
  void valueCopiedFromAnotherColumn_throwsDecryptionException_namingTableColumnVersion_notTheValue(TestDatabase db)
      throws Exception {
    try (CustomerStore store = CustomerStore.open(db, new InMemoryKms())) {
      store.xml(m -> {
        m.insert(new Customer(1, "a@example.com", CANARY));
        return null;
      });
      Raw.update(db, "UPDATE customers SET email = phone WHERE id = 1");
      RuntimeException e = assertThrows(RuntimeException.class, () -> store.xml(m -> m.findById(1)));
      DecryptionException cause = Raw.causeOf(e, DecryptionException.class);
      assertNotNull(cause, everything(e));
      assertEquals(ErrorCode.DECRYPT_FAILED, cause.code());
      assertTrue(cause.getMessage().contains("customers.email") || cause.getMessage().contains("customers")
          && cause.getMessage().contains("email"), cause.getMessage());
      assertTrue(cause.getMessage().contains("key version 1"), cause.getMessage());
      assertFalse(everything(e).contains(CANARY), everything(e));
    }
  }

  @EachDatabase
  void tamperedValue_throwsDecryptionException_withoutTheValue(TestDatabase db) throws Exception {
    try (CustomerStore store = CustomerStore.open(db, new InMemoryKms())) {
      store.xml(m -> {
        m.insert(new Customer(1, CANARY, "010"));
        return null;
      });
      String stored = (String) Raw.value(db, "customers", "email", "id = 1");
      int last = stored.length() - 2;
      String tampered = stored.substring(0, last) + (stored.charAt(last) == 'A' ? 'B' : 'A') + stored.substring(last + 1);
      Raw.update(db, "UPDATE customers SET email = ? WHERE id = 1", tampered);
      RuntimeException e = assertThrows(RuntimeException.class, () -> store.xml(m -> m.findById(1)));
      DecryptionException cause = Raw.causeOf(e, DecryptionException.class);
      assertNotNull(cause, everything(e));
      assertTrue(cause.getMessage().contains("email"), cause.getMessage());
      assertFalse(everything(e).contains(CANARY), everything(e));
      assertFalse(everything(e).contains(stored), "the stored envelope is not in the error either");
    }
  }

  @EachDatabase
  void handlerNotPassedToConfigure_failsClosed_andVerifyNamesItAtStartUp(TestDatabase db) throws Exception {
    {
      CustomerStore.createTable(db);
      try (Colseal colseal = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(new InMemoryKms())
          .build())) {
        Configuration configuration = CustomerStore.configuration(db.dataSource());
        ColsealMyBatis.configure(configuration, colseal, CustomerColumns.Email.class); // Phone and the rest forgotten
        configuration.addMapper(AnnotatedCustomerMapper.class);

        ColsealMyBatisException atStart = assertThrows(ColsealMyBatisException.class,
            () -> ColsealMyBatis.verify(configuration));
        assertEquals(ErrorCode.MAPPING_INVALID, atStart.code());
        assertTrue(atStart.getMessage().contains(CustomerColumns.Phone.class.getName()), atStart.getMessage());
        assertTrue(atStart.getMessage().contains("AnnotatedCustomerMapper.insert"), atStart.getMessage());
        assertFalse(atStart.getMessage().contains(CustomerColumns.Email.class.getName() + ";"), atStart.getMessage());

        SqlSessionFactory factory = new SqlSessionFactoryBuilder().build(configuration);
        try (SqlSession s = factory.openSession(true)) {
          RuntimeException e = assertThrows(RuntimeException.class,
              () -> s.getMapper(AnnotatedCustomerMapper.class).insert(new Customer(1, "a@example.com", CANARY)));
          ColsealMyBatisException cause = Raw.causeOf(e, ColsealMyBatisException.class);
          assertNotNull(cause, everything(e));
          assertTrue(cause.getMessage().contains("customers.phone"), cause.getMessage());
          assertFalse(everything(e).contains(CANARY), everything(e));
        }
        assertEquals(List.of(), Raw.values(db, "customers", "phone", "1 = 1"), "nothing was written");
      }
    }
  }

  @EachDatabase
  void configureAfterTheMappers_isRefusedNamingTheUnboundHandlers(TestDatabase db) throws Exception {
    {
      CustomerStore.createTable(db);
      try (Colseal colseal = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(new InMemoryKms())
          .build())) {
        Configuration configuration = CustomerStore.configuration(db.dataSource());
        CustomerStore.registerAliases(configuration);
        configuration.addMapper(CustomerMapper.class);
        ColsealMyBatisException e = assertThrows(ColsealMyBatisException.class,
            () -> ColsealMyBatis.configure(configuration, colseal, CustomerColumns.class));
        assertEquals(ErrorCode.MAPPING_INVALID, e.code());
        assertTrue(e.getMessage().contains("result map io.colseal.mybatis.model.CustomerMapper.customer"), e.getMessage());
      }
    }
  }
}
