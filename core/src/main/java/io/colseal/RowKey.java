package io.colseal;

import static java.util.Objects.requireNonNull;

import io.colseal.exception.RowKeyException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The primary-key value(s) of one row, bound into the values a {@linkplain
 * ColumnCipher#withRowBinding() row-bound} cipher seals, so that a value copied to another row of
 * its column fails to decrypt.
 *
 * <pre>{@code
 * ColumnCipher<String, String> email = colseal.textColumn("customers", "email", String.class).withRowBinding();
 * String stored = email.encrypt("customer1@example.com", RowKey.of(customerId));
 * String plain = email.decrypt(stored, RowKey.of(customerId));
 * }</pre>
 *
 * <p>A part is a {@code Short}, {@code Integer}, {@code Long}, a {@code BigInteger} in the range of
 * {@code long}, a {@code String}, a {@code UUID} or a {@code byte[]}, in the order of the primary
 * key's columns. Integral parts bind by value, so {@code RowKey.of(7)} and {@code RowKey.of(7L)}
 * bind the same row; {@code RowKey.of("7")} binds another. The parts are checked when a cipher
 * binds them: a null part or one of another type fails there with a {@link RowKeyException} that
 * names the table and column.
 *
 * <p>Key values may be personal data: {@link #toString()} shows only the number of parts, and no
 * exception colseal throws contains them. Immutable ({@code byte[]} parts are copied in) and thread
 * safe. It has no {@code equals}: two keys that bind the same row may hold different Java types.
 */
public final class RowKey {
  private final List<@Nullable Object> parts;

  private RowKey(List<@Nullable Object> parts) {
    this.parts = parts;
  }

  /**
   * The row key with {@code parts}, in the order of the primary key's columns.
   *
   * @throws IllegalArgumentException if there is no part
   */
  public static RowKey of(@Nullable Object... parts) {
    requireNonNull(parts, "parts");
    if (parts.length == 0) {
      throw new IllegalArgumentException("a row key has at least one part");
    }
    List<@Nullable Object> copy = new ArrayList<>(parts.length);
    for (Object p : parts) {
      copy.add(p instanceof byte[] b ? b.clone() : p);
    }
    return new RowKey(Collections.unmodifiableList(copy));
  }

  /** How many parts this key has. */
  public int size() {
    return parts.size();
  }

  /** The parts, for the cipher's encoding; {@code byte[]} parts are shared: never modify. */
  List<@Nullable Object> parts() {
    return parts;
  }

  /** {@code RowKey[2 parts]}: never the key values. */
  @Override
  public String toString() {
    return "RowKey[" + parts.size() + (parts.size() == 1 ? " part]" : " parts]");
  }
}
