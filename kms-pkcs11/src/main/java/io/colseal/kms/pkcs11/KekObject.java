package io.colseal.kms.pkcs11;

import io.colseal.exception.ColsealConfigException;
import javax.crypto.SecretKey;

/**
 * An AES key object on the token and the attributes that decide whether it may be a KEK, as the
 * token reports them ({@code CKA_TOKEN}, {@code CKA_SENSITIVE}, {@code CKA_EXTRACTABLE}, {@code
 * CKA_VALUE_LEN}) through SunPKCS11. Holds a handle, never key bytes: a sensitive key's value
 * cannot be read.
 *
 * @param label the object's {@code CKA_LABEL}
 * @param key the SunPKCS11 handle
 * @param tokenObject {@code CKA_TOKEN}: stored on the token, not a session object
 * @param sensitive {@code CKA_SENSITIVE}
 * @param extractable {@code CKA_EXTRACTABLE}
 * @param bits the key length, -1 when the token did not say
 */
record KekObject(String label, SecretKey key, boolean tokenObject, boolean sensitive, boolean extractable, int bits) {

  /**
   * Reads the attributes from SunPKCS11's description of the key ({@code "... AES secret key, 256
   * bits token object, sensitive, unextractable)"}), which it builds from {@code C_GetAttributeValue}
   * when the handle is made: the JDK offers no other way to read them. A description that does not
   * say is refused, never guessed.
   */
  static KekObject of(String label, SecretKey key, String description) {
    boolean saysSensitivity = description.contains(", sensitive") || description.contains(", not sensitive");
    boolean saysExtractability = description.contains(", extractable") || description.contains(", unextractable");
    boolean saysKind = description.contains(" token object") || description.contains(" session object");
    if (!saysSensitivity || !saysExtractability || !saysKind) {
      throw new ColsealConfigException("cannot tell whether the PKCS#11 key object '" + label + "' is sensitive and"
          + " non-extractable: this Java runtime's SunPKCS11 does not describe it (" + key.getClass().getSimpleName()
          + "); refusing to use it as a KEK");
    }
    return new KekObject(label, key, description.contains(" token object"),
        description.contains(", sensitive"), description.contains(", extractable"), Pkcs11Token.reportedBits(description));
  }

  /**
   * Refuses a key object that could leave the token or would not outlive the session: a KEK must
   * be a token object, {@code CKA_SENSITIVE=true}, {@code CKA_EXTRACTABLE=false}, AES-256.
   *
   * @throws ColsealConfigException naming the label and every attribute that is wrong
   */
  KekObject requireKekAttributes(String slot) {
    if (fitAsKek()) {
      return this;
    }
    StringBuilder wrong = new StringBuilder();
    if (!tokenObject) {
      wrong.append(", it is a session object (CKA_TOKEN=false)");
    }
    if (!sensitive) {
      wrong.append(", it is not sensitive (CKA_SENSITIVE=false)");
    }
    if (extractable) {
      wrong.append(", it is extractable (CKA_EXTRACTABLE=true)");
    }
    if (bits != 256) {
      wrong.append(", it is not a 256-bit key (").append(bits < 0 ? "length not reported" : bits + " bits").append(')');
    }
    throw new ColsealConfigException("the PKCS#11 key object '" + label + "' in " + slot + " cannot be a KEK"
        + wrong + ". A KEK must never leave the HSM: create one with 'colseal kek create --provider pkcs11'"
        + " (docs/guides/hsm-setup.md)");
  }

  /** Whether this object may be a KEK: an AES-256 token object, sensitive and non-extractable. */
  boolean fitAsKek() {
    return tokenObject && sensitive && !extractable && bits == 256;
  }

  /** {@code CKA_TOKEN=true, CKA_SENSITIVE=true, CKA_EXTRACTABLE=false}, for the audit's KEK register. */
  String attributes() {
    return "CKA_TOKEN=" + tokenObject + ", CKA_SENSITIVE=" + sensitive + ", CKA_EXTRACTABLE=" + extractable;
  }

  @Override
  public String toString() {
    return "KekObject[" + label + ", " + attributes() + ", " + bits + " bits]";
  }
}
