package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.colseal.Storage;
import io.colseal.SupportedType;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The converter classes follow colseal-core's table of supported types, row for row. */
class BuiltInConvertersTest {
  enum Tier { GOLD }

  @Test
  void converterClasses_coverExactlyTheSupportedTypes() {
    Set<Class<?>> table = Arrays.stream(SupportedType.values()).filter(t -> t != SupportedType.ENUM)
        .map(SupportedType::javaType).collect(Collectors.toSet());
    assertEquals(table, BuiltInConverters.types());
    for (Class<?> type : table) {
      for (Storage storage : BuiltInConverters.storages()) {
        EncryptingConverter<?, ?> c = BuiltInConverters.create(type, storage);
        assertEquals(type, c.javaType());
        assertEquals(storage, c.storage());
      }
    }
  }

  @Test
  void enums_getAConverterOfTheirOwn() {
    EncryptingConverter<?, ?> text = BuiltInConverters.create(Tier.class, Storage.TEXT);
    EncryptingConverter<?, ?> binary = BuiltInConverters.create(Tier.class, Storage.BINARY);
    assertEquals(Tier.class, text.javaType());
    assertNotSame(text.getClass(), binary.getClass());
  }
}
