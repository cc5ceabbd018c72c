package io.colseal.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** One implementation and value size, with a ciphertext ready for the decrypt benchmark. */
@State(Scope.Thread)
public class FieldState {
  @Param({"jce-floor", "jce-floor-aad", "colseal-binary", "colseal-text", "colseal-text-string", "tink", "jasypt-pbe", "jasypt-aes256", "aws-esdk"})
  public String impl;

  @Param({"16", "64", "1024", "16384"})
  public int size;

  FieldCipher cipher;
  Object ciphertext;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    cipher = FieldCiphers.create(impl, size);
    ciphertext = cipher.encrypt();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    cipher.close();
  }
}
