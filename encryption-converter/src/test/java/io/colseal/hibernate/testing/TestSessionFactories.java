package io.colseal.hibernate.testing;

import io.colseal.testing.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/** Builds SessionFactories over a {@link TestDatabase} with Hibernate's native bootstrap. */
public final class TestSessionFactories {
  private TestSessionFactories() {}

  /** Default test settings: schema created by Hibernate, colseal with the given KEK provider. */
  public static Map<String, Object> settings(TestDatabase db, Object kms) {
    Map<String, Object> s = new HashMap<>();
    s.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, db.dataSource());
    s.put(AvailableSettings.HBM2DDL_AUTO, "create");
    s.put(AvailableSettings.GENERATE_STATISTICS, "true");
    s.put("colseal.kms.provider", kms);
    return s;
  }

  public static SessionFactory build(Map<String, Object> settings, Class<?>... entities) {
    StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(settings).build();
    try {
      MetadataSources sources = new MetadataSources(registry);
      for (Class<?> e : entities) {
        sources.addAnnotatedClass(e);
      }
      return sources.buildMetadata().buildSessionFactory();
    } catch (RuntimeException e) {
      StandardServiceRegistryBuilder.destroy(registry);
      throw e;
    }
  }

  public static SessionFactory build(TestDatabase db, Object kms, Class<?>... entities) {
    return build(settings(db, kms), entities);
  }
}
