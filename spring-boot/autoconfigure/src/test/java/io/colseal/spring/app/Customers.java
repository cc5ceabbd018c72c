package io.colseal.spring.app;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** A {@code @Repository} bean with JPQL of its own, as applications write beside Spring Data. */
@Repository
public class Customers {
  @PersistenceContext private EntityManager em;

  /** {@code ORDER BY} an encrypted attribute: colseal refuses it (QUERY_REJECTED). */
  @Transactional(readOnly = true)
  public List<Customer> orderedByEmail() {
    return em.createQuery("select c from Customer c order by c.email", Customer.class).getResultList();
  }

  @Transactional
  public Long add(String email) {
    Customer c = new Customer();
    c.email = email;
    em.persist(c);
    return c.id;
  }
}
