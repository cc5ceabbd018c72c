package io.colseal.benchmarks.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;

/**
 * A plain entity whose columns hold strings as long as colseal's text envelopes: the table is
 * filled by copying the raw column values of {@link EncryptedPerson}'s table (select), or through
 * {@link #fill} with strings of the same lengths (insert), so it costs what the longer values cost
 * on the wire, in the driver and in the database, without any encryption.
 */
@Entity
@Table(name = "bench_envelope_person")
public class EnvelopePerson implements Person {
  @Id Long id;
  @Column(length = 60) String name;
  @Column(length = 255) String email;
  @Column(length = 255) String phone;
  @Column(length = 255) String rrn;
  @Column(length = 255) String birthDate;

  /** Fills every sensitive column with a string as long as colseal's text envelope of the value (for inserts). */
  @Override
  public void fill(long id, String name, String email, String phone, String rrn, LocalDate birthDate) {
    this.id = id;
    this.name = name;
    this.email = envelopeLong(email.getBytes(StandardCharsets.UTF_8));
    this.phone = envelopeLong(phone.getBytes(StandardCharsets.UTF_8));
    this.rrn = envelopeLong(rrn.getBytes(StandardCharsets.UTF_8));
    this.birthDate = envelopeLong(ByteBuffer.allocate(8).putLong(birthDate.toEpochDay()).array());
  }

  /** {@code cs1:01:0000000001:} and Base64 of header, nonce, value and tag (8 + 12 + n + 16 bytes), not encrypted. */
  private static String envelopeLong(byte[] value) {
    return "cs1:01:0000000001:" + Base64.getEncoder().encodeToString(Arrays.copyOf(value, value.length + 36));
  }

  @Override
  public int touch() {
    return email.length() + phone.length() + rrn.length() + birthDate.length();
  }
}
