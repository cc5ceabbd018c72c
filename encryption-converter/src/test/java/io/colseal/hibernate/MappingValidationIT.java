package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Storage;
import io.colseal.exception.ColsealConfigException;
import io.colseal.hibernate.ColsealMappingException;
import io.colseal.hibernate.Encrypted;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap fails fast, naming the attribute, on every mapping colseal cannot encrypt safely;
 * the plain {@code @Convert} path works with one converter class per column.
 */
@OneDatabase(because = "mappings are rejected at bootstrap before any SQL; the embedded H2 is enough (MappingCasesIT maps on every database)")
class MappingValidationIT {
  private TestDatabase db;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create(TestDatabase.Kind.H2);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private ColsealMappingException mappingError(Class<?>... entities) {
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> TestSessionFactories.build(db, new InMemoryKms(), entities).close());
    ColsealMappingException m = Raw.causeOf(e, ColsealMappingException.class);
    assertNotNull(m, () -> "expected a ColsealMappingException, got " + e);
    return m;
  }

  private static void assertMentions(Exception e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), () -> "'" + p + "' not in: " + e.getMessage());
    }
  }

  @Entity(name = "WithDouble")
  static class WithDouble {
    @Id Long id;
    @Encrypted Double score;
  }

  @Test
  void unsupportedType_failsNamingAttributeAndSupportedTypes() {
    assertMentions(mappingError(WithDouble.class), "WithDouble.score", "java.lang.Double", "supported types");
  }

  @Entity(name = "EncryptedId")
  static class EncryptedId {
    @Id @Encrypted String id;
  }

  @Test
  void encryptedIdentifier_fails() {
    assertMentions(mappingError(EncryptedId.class), "EncryptedId.id", "identifier");
  }

  @Entity(name = "EncryptedVersion")
  static class EncryptedVersion {
    @Id Long id;
    @Version @Encrypted Long version;
  }

  @Test
  void encryptedVersion_fails() {
    assertMentions(mappingError(EncryptedVersion.class), "EncryptedVersion.version");
  }

  public static class Upper extends io.colseal.hibernate.EncryptedTextConverter<String> {
    public Upper() {
      super(String.class);
    }
  }

  @Entity(name = "EncryptedAndConvert")
  static class EncryptedAndConvert {
    @Id Long id;
    @Encrypted @Convert(converter = Upper.class) String name;
  }

  @Test
  void encryptedWithConvert_fails() {
    assertMentions(mappingError(EncryptedAndConvert.class), "EncryptedAndConvert.name", "@Convert");
  }

  @Entity(name = "PerClassRoot")
  @Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
  static class PerClassRoot {
    @Id Long id;
    @Encrypted String secret;
  }

  @Entity(name = "PerClassChild")
  static class PerClassChild extends PerClassRoot {
    String other;
  }

  @Test
  void tablePerClassInheritedEncryptedAttribute_fails() {
    assertMentions(mappingError(PerClassRoot.class, PerClassChild.class), "PerClassChild.secret", "TABLE_PER_CLASS");
  }

  @Embeddable
  static class Money {
    @Encrypted Double amount;
    String currency;
  }

  @Entity(name = "Wallet")
  static class Wallet {
    @Id Long id;

    @ElementCollection
    @CollectionTable(name = "wallet_entries")
    List<Money> entries = new ArrayList<>();
  }

  @Test
  void badFieldInEmbeddableCollectionElement_failsWithItsOwnMessage() {
    // Hibernate passes no owning entity to binders here; colseal reports the problem itself.
    assertMentions(mappingError(Wallet.class, Money.class), "Wallet.entries.amount", "java.lang.Double");
  }

  @Embeddable
  static class Plain {
    String street;
  }

  @Entity(name = "EncryptedEmbedded")
  static class EncryptedEmbedded {
    @Id Long id;
    @Embedded @Encrypted Plain address;
  }

  @Test
  void encryptedOnEmbedded_failsWithAdvice() {
    assertMentions(mappingError(EncryptedEmbedded.class, Plain.class), "EncryptedEmbedded.address", "embeddable's fields");
  }

  @Entity(name = "Owner")
  static class Owner {
    @Id Long id;
  }

  @Entity(name = "EncryptedAssociation")
  static class EncryptedAssociation {
    @Id Long id;
    @ManyToOne @Encrypted Owner owner;
  }

  @Test
  void encryptedOnAssociation_fails() {
    assertMentions(mappingError(EncryptedAssociation.class, Owner.class), "EncryptedAssociation.owner", "association");
  }

  public static class NoteBodyConverter extends EncryptedTextConverter<String> {
    public NoteBodyConverter() {
      super(String.class);
    }
  }

  public static class NoteTitleConverter extends EncryptedTextConverter<String> {
    public NoteTitleConverter() {
      super(String.class);
    }
  }

  @Entity(name = "Note")
  @Table(name = "notes")
  static class Note {
    @Id Long id;

    @Convert(converter = NoteBodyConverter.class)
    @Column(length = 1000)
    String body;

    @Convert(converter = NoteTitleConverter.class)
    @Column(length = 1000)
    String title;
  }

  @Test
  void plainConvert_oneConverterClassPerColumn_encryptsBoundToPhysicalColumn() throws Exception {
    try (SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), Note.class)) {
      sf.inTransaction(s -> {
        Note n = new Note();
        n.id = 1L;
        n.body = "body text";
        n.title = "title text";
        s.persist(n);
      });
      assertEquals("body text", sf.fromTransaction(s -> s.find(Note.class, 1L)).body);
      String stored = (String) Raw.value(db, "notes", "body", "id = 1");
      assertTrue(stored.startsWith("cs1:"));
      assertEquals("body text", ColsealHibernate.colseal(sf).textColumn("notes", "body", String.class).decrypt(stored));
      assertEquals(List.of("notes.body", "notes.title"),
          ColsealHibernate.inventory(sf).stream().map(c -> c.table() + '.' + c.column()).toList());
    }
  }

  @Entity(name = "SharedConvert")
  @Table(name = "shared_convert")
  static class SharedConvert {
    @Id Long id;

    @Convert(converter = NoteBodyConverter.class)
    @Column(length = 1000)
    String alpha;

    @Convert(converter = NoteBodyConverter.class)
    @Column(length = 1000)
    String beta;
  }

  @Test
  void plainConvert_sameClassOnTwoColumns_fails() {
    assertMentions(mappingError(SharedConvert.class), "shared by", "alpha", "beta");
  }

  @Entity(name = "BinaryText")
  @Table(name = "binary_text")
  static class BinaryText {
    @Id Long id;
    @Encrypted(storage = Storage.BINARY) String name;
  }

  @Test
  void binaryStorageOnString_roundTripsAsBytes() throws Exception {
    try (SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), BinaryText.class)) {
      sf.inTransaction(s -> {
        BinaryText b = new BinaryText();
        b.id = 1L;
        b.name = "홍길동";
        s.persist(b);
      });
      assertEquals("홍길동", sf.fromTransaction(s -> s.find(BinaryText.class, 1L)).name);
      byte[] stored = (byte[]) Raw.value(db, "binary_text", "name", "id = 1");
      assertEquals('c', stored[0]);
      assertEquals(36 + 9, stored.length);
    }
  }

  @Test
  void noKmsProviderConfigured_failsNamingTheSetting() {
    Map<String, Object> settings = TestSessionFactories.settings(db, new InMemoryKms());
    settings.remove("colseal.kms.provider");
    RuntimeException e = assertThrows(RuntimeException.class, () -> TestSessionFactories.build(settings, BinaryText.class));
    ColsealConfigException c = Raw.causeOf(e, ColsealConfigException.class);
    assertNotNull(c, () -> "got " + e);
    assertMentions(c, "colseal.kms.provider");
  }

  enum Badge {
    GOLD,
    SILVER
  }

  @Entity(name = "WithEnumSet")
  static class WithEnumSet {
    @Id Long id;

    @Encrypted
    @ElementCollection
    @CollectionTable(name = "badges")
    java.util.Set<Badge> badges = new java.util.HashSet<>();
  }

  /**
   * Hibernate 7.4 resolves the elements of a {@code Set} of enums before attribute binders run, with
   * no colseal converter among its candidates: colseal fails closed and advises a List. Hibernate 6.6
   * and 7.2 resolve them after the binder, which installs its converter as on any other attribute.
   */
  @Test
  void enumSetElementCollection_failsWithAdviceToUseListOn74_encryptsOn66And72() throws Exception {
    if (HibernateLine.current().line().equals("7.4")) {
      assertMentions(mappingError(WithEnumSet.class), "WithEnumSet.badges", "plaintext", "List");
      return;
    }
    try (SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), WithEnumSet.class)) {
      sf.inTransaction(s -> {
        WithEnumSet w = new WithEnumSet();
        w.id = 1L;
        w.badges.add(Badge.GOLD);
        s.persist(w);
      });
      String stored = (String) Raw.value(db, "badges", "badges", "1 = 1");
      assertTrue(stored.startsWith("cs1:"), stored);
      assertEquals(java.util.Set.of(Badge.GOLD),
          sf.fromSession(s -> java.util.Set.copyOf(s.find(WithEnumSet.class, 1L).badges)));
    }
  }

  @Entity(name = "WithEnumList")
  static class WithEnumList {
    @Id Long id;

    @Encrypted
    @ElementCollection
    @CollectionTable(name = "badge_list")
    @jakarta.persistence.OrderColumn(name = "position")
    List<Badge> badges = new ArrayList<>();
  }

  @Test
  void enumListElementCollection_encrypts() throws Exception {
    try (SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), WithEnumList.class)) {
      sf.inTransaction(s -> {
        WithEnumList w = new WithEnumList();
        w.id = 1L;
        w.badges.add(Badge.GOLD);
        s.persist(w);
      });
      String stored = (String) Raw.value(db, "badge_list", "badges", "1 = 1");
      assertTrue(stored.startsWith("cs1:"), stored);
      assertEquals(List.of(Badge.GOLD), sf.fromTransaction(s -> new ArrayList<>(s.find(WithEnumList.class, 1L).badges)));
    }
  }

  @Entity(name = "Unencrypted")
  static class Unencrypted {
    @Id Long id;
    String name;
  }

  @Test
  void noEncryptedColumns_needsNoColsealSettings() {
    Map<String, Object> settings = TestSessionFactories.settings(db, new InMemoryKms());
    settings.remove("colseal.kms.provider");
    try (SessionFactory sf = TestSessionFactories.build(settings, Unencrypted.class)) {
      assertEquals(List.of(), ColsealHibernate.inventory(sf));
      assertThrows(IllegalStateException.class, () -> ColsealHibernate.colseal(sf));
    }
  }
}
