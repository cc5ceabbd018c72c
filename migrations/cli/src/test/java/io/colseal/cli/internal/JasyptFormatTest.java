package io.colseal.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.operations.legacy.LegacyFormat;
import org.jasypt.encryption.pbe.StandardPBEStringEncryptor;
import org.jasypt.iv.NoIvGenerator;
import org.jasypt.salt.StringFixedSaltGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link JasyptFormat} with the set-ups {@code JasyptImportIT} does not run through the jar: a
 * fixed salt ({@code StringFixedSaltGenerator}, salt not stored in the value), with Base64 and
 * hexadecimal output, written by the real Jasypt; a wrong salt fails without quoting the value.
 */
class JasyptFormatTest {
  private static final String PASSWORD = "fixed-salt-password";
  private static final String SALT = "fixed-salt-16chr";

  private static String written(String output) {
    StandardPBEStringEncryptor e = new StandardPBEStringEncryptor();
    e.setPassword(PASSWORD);
    e.setSaltGenerator(new StringFixedSaltGenerator(SALT));
    e.setIvGenerator(new NoIvGenerator());
    e.setStringOutputType(output);
    return e.encrypt("user7@example.kr");
  }

  @Test
  void fixedSalt_base64AndHex_openToTheValue() throws Exception {
    for (String output : new String[] {"base64", "hexadecimal"}) {
      JasyptFormat f = new JasyptFormat("PBEWithMD5AndDES", 1000, PASSWORD.toCharArray(), SALT, false,
          output.equals("base64") ? JasyptFormat.Output.BASE64 : JasyptFormat.Output.HEXADECIMAL, 1);
      String stored = written(output);
      assertTrue(f.claims(stored), output);
      assertEquals("user7@example.kr", f.open(stored, null), output);
      assertFalse(f.claims("user7@example.kr"), "plaintext is not claimed");
    }
  }

  @Test
  void wrongFixedSalt_failsWithoutQuotingTheValue() {
    JasyptFormat f = new JasyptFormat("PBEWithMD5AndDES", 1000, PASSWORD.toCharArray(), "another-salt-16c", false,
        JasyptFormat.Output.BASE64, 1);
    String stored = written("base64");
    LegacyFormat.LegacyFormatException e =
        assertThrows(LegacyFormat.LegacyFormatException.class, () -> f.open(stored, null));
    assertFalse(e.getMessage().contains(stored) || e.getMessage().contains("user7"), e.getMessage());
  }
}
