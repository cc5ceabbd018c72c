package io.colseal.kms;

/**
 * The token {@link SecretKeyMaterial#exposeBytes(InsecureKeyAccess)} takes: code that reads raw key
 * bytes must say so in a way that is easy to find ({@code InsecureKeyAccess.get()}) and to forbid
 * in a review or an architecture test. Only KEK providers, which must hand a data key to a KMS or a
 * cipher, have a reason to use it; nothing colseal returns to an application holds key bytes.
 */
public final class InsecureKeyAccess {
  private static final InsecureKeyAccess INSTANCE = new InsecureKeyAccess();

  private InsecureKeyAccess() {}

  /** The token. */
  public static InsecureKeyAccess get() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return "InsecureKeyAccess";
  }
}
