package io.colseal.spring.app;

import org.springframework.data.jpa.repository.JpaRepository;

/** A Spring Data repository, whose proxy translates exceptions with every translator bean. */
public interface CustomerRepository extends JpaRepository<Customer, Long> {}
