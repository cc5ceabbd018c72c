package io.colseal.hibernate;

import io.colseal.Colseal;
import io.colseal.EncryptedColumn;
import java.util.List;
import org.hibernate.service.Service;
import org.jspecify.annotations.Nullable;

/**
 * colseal's state in one SessionFactory: the running {@link Colseal}, the inventory of encrypted
 * columns and the bound converters. A service of the SessionFactory's own service registry
 * (contributed by {@link ColsealServiceContributor}), so it lives and dies with that SessionFactory
 * and nothing about it is global to the JVM. Empty in a SessionFactory that maps no encrypted
 * column.
 */
final class HibernateRuntime implements Service {
  private final QueryRejections rejections = new QueryRejections();
  private volatile @Nullable Running running;

  /** What a started SessionFactory holds. */
  record Running(Colseal colseal, List<EncryptedColumn> inventory, List<EncryptingConverter<?, ?>> converters,
      List<BlindIndexConverter> indexes) {}

  @Nullable Running running() {
    return running;
  }

  /** The queries colseal refused in this SessionFactory. */
  QueryRejections rejections() {
    return rejections;
  }

  void started(Running r) {
    running = r;
  }

  /** Unbinds every converter and closes colseal; idempotent. */
  void stop() {
    Running r = running;
    running = null;
    if (r != null) {
      r.converters().forEach(EncryptingConverter::unbindRuntime);
      r.indexes().forEach(BlindIndexConverter::unbindRuntime);
      r.colseal().close();
    }
  }

  @Override
  public String toString() {
    Running r = running;
    return "HibernateRuntime[" + (r == null ? "not started" : r.inventory().size() + " columns") + "]";
  }
}
