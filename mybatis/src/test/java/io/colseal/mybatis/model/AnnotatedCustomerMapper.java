package io.colseal.mybatis.model;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Result;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.Results;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.SelectProvider;
import org.apache.ibatis.cursor.Cursor;

/** The same table through annotations only. */
public interface AnnotatedCustomerMapper {
  // docs:annotations
  @Insert("INSERT INTO customers (id, email, phone, phone_bidx, birth_date) VALUES (#{id},"
      + " #{email,typeHandler=io.colseal.mybatis.model.CustomerColumns$Email},"
      + " #{phone,typeHandler=io.colseal.mybatis.model.CustomerColumns$Phone},"
      + " #{phone,typeHandler=io.colseal.mybatis.model.CustomerColumns$PhoneIndex},"
      + " #{birthDate,typeHandler=io.colseal.mybatis.model.CustomerColumns$BirthDate})")
  void insert(Customer customer);

  @Select("SELECT id, email, phone, birth_date FROM customers"
      + " WHERE email = #{email,typeHandler=io.colseal.mybatis.model.CustomerColumns$Email} ORDER BY id")
  @Results(id = "annotatedCustomer", value = {
      @Result(column = "id", property = "id", id = true),
      @Result(column = "email", property = "email", typeHandler = CustomerColumns.Email.class),
      @Result(column = "phone", property = "phone", typeHandler = CustomerColumns.Phone.class),
      @Result(column = "birth_date", property = "birthDate", typeHandler = CustomerColumns.BirthDate.class)})
  List<Customer> findByEmail(String email);

  @Select("SELECT id, email, phone, birth_date FROM customers"
      + " WHERE phone_bidx = #{phone,typeHandler=io.colseal.mybatis.model.CustomerColumns$PhoneIndex} ORDER BY id")
  @ResultMap("annotatedCustomer")
  List<Customer> findByPhone(String phone);
  // docs:annotations

  @SelectProvider(type = Queries.class, method = "byEmail")
  @ResultMap("annotatedCustomer")
  List<Customer> findByEmailFromProvider(String email);

  @Select("SELECT id, email, phone, birth_date FROM customers"
      + " WHERE email = #{email,typeHandler=io.colseal.mybatis.model.CustomerColumns$Email} ORDER BY id")
  @ResultMap("annotatedCustomer")
  Cursor<Customer> streamByEmail(String email);

  /** SQL built by a provider class. */
  final class Queries {
    private Queries() {}

    public static String byEmail() {
      return "SELECT id, email, phone, birth_date FROM customers"
          + " WHERE email = #{email,typeHandler=io.colseal.mybatis.model.CustomerColumns$Email} ORDER BY id";
    }
  }
}
