package io.colseal.migrations.internal.job;

import io.colseal.ColumnCipher;
import io.colseal.DecryptionException;
import io.colseal.EncryptionException;
import io.colseal.KeyUnavailableException;
import io.colseal.keys.RegisteredColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Decides, value by value, what a row becomes: an envelope on the ACTIVE version stays; an older
 * envelope is re-encrypted (no decoding); plaintext is encrypted; with decryption, an envelope
 * becomes its plaintext form. A value that fails (it does not decrypt, its key is unavailable, its
 * plaintext is not a value of the type) is reported, and the row is then left as it is.
 */
public final class RowRewriter {
  /** What the job does to values. */
  public enum Action { REENCRYPT, DECRYPT, VERIFY }

  private final Action action;
  private final List<RegisteredColumn> columns;
  private final List<ColumnCipher<Object, Object>> ciphers;
  private final int activeVersion;

  /** {@code ciphers} in the order of {@code columns}; {@code activeVersion} for {@link Action#REENCRYPT}. */
  @SuppressWarnings("unchecked")
  public RowRewriter(Action action, List<RegisteredColumn> columns, List<ColumnCipher<?, ?>> ciphers, int activeVersion) {
    this.action = action;
    this.columns = List.copyOf(columns);
    List<ColumnCipher<Object, Object>> typed = new ArrayList<>();
    ciphers.forEach(c -> typed.add((ColumnCipher<Object, Object>) c));
    this.ciphers = List.copyOf(typed);
    this.activeVersion = activeVersion;
  }

  /** A value that failed: its column, its key version (null if not an envelope) and the error code. */
  public record FailedValue(String column, @Nullable Integer keyVersion, String code) {}

  /**
   * What a row becomes.
   *
   * @param newValues per column the value to write, null where the value stays
   */
  public record Change(@Nullable Object[] newValues, long reencrypted, long encrypted, long decrypted, long skipped,
      List<FailedValue> failures) {
    public boolean writes() {
      if (!failures.isEmpty()) {
        return false;
      }
      for (Object v : newValues) {
        if (v != null) {
          return true;
        }
      }
      return false;
    }
  }

  public Change rewrite(@Nullable Object[] stored, @Nullable Object[] plain) {
    Object[] out = new Object[stored.length];
    long reencrypted = 0;
    long encrypted = 0;
    long decrypted = 0;
    long skipped = 0;
    List<FailedValue> failures = new ArrayList<>();
    for (int j = 0; j < stored.length; j++) {
      Object s = stored[j];
      if (s == null) {
        continue;
      }
      ColumnCipher<Object, Object> cipher = ciphers.get(j);
      OptionalInt version = cipher.keyVersionOf(s);
      try {
        switch (action) {
          case REENCRYPT -> {
            if (version.isEmpty()) {
              out[j] = cipher.encryptPlaintext(plain[j] == null ? s : plain[j]);
              encrypted++;
            } else if (version.getAsInt() == activeVersion) {
              skipped++;
            } else {
              out[j] = cipher.reencrypt(s);
              reencrypted++;
            }
          }
          case DECRYPT -> {
            if (version.isEmpty()) {
              skipped++;
            } else {
              out[j] = cipher.decryptToPlaintext(s);
              decrypted++;
            }
          }
          case VERIFY -> {
            cipher.decrypt(s);
            skipped++;
          }
        }
      } catch (DecryptionException | KeyUnavailableException | EncryptionException e) {
        out[j] = null;
        failures.add(new FailedValue(columns.get(j).column(), version.isPresent() ? version.getAsInt() : null,
            e.code().name()));
      }
    }
    if (!failures.isEmpty()) {
      return new Change(new Object[stored.length], 0, 0, 0, 0, failures);
    }
    return new Change(out, reencrypted, encrypted, decrypted, skipped, failures);
  }
}
