package io.colseal.sample;

import io.colseal.sample.data.CustomerProfile;
import io.colseal.sample.model.Customer;
import io.colseal.sample.repository.CustomerRepository;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Finds customers by encrypted values through the repository: by email ({@code
 * findByEmail}, a deterministic column) and by phone ({@code findByPhoneIndex}, a blind index),
 * the phone given both as written ({@code 010-1234-5678}) and as bare digits.
 */
@Component
class Lookups {
  /**
   * What the searches found.
   *
   * @param searches searches run
   * @param misses one line per search that did not find the expected customer
   */
  record Found(int searches, List<String> misses) {}

  private final CustomerRepository customers;

  Lookups(CustomerRepository customers) {
    this.customers = customers;
  }

  Found find(List<CustomerProfile> profiles) {
    List<String> misses = new ArrayList<>();
    int searches = 0;
    for (CustomerProfile p : profiles) {
      searches++;
      check(misses, p, "findByEmail", customers.findByEmail(p.email()).stream().toList());
      searches++;
      check(misses, p, "findByPhoneIndex (as written)", customers.findByPhoneIndex(p.phone()));
      searches++;
      check(misses, p, "findByPhoneIndex (digits only)", customers.findByPhoneIndex(p.phone().replace("-", "")));
    }
    searches++;
    if (customers.findByEmail("nobody@example.com").isPresent()) {
      misses.add("findByEmail of an unknown email found a customer");
    }
    return new Found(searches, List.copyOf(misses));
  }

  private static void check(List<String> misses, CustomerProfile p, String search, List<Customer> found) {
    // Two customers may share a phone; the one searched for must be among those found.
    if (found.stream().noneMatch(c -> c.getMemberNumber().equals(p.memberNumber()))) {
      misses.add(p.memberNumber() + " " + search + " did not find the customer (" + found.size() + " found)");
    }
  }
}
