package io.colseal.sample;

import io.colseal.Colseal;
import io.colseal.ColumnCipher;
import io.colseal.sample.data.CustomerProfile;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Bank accounts written and read with JdbcTemplate, beside JPA: colseal's {@link ColumnCipher}s,
 * taken from the {@link Colseal} bean, encrypt and decrypt exactly as {@code @Encrypted} does for
 * the same table and column, so JPA reads what this writes and the reverse.
 *
 * <pre>{@code
 * ColumnCipher<String, String> accountNumber = colseal.textColumn("bank_account", "account_number", String.class);
 * ps.setString(4, accountNumber.encrypt("110-123-456789"));
 * String plain = accountNumber.decrypt(rs.getString("account_number"));
 * }</pre>
 */
@Repository
public class JdbcBankAccounts {
  /** An account to insert for the customer with id {@code customerId}. */
  public record NewAccount(long customerId, String bankName, String accountNumber) {
    @Override
    public String toString() {
      return "NewAccount[customer " + customerId + ", " + bankName + "]";
    }
  }

  /** One line of the payout export: who is paid, where. */
  public record Payout(String memberNumber, String holderName, String bankName, String accountNumber) {
    @Override
    public String toString() {
      return "Payout[" + memberNumber + ", " + bankName + "]";
    }
  }

  /**
   * The export compared with what was written.
   *
   * @param rows payout lines read
   * @param mismatches member numbers whose line differs from what was written, or is missing or extra
   */
  public record PayoutCheck(long rows, List<String> mismatches) {}

  private final JdbcTemplate jdbc;
  private final ColumnCipher<String, String> accountNumber;
  private final ColumnCipher<String, String> holderName;
  private volatile @Nullable String insert;

  public JdbcBankAccounts(JdbcTemplate jdbc, Colseal colseal) {
    this.jdbc = jdbc;
    this.accountNumber = colseal.textColumn("bank_account", "account_number", String.class);
    this.holderName = colseal.textColumn("customer", "name", String.class);
  }

  /** Inserts {@code accounts} in one JDBC batch, in the caller's transaction. */
  public void insert(List<NewAccount> accounts) {
    jdbc.batchUpdate(insertSql(), accounts, accounts.size(), (ps, a) -> {
      ps.setLong(1, a.customerId());
      ps.setString(2, a.bankName());
      ps.setString(3, accountNumber.encrypt(a.accountNumber()));
    });
  }

  /** Streams the payout export, one line per account, ordered by member number. */
  public void forEachPayout(Consumer<Payout> action) {
    jdbc.query("SELECT c.member_number, c.name, a.bank_name, a.account_number"
        + " FROM bank_account a JOIN customer c ON c.id = a.customer_id ORDER BY c.member_number", rs -> {
          action.accept(new Payout(rs.getString(1), Objects.requireNonNull(holderName.decrypt(rs.getString(2))),
              rs.getString(3), Objects.requireNonNull(accountNumber.decrypt(rs.getString(4)))));
        });
  }

  /** Reads the whole export and compares each line with {@code written}; names member numbers, never values. */
  PayoutCheck checkPayouts(List<CustomerProfile> written) {
    Map<String, CustomerProfile> expected = new HashMap<>();
    written.forEach(p -> expected.put(p.memberNumber(), p));
    List<String> mismatches = new ArrayList<>();
    long[] rows = {0};
    forEachPayout(line -> {
      rows[0]++;
      CustomerProfile p = expected.remove(line.memberNumber());
      if (p == null) {
        mismatches.add(line.memberNumber() + " payout line that was not written");
      } else if (!p.name().equals(line.holderName()) || !p.bankName().equals(line.bankName())
          || !p.accountNumber().equals(line.accountNumber())) {
        mismatches.add(line.memberNumber() + " payout line");
      }
    });
    expected.keySet().stream().sorted().forEach(m -> mismatches.add(m + " payout line missing"));
    return new PayoutCheck(rows[0], List.copyOf(mismatches));
  }

  private String insertSql() {
    String sql = insert;
    if (sql == null) {
      String product = Objects.requireNonNull(jdbc.execute((ConnectionCallback<String>) c -> {
        DatabaseMetaData meta = c.getMetaData();
        return meta.getDatabaseProductName();
      }));
      // The sequence JPA uses for BankAccount ids; each call takes one whole value, so ids never collide with a block
      // Hibernate's pooled optimizer takes.
      String nextId = product.toLowerCase(Locale.ROOT).contains("postgres")
          ? "nextval('bank_account_seq')" : "NEXT VALUE FOR bank_account_seq";
      sql = "INSERT INTO bank_account (id, customer_id, bank_name, account_number) VALUES (" + nextId + ", ?, ?, ?)";
      insert = sql;
    }
    return sql;
  }
}
