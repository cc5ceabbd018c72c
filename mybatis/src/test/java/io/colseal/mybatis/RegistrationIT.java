package io.colseal.mybatis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.EncryptionMode;
import io.colseal.KeyAdmin;
import io.colseal.Normalizer;
import io.colseal.RegisteredBlindIndex;
import io.colseal.RegisteredColumn;
import io.colseal.Storage;
import io.colseal.exception.ErrorCode;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.keys.BlindIndexKeys;
import io.colseal.mybatis.model.Customer;
import io.colseal.mybatis.model.CustomerColumns;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.type.StringTypeHandler;
import org.apache.ibatis.type.TypeHandlerRegistry;

/**
 * One configure call registers every handler in MyBatis (by class only) and every column and blind
 * index in colseal's registry; two Configurations with two Colseal instances share nothing.
 */
class RegistrationIT {
  @EachDatabase
  void configure_registersEveryColumnAndBlindIndexInColsealsRegistry(TestDatabase db) throws Exception {
    InMemoryKms kms = new InMemoryKms();
    try (CustomerStore store = CustomerStore.open(db, kms);
        KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()),
            ColsealConfig.builder().kmsProvider(kms).build())) {
      Map<String, RegisteredColumn> columns = admin.columns().stream()
          .collect(Collectors.toMap(RegisteredColumn::column, Function.identity()));
      assertEquals(List.of("balance", "birth_date", "credit", "email", "memo", "phone", "photo"),
          columns.keySet().stream().sorted().toList());
      RegisteredColumn email = columns.get("email");
      assertEquals("customers", email.table());
      assertEquals(EncryptionMode.DETERMINISTIC, email.mode());
      assertEquals(Classification.OTHER_PERSONAL, email.classification());
      assertEquals(String.class.getName(), email.javaType());
      assertEquals(CustomerColumns.Email.class.getName(), email.entity());
      assertEquals(Storage.BINARY, columns.get("photo").storage());
      assertEquals(Storage.BINARY, columns.get("memo").storage());
      assertEquals("java.time.LocalDate", columns.get("birth_date").javaType());

      List<RegisteredBlindIndex> indexes = admin.blindIndexes();
      assertEquals(1, indexes.size());
      RegisteredBlindIndex phone = indexes.get(0);
      assertEquals("phone_bidx", phone.column());
      assertEquals("phone", phone.sourceColumn());
      assertEquals(Normalizer.DIGITS_ONLY, phone.normalizer());
      assertEquals(256, phone.bits());
      assertTrue(store.colseal.keyRing().versions().stream()
          .anyMatch(v -> v.table().equals(BlindIndexKeys.keyName("customers"))), "the blind-index key exists");
    }
  }

  @EachDatabase
  void configure_registersHandlersByClassOnly_stringKeepsMyBatisHandler(TestDatabase db) throws Exception {
    try (CustomerStore store = CustomerStore.open(db, new InMemoryKms())) {
      TypeHandlerRegistry registry = store.factory.getConfiguration().getTypeHandlerRegistry();
      assertInstanceOf(StringTypeHandler.class, registry.getTypeHandler(String.class));
      assertInstanceOf(StringTypeHandler.class, registry.getTypeHandler(String.class, null));
      assertSame(store.configured.handlers().get(store.configured.handlers().size() - 1),
          registry.getMappingTypeHandler(CustomerColumns.PhoneIndex.class));
      Customer plain = new Customer(1, "a@example.com", "010");
      // a property without typeHandler= is stored as MyBatis stores it: colseal does not take over String
      store.xml(m -> {
        m.insert(plain);
        return null;
      });
      assertEquals("a@example.com", store.xml(m -> m.findById(1)).getEmail());
    }
  }

  @EachDatabase
  void configureTwice_withTheSameColseal_isHarmless_withAnother_fails(TestDatabase db) throws Exception {
    InMemoryKms kms = new InMemoryKms();
    try (CustomerStore store = CustomerStore.open(db, kms);
        Colseal other = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms).build())) {
      Configuration configuration = store.factory.getConfiguration();
      ColsealMyBatis again = ColsealMyBatis.configure(configuration, store.colseal, CustomerColumns.class);
      assertEquals(store.configured.handlers(), again.handlers());
      ColsealMyBatisException e = assertThrows(ColsealMyBatisException.class,
          () -> ColsealMyBatis.configure(configuration, other, CustomerColumns.Email.class));
      assertEquals(ErrorCode.MAPPING_INVALID, e.code());
      assertTrue(e.getMessage().contains("another Colseal"), e.getMessage());
    }
  }

  @EachDatabase
  void configurePackages_bindsEveryHandlerClassOfThePackage(TestDatabase db) throws Exception {
    try (Colseal colseal = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(new InMemoryKms())
        .build())) {
      Configuration configuration = CustomerStore.configuration(db.dataSource());
      ColsealMyBatis configured = ColsealMyBatis.configurePackages(configuration, colseal, "io.colseal.mybatis.model");
      assertEquals(List.of("balance", "birth_date", "credit", "email", "memo", "phone", "photo"),
          configured.columns().stream().map(c -> c.column()).sorted().toList());
      assertEquals(List.of("phone_bidx"), configured.blindIndexes().stream().map(RegisteredBlindIndex::column).toList());
      for (org.apache.ibatis.type.TypeHandler<?> h : configured.handlers()) {
        assertTrue(configuration.getTypeHandlerRegistry().getTypeHandlers().stream().anyMatch(r -> r == h), h.toString());
      }
      ColsealMyBatisException none = assertThrows(ColsealMyBatisException.class,
          () -> ColsealMyBatis.configurePackages(configuration, colseal, "io.colseal.mybatis.jpa"));
      assertTrue(none.getMessage().contains("io.colseal.mybatis.jpa"), none.getMessage());
    }
  }

  /** Two SqlSessionFactories, two databases, two Colseal instances with different KEKs: each works alone. */
  @EachDatabase
  void twoFactories_withTwoColsealInstances_keepTheirOwnHandlersAndKeys(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase a = TestDatabase.create(kind); TestDatabase b = TestDatabase.create(kind);
        CustomerStore first = CustomerStore.open(a, new InMemoryKms("kek-a"));
        CustomerStore second = CustomerStore.open(b, new InMemoryKms("kek-b"))) {
      assertNotSame(first.factory.getConfiguration().getTypeHandlerRegistry()
              .getMappingTypeHandler(CustomerColumns.Email.class),
          second.factory.getConfiguration().getTypeHandlerRegistry().getMappingTypeHandler(CustomerColumns.Email.class));
      first.xml(m -> {
        m.insert(new Customer(1, "first@example.com", "010-1"));
        return null;
      });
      second.xml(m -> {
        m.insert(new Customer(1, "second@example.com", "010-2"));
        return null;
      });
      assertEquals("first@example.com", first.xml(m -> m.findById(1)).getEmail());
      assertEquals("second@example.com", second.xml(m -> m.findById(1)).getEmail());
      assertEquals(List.of(), first.xml(m -> m.findByEmail("second@example.com")));
      assertEquals(1, second.xml(m -> m.findByEmail("second@example.com")).size());
    }
  }
}
