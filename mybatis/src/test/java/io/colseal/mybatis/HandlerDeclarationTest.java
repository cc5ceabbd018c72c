package io.colseal.mybatis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.EncryptionMode;
import io.colseal.Storage;
import io.colseal.exception.ErrorCode;
import io.colseal.mybatis.model.CustomerColumns;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A handler class is read from its annotation and type argument; a wrong one fails naming the class. */
class HandlerDeclarationTest {
  public static final class NoAnnotation extends EncryptedTypeHandler<String> {}

  @Encrypted(table = "t", column = "c")
  public static final class Unsupported extends EncryptedTypeHandler<List<String>> {}

  @Encrypted(table = "t", column = "c")
  public static final class Unencryptable extends EncryptedTypeHandler<Thread> {}

  @BlindIndex(table = "t", column = "c_bidx", of = "c", bits = 300)
  public static final class TooManyBits extends BlindIndexTypeHandler {}

  @Test
  void handler_readsTableColumnTypeStorageAndMode() {
    CustomerColumns.BirthDate birth = new CustomerColumns.BirthDate();
    assertEquals("customers", birth.table());
    assertEquals("birth_date", birth.column());
    assertEquals(LocalDate.class, birth.javaType());
    assertEquals(Storage.TEXT, birth.storage());
    assertEquals(EncryptionMode.RANDOMIZED, birth.mode());
    assertEquals(Storage.BINARY, new CustomerColumns.Photo().storage(), "byte[] is binary by default");
    assertEquals(Storage.BINARY, new CustomerColumns.Memo().storage());
    assertEquals(EncryptionMode.DETERMINISTIC, new CustomerColumns.Email().mode());
    assertEquals("phone", new CustomerColumns.PhoneIndex().source());
  }

  @Test
  void handler_withoutAnnotation_throwsMappingInvalidNamingTheClass() {
    ColsealMyBatisException e = assertThrows(ColsealMyBatisException.class, NoAnnotation::new);
    assertEquals(ErrorCode.MAPPING_INVALID, e.code());
    assertTrue(e.getMessage().contains(NoAnnotation.class.getName()), e.getMessage());
  }

  @Test
  void handler_ofAnUnsupportedType_throwsMappingInvalid() {
    ColsealMyBatisException generic = assertThrows(ColsealMyBatisException.class, Unsupported::new);
    assertTrue(generic.getMessage().contains("must name its Java type"), generic.getMessage());
    ColsealMyBatisException type = assertThrows(ColsealMyBatisException.class, Unencryptable::new);
    assertTrue(type.getMessage().contains("java.lang.Thread cannot be encrypted"), type.getMessage());
  }

  @Test
  void blindIndex_bitsOutOfRange_throwsMappingInvalid() {
    ColsealMyBatisException e = assertThrows(ColsealMyBatisException.class, TooManyBits::new);
    assertTrue(e.getMessage().contains("300"), e.getMessage());
  }

  @Test
  void unboundHandler_failsOnUse_namingTableAndColumn() {
    CustomerColumns.Email email = new CustomerColumns.Email();
    ColsealMyBatisException e = assertThrows(ColsealMyBatisException.class, email::cipher);
    assertTrue(e.getMessage().contains("customers.email") && e.getMessage().contains("ColsealMyBatis.configure"),
        e.getMessage());
    assertTrue(email.toString().contains("unbound"), email.toString());
    assertFalse(((BlindIndexTypeHandler) new CustomerColumns.PhoneIndex()).isBound(null));
  }
}
