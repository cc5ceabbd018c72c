package io.colseal.mybatis.model;

import java.math.BigDecimal;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** The XML mapper: CustomerMapper.xml beside it on the class path. */
public interface CustomerMapper {
  void insert(Customer customer);

  Customer findById(long id);

  List<Customer> findByEmail(String email);

  List<Customer> findByEmailNot(String email);

  List<Customer> findByEmails(List<String> emails);

  List<Customer> findByPhone(String phone);

  List<Customer> findByBalance(BigDecimal balance);

  List<Customer> search(@Param("email") String email, @Param("phone") String phone);

  int updateEmail(@Param("oldEmail") String oldEmail, @Param("newEmail") String newEmail);

  int deleteByEmail(String email);

  List<Customer> findByEmailLike(@Param("pattern") String pattern);
}
