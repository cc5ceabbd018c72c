package io.colseal.hibernate.model;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every mapping case in one entity: renamed column, embedded twice, element collections, secondary table. */
@Entity
@Table(name = "customers")
@SecondaryTable(name = "customer_secrets")
public class Customer {
  @Id public Long id;
  public String name;

  @Encrypted
  @Column(name = "mail_addr")
  public String email;

  @Encrypted public String rrn;
  @Encrypted public LocalDate birthDate;

  @Embedded public Address home;

  @Embedded
  @AttributeOverride(name = "street", column = @Column(name = "work_street"))
  @AttributeOverride(name = "city", column = @Column(name = "work_city"))
  public Address work;

  @Encrypted
  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "customer_phones", joinColumns = @JoinColumn(name = "customer_id"))
  @Column(name = "phone_number", length = 40)
  public Set<String> phones = new HashSet<>();

  @Encrypted
  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "customer_nicknames", joinColumns = @JoinColumn(name = "customer_id"))
  @OrderColumn(name = "position")
  @Column(name = "nickname")
  public List<String> nicknames = new ArrayList<>();

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "customer_past_addresses", joinColumns = @JoinColumn(name = "customer_id"))
  @OrderColumn(name = "position")
  public List<Address> pastAddresses = new ArrayList<>();

  @Encrypted
  @Column(table = "customer_secrets", name = "secret_note")
  public String secretNote;

  public Customer() {}

  public Customer(Long id) {
    this.id = id;
  }
}
