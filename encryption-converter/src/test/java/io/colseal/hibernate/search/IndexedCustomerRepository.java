package io.colseal.hibernate.search;

import io.colseal.hibernate.model.IndexedCustomer;
import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Spring Data queries on a {@code @BlindIndex} attribute: the arguments are plaintexts. */
public interface IndexedCustomerRepository extends Repository<IndexedCustomer, Long> {
  List<IndexedCustomer> findByPhoneIndex(String phone);

  List<IndexedCustomer> findByPhoneIndexIn(Collection<String> phones);

  @Query("select c from IndexedCustomer c where c.phoneIndex = :phone")
  List<IndexedCustomer> byPhone(@Param("phone") String phone);

  @Query("select c from IndexedCustomer c where c.phoneIndex in ?1")
  List<IndexedCustomer> byPhones(Collection<String> phones);
}
