package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Colseal;
import io.colseal.ColumnCipher;
import io.colseal.EncryptedColumn;
import io.colseal.exception.DecryptionException;
import io.colseal.hibernate.model.Address;
import io.colseal.hibernate.model.Car;
import io.colseal.hibernate.model.Customer;
import io.colseal.hibernate.model.Employee;
import io.colseal.hibernate.model.LoyaltyAccount;
import io.colseal.hibernate.model.Person;
import io.colseal.hibernate.model.Vehicle;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * For each mapping case, the table and column bound into the associated data are the physical
 * ones, and a stored value moved to another column, table or table's row does not decrypt.
 */
class MappingCasesIT {
  /** A mapping case: where its value is physically stored and what was written. */
  record Case(String name, String table, String column, String where, String plaintext) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Case> CASES = List.of(
      new Case("@Column(name)", "customers", "mail_addr", "id = 1", "customer1@example.com"),
      new Case("default column name", "customers", "rrn", "id = 1", "900101-1234567"),
      new Case("@Embedded", "customers", "street", "id = 1", "1 Home Street"),
      new Case("@Embedded with @AttributeOverride", "customers", "work_street", "id = 1", "2 Work Street"),
      new Case("@ElementCollection Set<String>", "customer_phones", "phone_number", "customer_id = 1", "010-1234-5678"),
      new Case("@ElementCollection List<String>", "customer_nicknames", "nickname", "customer_id = 1", "Gildong"),
      new Case("@ElementCollection List<Embeddable>", "customer_past_addresses", "street", "customer_id = 1", "3 Old Street"),
      new Case("@SecondaryTable", "customer_secrets", "secret_note", "id = 1", "secret note one"),
      new Case("SINGLE_TABLE root", "vehicles", "vin", "id = 10", "KMHXX00XXXX000001"),
      new Case("SINGLE_TABLE subclass", "vehicles", "plate", "id = 10", "12가3456"),
      new Case("JOINED root", "persons", "passportNo", "id = 20", "M12345678"),
      new Case("JOINED subclass", "employees", "salaryNote", "id = 20", "salary band 7"));

  private static final Map<Kind, Fixture> FIXTURES = new EnumMap<>(Kind.class);

  record Fixture(TestDatabase db, SessionFactory sf) {
    Colseal colseal() {
      return ColsealHibernate.colseal(sf);
    }
  }

