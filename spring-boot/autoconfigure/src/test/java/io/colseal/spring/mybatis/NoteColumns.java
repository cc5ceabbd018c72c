package io.colseal.spring.mybatis;

import io.colseal.mybatis.Encrypted;
import io.colseal.mybatis.EncryptedTypeHandler;

/** The encrypted column of {@code notes}, found by {@code colseal.mybatis.type-handlers-package}. */
public final class NoteColumns {
  private NoteColumns() {}

  @Encrypted(table = "notes", column = "body")
  public static final class Body extends EncryptedTypeHandler<String> {}
}
