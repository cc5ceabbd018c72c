package io.colseal.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.colseal.exception.ErrorCode;
import io.colseal.spring.app.Customer;
import io.colseal.spring.app.CustomerRepository;
import io.colseal.spring.app.Customers;
import io.colseal.spring.app.JpaApp;
import io.colseal.testing.InMemoryKms;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.data.domain.Sort;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * colseal's errors reach Spring code as {@code DataAccessException}s with their error code: from
 * a {@code @Repository} bean, from a Spring Data repository, and at commit (the transaction
 * manager's dialect).
 */
class ExceptionTranslationIT {
  @TempDir Path dir;

  @Test
  void repositoryBean_refusedQuery_throwsInvalidUsageWithQueryRejected() {
    BootContexts.jpa(dir).withUserConfiguration(JpaApp.class).run(context -> {
      ColsealInvalidUsageException e = assertThrows(ColsealInvalidUsageException.class,
          () -> context.getBean(Customers.class).orderedByEmail());
      assertEquals(ErrorCode.QUERY_REJECTED, e.getErrorCode());
    });
  }

  @Test
  void springDataRepository_sortOnEncryptedAttribute_throwsInvalidUsageWithQueryRejected() {
    BootContexts.jpa(dir).withUserConfiguration(JpaApp.class)
        .withConfiguration(AutoConfigurations.of(JpaRepositoriesAutoConfiguration.class)).run(context -> {
          CustomerRepository repository = context.getBean(CustomerRepository.class);
          ColsealInvalidUsageException e = assertThrows(ColsealInvalidUsageException.class,
              () -> repository.findAll(Sort.by("email")));
          assertEquals(ErrorCode.QUERY_REJECTED, e.getErrorCode());
        });
  }

  @Test
  void commit_kmsUnavailableAtFlush_throwsTransientWithKmsUnavailable() {
    BootContexts.jpa(dir).withUserConfiguration(JpaApp.class, InMemoryKmsConfig.class).run(context -> {
      EntityManagerFactory emf = context.getBean(EntityManagerFactory.class);
      TransactionTemplate tx = context.getBean(TransactionTemplate.class);
      context.getBean(InMemoryKms.class).setAvailable(false);

      ColsealTransientDataAccessException e = assertThrows(ColsealTransientDataAccessException.class,
          () -> tx.executeWithoutResult(s -> {
            EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(emf);
            Customer c = new Customer();
            c.email = "grace@example.com";
            em.persist(c); // no flush: the value is encrypted when the commit flushes
          }));
      assertEquals(ErrorCode.KMS_UNAVAILABLE, e.getErrorCode());
    });
  }
}
