package io.colseal.hibernate;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColsealSettings;
import io.colseal.EncryptedColumn;
import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.jdbc.ConnectionSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hibernate.SessionFactory;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access to colseal from a Hibernate {@link SessionFactory}: the running instance (key ring,
 * counters, JDBC ciphers sharing the same keys) and the inventory of encrypted columns.
 *
 * <p>colseal reads its settings from the SessionFactory's properties (persistence.xml, {@code
 * hibernate.properties}, the settings map), then JVM system properties, then environment
 * variables. It uses the SessionFactory's own connections for the key table.
 */
public final class ColsealHibernate {
  private static final Logger LOG = LoggerFactory.getLogger(ColsealHibernate.class);

  private ColsealHibernate() {}

  /** The colseal instance of {@code sessionFactory}; throws if it maps no encrypted column. */
  public static Colseal colseal(SessionFactory sessionFactory) {
    return running(sessionFactory).colseal();
  }

  /**
   * The encrypted columns of {@code sessionFactory}, ordered by table and column; empty if there
   * are none.
   */
  public static List<EncryptedColumn> inventory(SessionFactory sessionFactory) {
    HibernateRuntime.Running r = sessionFactory.isClosed() ? null : runtime(sessionFactory).running();
    return r == null ? List.of() : r.inventory();
  }

  /**
   * The queries colseal refused in {@code sessionFactory} since it was built, by error code; all
   * zero in a SessionFactory without encrypted attributes. A live view, the same object for the
   * life of the SessionFactory; see {@link QueryRejections}.
   *
   * @throws IllegalStateException if the SessionFactory was closed
   */
  public static QueryRejections rejectedQueries(SessionFactory sessionFactory) {
    return runtime(sessionFactory).rejections();
  }

  /** The bound converters of a running SessionFactory, one per encrypted column. */
  static List<EncryptingConverter<?, ?>> converters(SessionFactory sessionFactory) {
    return running(sessionFactory).converters();
  }

  private static HibernateRuntime runtime(SessionFactory sessionFactory) {
    if (sessionFactory.isClosed()) {
      throw new IllegalStateException("this SessionFactory was closed");
    }
    return ColsealServiceContributor.runtime(((SessionFactoryImplementor) sessionFactory).getServiceRegistry());
  }

  private static HibernateRuntime.Running running(SessionFactory sessionFactory) {
    HibernateRuntime.Running r = runtime(sessionFactory).running();
    if (r == null) {
      throw new IllegalStateException("this SessionFactory maps no @Encrypted column, or was closed");
    }
    return r;
  }

  /** The blind-index columns of {@code sessionFactory}; empty if there are none. */
  static List<BlindIndexConverter> blindIndexes(SessionFactory sessionFactory) {
    HibernateRuntime.Running r = runtime(sessionFactory).running();
    return r == null ? List.of() : r.indexes();
  }

  /** Starts colseal for {@code sf}; returns the SessionFactory's runtime, which the caller stops at close. */
  static HibernateRuntime start(SessionFactoryImplementor sf, List<EncryptingConverter<?, ?>> converters,
      List<BlindIndexConverter> indexes) {
    HibernateRuntime runtime = runtime(sf);
    @SuppressWarnings("unchecked")
    ColsealConfig config = ColsealConfig.fromProperties((Map<String, ?>) (Map<?, ?>) sf.getProperties());
    Colseal colseal = Colseal.start(connections(sf), config);
    try {
      TreeSet<EncryptedColumn> columns = new TreeSet<>(
          Comparator.comparing(EncryptedColumn::table).thenComparing(EncryptedColumn::column)
              .thenComparing(EncryptedColumn::entity).thenComparing(EncryptedColumn::attribute));
      TreeSet<String> tables = new TreeSet<>();
      for (EncryptingConverter<?, ?> c : converters) {
        EncryptedColumn column = c.describe();
        columns.add(column);
        tables.add(column.table());
      }
      boolean kmsRequired = config.find(ColsealSettings.KMS_REQUIRED_AT_STARTUP).orElse(true);
      loadKeys(kmsRequired, () -> colseal.keyRing().ensureActiveKeys(tables));
      colseal.register(columns);
      for (EncryptingConverter<?, ?> c : converters) {
        c.bindRuntime(colseal);
      }
      loadKeys(kmsRequired,
          () -> colseal.registerBlindIndexes(indexes.stream().map(BlindIndexConverter::describe).toList()));
      for (BlindIndexConverter i : indexes) {
        i.bindRuntime(colseal);
      }
      runtime.started(new HibernateRuntime.Running(colseal, List.copyOf(columns), converters, List.copyOf(indexes)));
      LOG.info("colseal encrypts {} columns in {} tables", columns.size(), tables.size());
      return runtime;
    } catch (RuntimeException e) {
      colseal.close();
      throw e;
    }
  }

  /**
   * Runs a start-up step that loads or creates keys. With {@code colseal.kms.required-at-startup=false}
   * a KEK provider that cannot be reached does not fail the start: the keys load on first use.
   */
  private static void loadKeys(boolean kmsRequired, Runnable step) {
    try {
      step.run();
    } catch (KmsException e) {
      if (kmsRequired || e.code() != ErrorCode.KMS_UNAVAILABLE) {
        throw e;
      }
      LOG.warn("colseal started without loading its keys: the KEK provider cannot be reached ({}); each value that"
          + " needs a key fails with KMS_UNAVAILABLE until it answers ({}=false)", e.code(),
          ColsealSettings.KMS_REQUIRED_AT_STARTUP.name());
    }
  }

  private static ConnectionSource connections(SessionFactoryImplementor sf) {
    @Nullable ConnectionProvider provider = sf.getServiceRegistry().getService(ConnectionProvider.class);
    if (provider == null) {
      throw new ColsealConfigException("colseal needs the SessionFactory's ConnectionProvider for its key table;"
          + " multi-tenant connection providers are not supported yet");
    }
    return new ConnectionSource() {
      @Override
      public Connection open() throws SQLException {
        return provider.getConnection();
      }

      @Override
      public void release(Connection connection) throws SQLException {
        provider.closeConnection(connection);
      }
    };
  }
}
