package io.colseal.operations.legacy;

import io.colseal.ColumnCipher;
import io.colseal.exception.DecryptionException;
import io.colseal.FernetTokens;
import io.colseal.jdbc.DatabaseVendor;

/** The legacy formats colseal reads itself. */
public final class LegacyFormats {
  private LegacyFormats() {}

  /**
   * Fernet tokens of the AWS KMS + Fernet recipe: a value with a token's {@linkplain
   * FernetTokens#hasShape shape} (URL-safe Base64 with padding, at least 100 characters, starting
   * {@code gAAAA}, the version byte 0x80) is claimed and opened, HMAC first, under the legacy key
   * of {@code colseal.migration.read-fernet-key}, which the job's configuration must name ({@link
   * io.colseal.operations.ReencryptionJob.Builder#fromFernetKey} sets it).
   */
  public static LegacyFormat fernet() {
    return FERNET;
  }

  private static final LegacyFormat FERNET = new Fernet();

  private static final class Fernet implements LegacyFormat {
    @Override
    public String name() {
      return "Fernet";
    }

    @Override
    public boolean claims(Object stored) {
      return stored instanceof String s && FernetTokens.hasShape(s);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object open(Object stored, ColumnCipher<?, ?> column) throws LegacyFormatException {
      try {
        Object value = ((ColumnCipher<Object, Object>) column).decrypt(stored);
        if (value == null) {
          throw new LegacyFormatException("is empty");
        }
        return value;
      } catch (DecryptionException e) {
        throw new LegacyFormatException(e.getMessage());
      }
    }

    @Override
    public String shapeSql(String c, DatabaseVendor vendor) {
      return FernetTokens.shapeSql(c);
    }

    @Override
    public String toString() {
      return "LegacyFormat[Fernet]";
    }
  }
}
