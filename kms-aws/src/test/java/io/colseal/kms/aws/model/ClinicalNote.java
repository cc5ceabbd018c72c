package io.colseal.kms.aws.model;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An encrypted body next to a plain author; values derive from the id so a reader can check them. */
@Entity
@Table(name = "clinical_note")
public class ClinicalNote {
  @Id public Long id;
  public String author;
  @Encrypted public String body;

  public ClinicalNote() {}

  public static ClinicalNote of(long id) {
    ClinicalNote n = new ClinicalNote();
    n.id = id;
    n.author = "dr-" + (id % 7);
    n.body = "Note " + id + ": patient reports improvement after treatment.";
    return n;
  }

  public boolean matchesId() {
    ClinicalNote expected = of(id);
    return expected.author.equals(author) && expected.body.equals(body);
  }
}
