package io.colseal.spring.internal;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;

/**
 * The application's {@link Colseal} and who owns it: the SessionFactory's own instance (Hibernate
 * closes it with the SessionFactory), or one the starter started on the {@code DataSource} for an
 * application without JPA, which {@link #destroy()} closes at shutdown.
 */
final class ColsealHandle implements DisposableBean {
  private final Colseal colseal;
  private final boolean owned;
  private final @Nullable Object sessionFactory;

  private ColsealHandle(Colseal colseal, boolean owned, @Nullable Object sessionFactory) {
    this.colseal = colseal;
    this.owned = owned;
    this.sessionFactory = sessionFactory;
  }

  /** The instance of a SessionFactory; not closed here. */
  static ColsealHandle ofSessionFactory(Colseal colseal, Object sessionFactory) {
    return new ColsealHandle(colseal, false, sessionFactory);
  }

  /** A new instance on {@code dataSource}, closed at shutdown. */
  static ColsealHandle start(DataSource dataSource, BootSettings settings) {
    return new ColsealHandle(Colseal.start(dataSource, ColsealConfig.fromProperties(settings.colsealProperties())),
        true, null);
  }

  Colseal colseal() {
    return colseal;
  }

  /** The Hibernate SessionFactory whose instance this is, or null. */
  @Nullable Object sessionFactory() {
    return sessionFactory;
  }

  @Override
  public void destroy() {
    if (owned) {
      colseal.close();
    }
  }

  @Override
  public String toString() {
    return "ColsealHandle[" + colseal + (owned ? ", started by the starter]" : ", of the SessionFactory]");
  }
}
