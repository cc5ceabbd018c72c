package io.colseal;

import io.colseal.internal.format.ValueCodec;
import java.util.Optional;

/** Tests of the value encodings reach a type's codec through the one table, {@link SupportedType}. */
public final class TestCodecs {
  private TestCodecs() {}

  /** The codec colseal uses for {@code type}, if the type is supported. */
  @SuppressWarnings("exports") // test code: the internal codec is what the format tests examine
  public static <T> Optional<ValueCodec<T>> forType(Class<T> type) {
    return SupportedType.isSupported(type) ? Optional.of(SupportedType.codec(type)) : Optional.empty();
  }
}
