package io.colseal.sample;

import io.colseal.sample.model.BankAccount;
import io.colseal.sample.model.Customer;
import io.colseal.sample.model.PaymentCard;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.hibernate.tool.schema.Action;

/**
 * Builds the persistence unit in code with JPA 3.2's {@code PersistenceConfiguration}: no {@code
 * persistence.xml}. colseal needs no registration: Hibernate finds its integrator on the classpath
 * and passes it this unit's properties, which carry the {@code colseal.*} settings.
 */
final class SamplePersistence {
  static final String UNIT = "colseal-sample";

  private SamplePersistence() {}

  /** The SessionFactory over {@code dataSource}; its schema must already be migrated. */
  static SessionFactory start(DataSource dataSource, DemoSettings settings) {
    return new HibernatePersistenceConfiguration(UNIT)
        .managedClasses(Customer.class, PaymentCard.class, BankAccount.class)
        .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
        // Flyway owns the schema; Hibernate only checks that the mapping matches it.
        .schemaToolingAction(Action.VALIDATE)
        .property(AvailableSettings.STATEMENT_BATCH_SIZE, settings.batchSize())
        .property(AvailableSettings.ORDER_INSERTS, true)
        .property(AvailableSettings.JDBC_TIME_ZONE, "UTC")
        .collectStatistics(true)
        .properties(settings.colsealSettings())
        .createEntityManagerFactory();
  }
}
