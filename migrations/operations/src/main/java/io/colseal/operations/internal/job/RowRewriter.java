package io.colseal.operations.internal.job;

import io.colseal.ColumnCipher;
import io.colseal.EnvelopeHeaders;
import io.colseal.RegisteredColumn;
import io.colseal.RowKey;
import io.colseal.exception.DecryptionException;
import io.colseal.exception.EncryptionException;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.exception.RowKeyException;
import io.colseal.operations.legacy.LegacyFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Decides, value by value, what a row becomes: an envelope on the ACTIVE version in the column's
 * mode stays; an older envelope, or one in the other mode, is re-encrypted (no decoding); plaintext
 * is encrypted, including a value that starts with a header but is not a well-formed envelope
 * ({@link EnvelopeHeaders#isWellFormed}); with decryption, an envelope becomes its plaintext form. A
 * value that fails (a well-formed envelope that does not authenticate, its key is unavailable, its
 * plaintext is not a value of the type) is reported, and the row is then left as it is: a value
 * with an envelope's whole shape that does not authenticate is tampered or was copied from
 * elsewhere as often as it is a plaintext that looks like one, and only a person can tell.
 */
public final class RowRewriter {
  /** What the job does to values. */
  public enum Action { REENCRYPT, DECRYPT, VERIFY }

  private final Action action;
  private final List<RegisteredColumn> columns;
  private final List<ColumnCipher<Object, Object>> ciphers;
  private final int activeVersion;
  /** Per column, the header of the ACTIVE version in the column's mode; null unless re-encrypting. */
  private final @Nullable Object[] activePrefixes;
  /** Per column, the legacy format its values may be in; null entries for none. */
  private final @Nullable LegacyFormat[] legacy;

  /** {@code ciphers} in the order of {@code columns}; {@code activeVersion} for {@link Action#REENCRYPT}. */
  public RowRewriter(Action action, List<RegisteredColumn> columns, List<ColumnCipher<?, ?>> ciphers, int activeVersion) {
    this(action, columns, ciphers, activeVersion, new LegacyFormat[columns.size()]);
  }

  /**
   * As {@link #RowRewriter(Action, List, List, int)}, with {@code legacy}: per column, in the order
   * of {@code columns}, the legacy format whose values {@link Action#REENCRYPT} opens and encrypts
   * (null entries for none).
   */
  @SuppressWarnings("unchecked")
  public RowRewriter(Action action, List<RegisteredColumn> columns, List<ColumnCipher<?, ?>> ciphers, int activeVersion,
      @Nullable LegacyFormat[] legacy) {
    this.action = action;
    this.legacy = legacy.clone();
    this.columns = List.copyOf(columns);
    List<ColumnCipher<Object, Object>> typed = new ArrayList<>();
    ciphers.forEach(c -> typed.add((ColumnCipher<Object, Object>) c));
    this.ciphers = List.copyOf(typed);
    this.activeVersion = activeVersion;
    this.activePrefixes = new Object[typed.size()];
    if (action == Action.REENCRYPT && activeVersion > 0) {
      for (int i = 0; i < typed.size(); i++) {
        activePrefixes[i] = typed.get(i).envelopePrefix(activeVersion);
      }
    }
  }

  /** Whether {@code stored} starts with the ACTIVE version's header of column {@code j}'s mode. */
  private boolean onActive(int j, Object stored) {
    Object prefix = activePrefixes[j];
    if (prefix instanceof String p) {
      return stored instanceof String s && s.startsWith(p);
    }
    if (prefix instanceof byte[] p) {
      return stored instanceof byte[] b && b.length >= p.length && Arrays.equals(b, 0, p.length, p, 0, p.length);
    }
    return false;
  }

  /** A value that failed: its column, its key version (null if not an envelope) and the error code. */
  public record FailedValue(String column, @Nullable Integer keyVersion, String code) {}

  /**
   * What a row becomes.
   *
   * @param newValues per column the value to write, null where the value stays
   */
  public record Change(@Nullable Object[] newValues, long reencrypted, long encrypted, long imported, long decrypted,
      long skipped, List<FailedValue> failures) {
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

  /**
   * What a row becomes. {@code key}: the row's primary-key values, which a {@linkplain
   * ColumnCipher#rowBound() row-bound} column's values are bound to.
   */
  public Change rewrite(List<Object> key, @Nullable Object[] stored, @Nullable Object[] plain) {
    RowKey row = null;
    Object[] out = new Object[stored.length];
    long reencrypted = 0;
    long encrypted = 0;
    long imported = 0;
    long decrypted = 0;
    long skipped = 0;
    List<FailedValue> failures = new ArrayList<>();
    for (int j = 0; j < stored.length; j++) {
      Object s = stored[j];
      if (s == null) {
        continue;
      }
      ColumnCipher<Object, Object> cipher = ciphers.get(j);
      // An envelope has its whole shape, not only a header: a plaintext that starts with one is plaintext.
      OptionalInt version = EnvelopeHeaders.isWellFormed(s) ? cipher.keyVersionOf(s) : OptionalInt.empty();
      try {
        if (cipher.rowBound() && row == null) {
          row = RowKey.of(key.toArray());
        }
        switch (action) {
          case REENCRYPT -> {
            LegacyFormat format = legacy[j];
            if (version.isEmpty() && format != null && format.claims(s)) {
              Object value = openLegacy(format, j, s, cipher);
              out[j] = row != null ? cipher.encryptPlaintext(value, row) : cipher.encryptPlaintext(value);
              imported++;
            } else if (version.isEmpty()) {
              Object value = plain[j] == null ? s : plain[j];
              out[j] = row != null ? cipher.encryptPlaintext(value, row) : cipher.encryptPlaintext(value);
              encrypted++;
            } else if (version.getAsInt() == activeVersion && onActive(j, s)) {
              skipped++;
            } else {
              out[j] = row != null ? cipher.reencrypt(s, row) : cipher.reencrypt(s);
              reencrypted++;
            }
          }
          case DECRYPT -> {
            if (version.isEmpty()) { // not an envelope: already plaintext
              skipped++;
            } else {
              out[j] = row != null ? cipher.decryptToPlaintext(s, row) : cipher.decryptToPlaintext(s);
              decrypted++;
            }
          }
          case VERIFY -> {
            if (version.isEmpty()) { // plaintext or a legacy value, even if this process could read it
              throw new DecryptionException(cipher.table(), cipher.column(), 0);
            }
            if (row != null) {
              cipher.decrypt(s, row);
            } else {
              cipher.decrypt(s);
            }
            skipped++;
          }
        }
      } catch (DecryptionException | KeyUnavailableException | EncryptionException | RowKeyException e) {
        out[j] = null;
        failures.add(new FailedValue(columns.get(j).column(), version.isPresent() ? version.getAsInt() : null,
            e.code().name()));
      }
    }
    if (!failures.isEmpty()) {
      return new Change(new Object[stored.length], 0, 0, 0, 0, 0, failures);
    }
    return new Change(out, reencrypted, encrypted, imported, decrypted, skipped, failures);
  }

  /** The value of a legacy value; a value that does not open fails as a {@code DECRYPT_FAILED} of its column. */
  private Object openLegacy(LegacyFormat format, int j, Object stored, ColumnCipher<Object, Object> cipher) {
    try {
      return format.open(stored, cipher);
    } catch (LegacyFormat.LegacyFormatException e) {
      throw DecryptionException.legacy(cipher.table(), cipher.column(), format.name() + " value", e.getMessage());
    }
  }
}
