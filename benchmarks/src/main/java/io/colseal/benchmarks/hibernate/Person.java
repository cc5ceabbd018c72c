package io.colseal.benchmarks.hibernate;

import java.time.LocalDate;

/** What the Hibernate benchmarks write and read, encrypted or not. */
public interface Person {
  void fill(long id, String name, String email, String phone, String rrn, LocalDate birthDate);

  /** Reads every sensitive attribute, so lazy work cannot be skipped. */
  int touch();

  static void sample(Person p, long id) {
    p.fill(id, "홍길동" + id, "customer" + id + "@example.com", String.format("010-%04d-%04d", id / 10000 % 10000, id % 10000),
        String.format("%02d%02d%02d-%07d", 50 + id % 50, 1 + id % 12, 1 + id % 28, 1000000 + id % 9000000),
        LocalDate.of(1950, 1, 1).plusDays(id % 20000));
  }
}
