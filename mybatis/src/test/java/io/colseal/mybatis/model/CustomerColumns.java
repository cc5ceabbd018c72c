package io.colseal.mybatis.model;

import io.colseal.Classification;
import io.colseal.Normalizer;
import io.colseal.Storage;
import io.colseal.mybatis.BlindIndex;
import io.colseal.mybatis.BlindIndexTypeHandler;
import io.colseal.mybatis.Encrypted;
import io.colseal.mybatis.EncryptedTypeHandler;
import java.math.BigDecimal;
import java.time.LocalDate;

/** The encrypted columns of {@code customers}: one line per column, as docs/guides/mybatis.md shows. */
public final class CustomerColumns {
  private CustomerColumns() {}

  // docs:handlers
  @Encrypted(table = "customers", column = "email", deterministic = true,
      classification = Classification.OTHER_PERSONAL)
  public static final class Email extends EncryptedTypeHandler<String> {}

  @Encrypted(table = "customers", column = "phone")
  public static final class Phone extends EncryptedTypeHandler<String> {}

  @BlindIndex(table = "customers", column = "phone_bidx", of = "phone", normalizer = Normalizer.DIGITS_ONLY)
  public static final class PhoneIndex extends BlindIndexTypeHandler {}

  @Encrypted(table = "customers", column = "birth_date")
  public static final class BirthDate extends EncryptedTypeHandler<LocalDate> {}
  // docs:handlers

  @Encrypted(table = "customers", column = "photo")
  public static final class Photo extends EncryptedTypeHandler<byte[]> {}

  @Encrypted(table = "customers", column = "memo", storage = Storage.BINARY)
  public static final class Memo extends EncryptedTypeHandler<String> {}

  @Encrypted(table = "customers", column = "credit")
  public static final class Credit extends EncryptedTypeHandler<Integer> {}

  @Encrypted(table = "customers", column = "balance", deterministic = true)
  public static final class Balance extends EncryptedTypeHandler<BigDecimal> {}
}
