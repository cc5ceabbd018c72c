package io.colseal.mybatis;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.mybatis.model.AnnotatedCustomerMapper;
import io.colseal.mybatis.model.CustomerColumns;
import io.colseal.mybatis.model.CustomerMapper;
import io.colseal.kms.KmsProvider;
import io.colseal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

/**
 * A MyBatis application over one test database: the {@code customers} table, a {@link Colseal}
 * and a SqlSessionFactory set up with {@link ColsealMyBatis} as docs/guides/mybatis.md says.
 */
final class CustomerStore implements AutoCloseable {
  final TestDatabase db;
  final Colseal colseal;
  final ColsealMyBatis configured;
  final SqlSessionFactory factory;

  private CustomerStore(TestDatabase db, Colseal colseal, ColsealMyBatis configured, SqlSessionFactory factory) {
    this.db = db;
    this.colseal = colseal;
    this.configured = configured;
    this.factory = factory;
  }

  /** Creates the table, starts colseal with {@code kms} and builds the SqlSessionFactory. */
  static CustomerStore open(TestDatabase db, KmsProvider kms) throws SQLException {
    createTable(db);
    return onExistingTable(db, kms);
  }

  /** As {@link #open}, on a {@code customers} table made by someone else (Hibernate). */
  static CustomerStore onExistingTable(TestDatabase db, KmsProvider kms) {
    Colseal colseal = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms).build());
    DataSource dataSource = db.dataSource();
    try {
      // docs:setup
      Configuration configuration = new Configuration(
          new Environment("app", new JdbcTransactionFactory(), dataSource));
      ColsealMyBatis configured = ColsealMyBatis.configure(configuration, colseal, CustomerColumns.class);
      registerAliases(configuration); // CustomerEmail for CustomerColumns.Email, and so on
      configuration.addMapper(CustomerMapper.class); // and CustomerMapper.xml beside it
      configuration.addMapper(AnnotatedCustomerMapper.class);
      ColsealMyBatis.verify(configuration);
      SqlSessionFactory factory = new SqlSessionFactoryBuilder().build(configuration);
      // docs:setup
      return new CustomerStore(db, colseal, configured, factory);
    } catch (RuntimeException e) {
      colseal.close();
      throw e;
    }
  }

  static Configuration configuration(DataSource dataSource) {
    return new Configuration(new Environment("app", new JdbcTransactionFactory(), dataSource));
  }

  /** Aliases CustomerEmail, CustomerPhone, ... for the mapper XML, as an application's typeAliases would. */
  static void registerAliases(Configuration configuration) {
    for (Class<?> c : CustomerColumns.class.getDeclaredClasses()) {
      configuration.getTypeAliasRegistry().registerAlias("Customer" + c.getSimpleName(), c);
    }
  }

  static void createTable(TestDatabase db) throws SQLException {
    String binary = db.kind() == TestDatabase.Kind.POSTGRESQL ? "BYTEA" : "VARBINARY(2000)";
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, email VARCHAR(500), phone VARCHAR(500),"
          + " phone_bidx VARCHAR(64), birth_date VARCHAR(200), photo " + binary + ", memo " + binary + ","
          + " credit VARCHAR(200), balance VARCHAR(200))");
    }
  }

  <T> T xml(Function<CustomerMapper, T> work) {
    try (SqlSession s = factory.openSession(true)) {
      return work.apply(s.getMapper(CustomerMapper.class));
    }
  }

  <T> T annotated(Function<AnnotatedCustomerMapper, T> work) {
    try (SqlSession s = factory.openSession(true)) {
      return work.apply(s.getMapper(AnnotatedCustomerMapper.class));
    }
  }

  /** Work in one BATCH session, committed at the end. */
  void batch(java.util.function.Consumer<CustomerMapper> work) {
    try (SqlSession s = factory.openSession(ExecutorType.BATCH, false)) {
      work.accept(s.getMapper(CustomerMapper.class));
      s.commit();
    }
  }

  @Override
  public void close() {
    colseal.close();
  }
}
