package io.colseal.kms.aws;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.colseal.hibernate.ColsealHibernate;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.keys.KeyRingStats;
import io.colseal.kms.aws.model.ClinicalNote;
import io.colseal.kms.aws.model.Invoice;
import io.colseal.kms.aws.model.Patient;
import io.colseal.kms.aws.testing.GlobalKmsCallCounter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;

/**
 * The child process of {@link KmsCallCountIT}: a fresh JVM that boots Hibernate with colseal
 * configured only through {@code -Dcolseal.*} system properties (provider {@code aws-kms}, found by
 * the ServiceLoader), then either writes rows {@code 1..n} spread over three encrypted tables and
 * reads them back ({@code write n}), or only reads and checks them ({@code read n}).
 *
 * <p>The database comes from {@code COLSEAL_WORKLOAD_JDBC_URL}, {@code _USER} and {@code
 * _PASSWORD}. {@link GlobalKmsCallCounter} counts the SDK's calls when the parent puts its resource
 * on the classpath. Prints two machine-readable lines:
 *
 * <pre>
 * colseal-workload mode=write rows-written=10000 rows-verified=10000 keyring-generate=3 keyring-unwrap=0
 * colseal-kms-calls GenerateDataKey/clinical_note=1 GenerateDataKey/invoice=1 GenerateDataKey/patient=1
 * </pre>
 */
public final class KmsCallCountWorkload {
  static final String WORKLOAD_LINE = "colseal-workload";
  static final String CALLS_LINE = "colseal-kms-calls";
  private static final int BATCH = 500;

  private KmsCallCountWorkload() {}

  public static void main(String[] args) {
    String mode = args[0];
    int rows = Integer.parseInt(args[1]);
    if (!mode.equals("write") && !mode.equals("read")) {
      throw new IllegalArgumentException("mode must be write or read, got " + mode);
    }
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(System.getenv("COLSEAL_WORKLOAD_JDBC_URL"));
    pool.setUsername(System.getenv("COLSEAL_WORKLOAD_JDBC_USER"));
    pool.setPassword(System.getenv().getOrDefault("COLSEAL_WORKLOAD_JDBC_PASSWORD", ""));
    pool.setMaximumPoolSize(4);
    long written = 0;
    long verified;
    KeyRingStats stats;
    try (HikariDataSource dataSource = new HikariDataSource(pool)) {
      Map<String, Object> settings = new HashMap<>();
      settings.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
      settings.put(AvailableSettings.HBM2DDL_AUTO, mode.equals("write") ? "create" : "none");
      settings.put(AvailableSettings.STATEMENT_BATCH_SIZE, Integer.toString(BATCH));
      settings.put(AvailableSettings.ORDER_INSERTS, "true");
      try (SessionFactory sf = TestSessionFactories.build(settings, Patient.class, Invoice.class, ClinicalNote.class)) {
        if (mode.equals("write")) {
          written = write(sf, rows);
        }
        verified = verify(sf, rows);
        stats = ColsealHibernate.colseal(sf).keyRing().stats();
      }
    }
    System.out.println(WORKLOAD_LINE + " mode=" + mode + " rows-written=" + written + " rows-verified=" + verified
        + " keyring-generate=" + stats.kmsGenerateCalls() + " keyring-unwrap=" + stats.kmsUnwrapCalls());
    System.out.println(CALLS_LINE + " " + GlobalKmsCallCounter.counts().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" ")));
  }

  /** Row {@code id} goes to one of the three tables by {@code id % 3}. */
  private static long write(SessionFactory sf, int rows) {
    for (int from = 1; from <= rows; from += BATCH) {
      int first = from;
      int last = Math.min(rows, from + BATCH - 1);
      sf.inTransaction(s -> {
        for (long id = first; id <= last; id++) {
          s.persist(entity(id));
        }
      });
    }
    return rows;
  }

  private static Object entity(long id) {
    return switch ((int) (id % 3)) {
      case 0 -> Patient.of(id);
      case 1 -> Invoice.of(id);
      default -> ClinicalNote.of(id);
    };
  }

  /** Rows whose decrypted values are exactly those written for their id. */
  private static long verify(SessionFactory sf, int rows) {
    return sf.fromSession(s ->
        matching(s, Patient.class, Patient::matchesId)
            + matching(s, Invoice.class, Invoice::matchesId)
            + matching(s, ClinicalNote.class, ClinicalNote::matchesId));
  }

  private static <T> long matching(Session s, Class<T> type, Predicate<T> check) {
    List<T> all = s.createSelectionQuery("from " + type.getSimpleName(), type).getResultList();
    long ok = all.stream().filter(check).count();
    s.clear();
    return ok;
  }
}