  static synchronized Fixture fixture(Kind kind) {
    return FIXTURES.computeIfAbsent(kind, k -> {
      TestDatabase db = TestDatabase.create(k);
      SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(),
          Customer.class, Address.class, Vehicle.class, Car.class, Person.class, Employee.class);
      sf.inTransaction(s -> {
        for (long id = 1; id <= 2; id++) {
          Customer c = new Customer(id);
          c.name = "홍길동" + id;
          c.email = "customer" + id + "@example.com";
          c.rrn = id == 1 ? "900101-1234567" : "850505-2345678";
          c.birthDate = LocalDate.of(1990, 1, (int) id);
          c.home = new Address(id == 1 ? "1 Home Street" : "9 Home Street", "Seoul");
          c.work = new Address(id == 1 ? "2 Work Street" : "8 Work Street", "Busan");
          c.phones.add(id == 1 ? "010-1234-5678" : "010-9999-0000");
          c.nicknames.add(id == 1 ? "Gildong" : "Other");
          c.pastAddresses.add(new Address(id == 1 ? "3 Old Street" : "7 Old Street", "Incheon"));
          c.secretNote = "secret note " + (id == 1 ? "one" : "two");
          s.persist(c);
        }
        Car car = new Car();
        car.id = 10L;
        car.vin = "KMHXX00XXXX000001";
        car.plate = "12가3456";
        s.persist(car);
        Employee e = new Employee();
        e.id = 20L;
        e.passportNo = "M12345678";
        e.salaryNote = "salary band 7";
        s.persist(e);
      });
      return new Fixture(db, sf);
    });
  }

  @AfterAll
  static void closeAll() {
    FIXTURES.values().forEach(f -> {
      f.sf().close();
      f.db().close();
    });
    FIXTURES.clear();
  }

  /** Runs {@code check} on every case, and reports each case that fails under its name. */
  private static void eachCase(ThrowingConsumer<Case> check) {
    assertAll(CASES.stream().map(c -> () -> assertAll(c.name(), () -> check.accept(c))));
  }

  private static String norm(String s) {
    return s.toLowerCase(java.util.Locale.ROOT);
  }

  @EachDatabase
  void inventory_listsThePhysicalTableAndColumn(Kind kind) {
    List<EncryptedColumn> inventory = ColsealHibernate.inventory(fixture(kind).sf());
    eachCase(c -> assertTrue(
        inventory.stream().anyMatch(e -> e.table().equals(norm(c.table())) && e.column().equals(norm(c.column()))),
        () -> c + " missing from " + inventory));
  }

  @EachDatabase
  void storedValue_isEnvelopeBoundToPhysicalTableAndColumn(Kind kind) {
    Fixture f = fixture(kind);
    eachCase(c -> {
      String stored = (String) Raw.value(f.db(), c.table(), c.column(), c.where());
      assertNotNull(stored);
      assertTrue(stored.startsWith("cs1:01:0000000001:"), stored);
      assertFalse(stored.contains(c.plaintext()));
      ColumnCipher<String, String> physical = f.colseal().textColumn(c.table(), c.column(), String.class);
      assertEquals(c.plaintext(), physical.decrypt(stored));
    });
  }

  @EachDatabase
  void storedValue_readAsAnotherColumnOrTable_failsToDecrypt(Kind kind) {
    Fixture f = fixture(kind);
    eachCase(c -> {
      String stored = (String) Raw.value(f.db(), c.table(), c.column(), c.where());
      ColumnCipher<String, String> otherColumn = f.colseal().textColumn(c.table(), c.column() + "_other", String.class);
      assertThrows(DecryptionException.class, () -> otherColumn.decrypt(stored));
      String otherTable = c.table().equals("customers") ? "vehicles" : "customers";
      ColumnCipher<String, String> sameColumnOtherTable = f.colseal().textColumn(otherTable, c.column(), String.class);
      assertThrows(DecryptionException.class, () -> sameColumnOtherTable.decrypt(stored));
    });
  }

  @EachDatabase
  void load_valueCopiedToAnotherColumnOfTheRow_throwsDecryptionException(Kind kind) throws Exception {
    Fixture f = fixture(kind);
    Object email = Raw.value(f.db(), "customers", "mail_addr", "id = 2");
    Object rrn = Raw.value(f.db(), "customers", "rrn", "id = 2");
    try {
      Raw.update(f.db(), "UPDATE customers SET rrn = ? WHERE id = 2", email);
      RuntimeException e = assertThrows(RuntimeException.class,
          () -> f.sf().fromTransaction(s -> s.find(Customer.class, 2L)));
      DecryptionException d = Raw.causeOf(e, DecryptionException.class);
      assertNotNull(d, () -> "no DecryptionException in " + e);
      assertEquals("customers", d.table());
      assertEquals("rrn", d.column());
      assertEquals(1, d.keyVersion());
    } finally {
      Raw.update(f.db(), "UPDATE customers SET rrn = ? WHERE id = 2", rrn);
    }
    assertEquals("850505-2345678", f.sf().fromTransaction(s -> s.find(Customer.class, 2L)).rrn);
  }

  @EachDatabase
  void load_valueCopiedToAnotherTablesRow_throwsDecryptionException(Kind kind) throws Exception {
    Fixture f = fixture(kind);
    Object email = Raw.value(f.db(), "customers", "mail_addr", "id = 1");
    Object vin = Raw.value(f.db(), "vehicles", "vin", "id = 10");
    try {
      Raw.update(f.db(), "UPDATE vehicles SET vin = ? WHERE id = 10", email);
      RuntimeException e = assertThrows(RuntimeException.class,
          () -> f.sf().fromTransaction(s -> s.find(Vehicle.class, 10L)));
      DecryptionException d = Raw.causeOf(e, DecryptionException.class);
      assertNotNull(d, () -> "no DecryptionException in " + e);
      assertEquals("vehicles", d.table());
      assertFalse(String.valueOf(e).contains("customer1@example.com"));
    } finally {
      Raw.update(f.db(), "UPDATE vehicles SET vin = ? WHERE id = 10", vin);
    }
  }

  @EachDatabase
  void load_valueCopiedToAnotherRowOfTheSameColumn_decrypts_noRowBinding(Kind kind) throws Exception {
    // Documented limit (docs/security/threat-model.md): values are bound to table and column, not row.
    Fixture f = fixture(kind);
    Object one = Raw.value(f.db(), "customers", "mail_addr", "id = 1");
    Object two = Raw.value(f.db(), "customers", "mail_addr", "id = 2");
    try {
      Raw.update(f.db(), "UPDATE customers SET mail_addr = ? WHERE id = 2", one);
      assertEquals("customer1@example.com", f.sf().fromTransaction(s -> s.find(Customer.class, 2L)).email);
    } finally {
      Raw.update(f.db(), "UPDATE customers SET mail_addr = ? WHERE id = 2", two);
    }
  }

  @EachDatabase
  void load_allCases_roundTripThroughTheOrm(Kind kind) {
    Fixture f = fixture(kind);
    Customer c = f.sf().fromTransaction(s -> s.find(Customer.class, 1L));
    assertEquals("customer1@example.com", c.email);
    assertEquals("1 Home Street", c.home.street);
    assertEquals("2 Work Street", c.work.street);
    assertEquals(java.util.Set.of("010-1234-5678"), c.phones);
    assertEquals(List.of("Gildong"), c.nicknames);
    assertEquals("3 Old Street", c.pastAddresses.get(0).street);
    assertEquals("secret note one", c.secretNote);
    Car car = (Car) f.sf().fromTransaction(s -> s.find(Vehicle.class, 10L));
    assertEquals("12가3456", car.plate);
    Employee e = (Employee) f.sf().fromTransaction(s -> s.find(Person.class, 20L));
    assertEquals("salary band 7", e.salaryNote);
    assertEquals("M12345678", e.passportNo);
  }

  @EachDatabase
  void namingStrategy_snakeCase_bindsThePhysicalNames(Kind kind) throws Exception {
    // Snake case renames unquoted names.
    snakeCaseBindsThePhysicalNames(kind, false, "loyalty_account", "member_number", "loyalty_account", "member_number");
  }

  @EachDatabase
  void namingStrategy_snakeCaseGloballyQuoted_bindsThePhysicalNames(Kind kind) throws Exception {
    String q = kind == Kind.MARIADB ? "`" : "\"";
    if (HibernateLine.current().line().equals("6.6")) {
      // 6.6's strategy renames quoted names too, and keeps them quoted.
      snakeCaseBindsThePhysicalNames(kind, true, q + "loyalty_account" + q, q + "member_number" + q, "loyalty_account",
          "member_number");
    } else {
      // Globally quoted identifiers keep the Java names, quoted.
      snakeCaseBindsThePhysicalNames(kind, true, q + "LoyaltyAccount" + q, q + "memberNumber" + q, "loyaltyaccount",
          "membernumber");
    }
  }

  /**
   * Hibernate's snake-case naming strategy, the one Spring Boot applies by default: {@code
   * PhysicalNamingStrategySnakeCaseImpl} on 7.x, {@code CamelCaseToUnderscoresNamingStrategy} on 6.6
   * (which 7.x keeps only as a deprecated shell).
   */
  private static String snakeCaseStrategy() {
    return HibernateLine.current().line().equals("6.6")
        ? "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy"
        : "org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl";
  }

  private static void snakeCaseBindsThePhysicalNames(
      Kind kind, boolean quoted, String sqlTable, String sqlColumn, String table, String column) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      Map<String, Object> settings = TestSessionFactories.settings(db, new InMemoryKms());
      settings.put("hibernate.physical_naming_strategy", snakeCaseStrategy());
      settings.put("hibernate.globally_quoted_identifiers", String.valueOf(quoted));
      try (SessionFactory sf = TestSessionFactories.build(settings, LoyaltyAccount.class)) {
        sf.inTransaction(s -> {
          LoyaltyAccount a = new LoyaltyAccount();
          a.id = 1L;
          a.memberNumber = "LOYAL-0001";
          s.persist(a);
        });
        assertEquals(List.of(table + '.' + column),
            ColsealHibernate.inventory(sf).stream().map(e -> e.table() + '.' + e.column()).toList());
        String stored = (String) Raw.value(db, sqlTable, sqlColumn, "1 = 1");
        assertEquals("LOYAL-0001", ColsealHibernate.colseal(sf).textColumn(table, column, String.class).decrypt(stored));
      }
    }
  }
}
