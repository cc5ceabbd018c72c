/**
 * colseal's core: envelope encryption of column values for JDBC code, without Hibernate.
 *
 * <p>Exported: {@code io.colseal} (what applications touch), {@code io.colseal.keys} (key versions
 * and the key ring's view), {@code io.colseal.kms} and {@code io.colseal.kms.local} (the KEK
 * provider SPI and the local provider), {@code io.colseal.config} (setting declarations), {@code
 * io.colseal.exception} and {@code io.colseal.jdbc}. Everything under {@code io.colseal.internal}
 * stays inside this module.
 */
module io.colseal.core {
  requires transitive java.sql;
  requires java.management;
  requires org.slf4j;
  requires org.bouncycastle.provider;
  requires static transitive org.jspecify;

  exports io.colseal;
  exports io.colseal.config;
  exports io.colseal.exception;
  exports io.colseal.jdbc;
  exports io.colseal.keys;
  exports io.colseal.kms;
  exports io.colseal.kms.local;

  uses io.colseal.kms.KmsProviderFactory;

  provides io.colseal.kms.KmsProviderFactory with io.colseal.kms.local.LocalKmsProviderFactory;
}
