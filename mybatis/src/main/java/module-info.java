/**
 * colseal for MyBatis: type handlers bound to table and column ({@code @Encrypted}, {@code
 * @BlindIndex}), equality search across key versions, and the registration of the columns, on
 * colseal's core. Exports {@code io.colseal.mybatis} only. MyBatis is the application's (the
 * dependency is {@code provided}); no Hibernate, no Spring.
 */
module io.colseal.mybatis {
  requires transitive io.colseal.core;
  requires transitive org.mybatis;
  requires static transitive org.jspecify;

  exports io.colseal.mybatis;
}
