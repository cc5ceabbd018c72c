package io.colseal.spring.internal;

import io.colseal.hibernate.ColsealHibernate;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The JPA side of the {@code Colseal} bean, in a class of its own so that an application without
 * JPA or colseal-hibernate never loads these types.
 */
final class JpaColseal {
  private JpaColseal() {}

  /**
   * The colseal instance of the application's one EntityManagerFactory, or null when there is no
   * such factory or it maps no {@code @Encrypted} column.
   */
  static @Nullable ColsealHandle find(ListableBeanFactory beans) {
    EntityManagerFactory emf = beans.getBeanProvider(EntityManagerFactory.class).getIfUnique();
    if (emf == null) {
      return null;
    }
    // Spring's EntityManagerFactory proxy implements SessionFactory itself, so unwrap(SessionFactory) returns the
    // proxy; SessionFactoryImplementor, which it does not implement, reaches the native one.
    SessionFactory sf = emf.unwrap(SessionFactoryImplementor.class);
    if (ColsealHibernate.inventory(sf).isEmpty()) {
      return null;
    }
    return ColsealHandle.ofSessionFactory(ColsealHibernate.colseal(sf), sf);
  }

  /** The queries colseal refused in the SessionFactory of {@code handle}, or null without one. */
  static io.colseal.hibernate.@Nullable QueryRejections rejections(ColsealHandle handle) {
    return handle.sessionFactory() instanceof SessionFactory sf ? ColsealHibernate.rejectedQueries(sf) : null;
  }
}
