package io.colseal.benchmarks;

import io.colseal.BlindIndexer;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.EncryptionMode;
import io.colseal.Normalizer;
import io.colseal.kms.local.LocalKeystoreKms;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMSIVBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Per-field costs measured <em>paired</em>: within each round every variant of a group runs one
 * block of operations, in an order that rotates from round to round, and each variant's time is
 * divided by its group's floor <em>from the same round</em>. Load that comes and goes (other
 * processes, the JIT, GC) hits a variant and its floor alike, so the ratios stay tight on a busy
 * 2-core machine where unpaired JMH scores swing by more than their own size.
 *
 * <p>Ratios are geometric means over all rounds of all forks, with a 95% confidence interval from
 * the t distribution of the log-ratios. Allocation per operation comes from the JVM's per-thread
 * allocation counter over the same blocks. Warm-up rounds are discarded; the first and second
 * half of the measured rounds are also reported, to show the ratios are flat.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.colseal.benchmarks.PairedFieldHarness [--forks 2] [--rounds 100]
 *      [--warmup 50] [--block-ms 5] [--sizes 64,1024,16384]
 * </pre>
 *
 * Groups: {@code decrypt/SIZE} and {@code encrypt/SIZE} (JCE AES-GCM floors without and with
 * colseal's associated data; colseal binary, text of {@code byte[]}, text of {@code String}) and
 * {@code searchable/64} (the randomized envelope, the deterministic AES-GCM-SIV envelope and the
 * blind index, each against its primitive alone: JCE AES-GCM, BouncyCastle GCM-SIV, JCE
 * HMAC-SHA-256).
 */
public final class PairedFieldHarness {
  /** One measured operation; returns something so the JIT cannot drop it. */
  interface Op {
    Object run();
  }

  record Variant(String name, Op op) {}

  record Group(String name, String floor, List<Variant> variants) {}

  /** The ratio of one variant to its floor, over rounds. */
  record Ratio(String group, String variant, double nsPerOp, double bytesPerOp, double ratio, double low,
      double high, double firstHalf, double secondHalf, int rounds) {}

  private PairedFieldHarness() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    if (o.containsKey("child")) {
      child(o);
      return;
    }
    System.out.println(run(o));
  }

  /** Runs the forks with {@code o}'s options and returns the Markdown tables. */
  static String run(Map<String, String> o) throws Exception {
    int forks = Integer.parseInt(o.getOrDefault("forks", "2"));
    List<String[]> samples = new ArrayList<>();
    List<String> order = new ArrayList<>(); // "group\tvariant" as declared
    for (int f = 0; f < forks; f++) {
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx1g", "-cp", System.getProperty("java.class.path"), PairedFieldHarness.class.getName(), "--child", "true"));
      o.forEach((k, v) -> {
        if (!k.equals("forks")) {
          cmd.add("--" + k);
          cmd.add(v);
        }
      });
      System.err.println("paired field harness: fork " + (f + 1) + " of " + forks);
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.startsWith("D\t") && f == 0) {
            order.add(line.substring(2));
          }
          if (line.startsWith("S\t")) {
            String[] sample = line.split("\t");
            sample[0] = Integer.toString(f); // "S" becomes the fork
            samples.add(sample);
          }
        }
      }
      if (p.waitFor() != 0) {
        throw new IllegalStateException("fork " + (f + 1) + " failed with exit code " + p.exitValue());
      }
    }
    List<Ratio> ratios = new ArrayList<>(ratios(samples));
    ratios.sort(java.util.Comparator.comparingInt(r -> order.indexOf(r.group() + "\t" + r.variant())));
    return markdown(ratios);
  }

  /** Runs every group in this JVM, printing one line per (group, round, variant). */
  private static void child(Map<String, String> o) throws Exception {
    int rounds = Integer.parseInt(o.getOrDefault("rounds", "100"));
    int warmup = Integer.parseInt(o.getOrDefault("warmup", "50"));
    long blockNanos = Long.parseLong(o.getOrDefault("block-ms", "5")) * 1_000_000L;
    List<Integer> sizes = new ArrayList<>();
    for (String s : o.getOrDefault("sizes", "64,1024,16384").split(",")) {
      sizes.add(Integer.parseInt(s.trim()));
    }
    List<AutoCloseable> toClose = new ArrayList<>();
    try {
      List<Group> groups = new ArrayList<>();
      for (int size : sizes) {
        groups.add(fieldGroup("decrypt", size, toClose));
        groups.add(fieldGroup("encrypt", size, toClose));
      }
      groups.add(searchableGroup(toClose));
      groups.add(bindingGroup());
      var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long tid = Thread.currentThread().getId();
      for (Group g : groups) {
        int n = g.variants().size();
        for (Variant v : g.variants()) {
          System.out.println("D\t" + g.name() + "\t" + v.name());
        }
        int[] ops = new int[n];
        for (int v = 0; v < n; v++) { // calibrate: about blockNanos per block
          Op op = g.variants().get(v).op();
          int k = 16;
          long t;
          do {
            k *= 2;
            long t0 = System.nanoTime();
            for (int i = 0; i < k; i++) {
              op.run();
            }
            t = System.nanoTime() - t0;
          } while (t < blockNanos / 4 && k < 1 << 22);
          ops[v] = (int) Math.max(16, k * (double) blockNanos / Math.max(t, 1));
        }
        Object sink = null;
        for (int round = 0; round < warmup + rounds; round++) {
          for (int j = 0; j < n; j++) {
            int v = (round + j) % n;
            Op op = g.variants().get(v).op();
            long a0 = threads.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            for (int i = 0; i < ops[v]; i++) {
              sink = op.run();
            }
            long t = System.nanoTime() - t0;
            long a = threads.getThreadAllocatedBytes(tid) - a0;
            if (round >= warmup) {
              System.out.println("S\t" + g.name() + "\t" + g.floor() + "\t" + g.variants().get(v).name() + "\t"
                  + (round - warmup) + "\t" + ((double) t / ops[v]) + "\t" + ((double) a / ops[v]));
            }
          }
        }
        if (sink == null) {
          throw new IllegalStateException("no result");
        }
      }
    } finally {
      for (AutoCloseable c : toClose) {
        c.close();
      }
    }
  }

  private static Group fieldGroup(String what, int size, List<AutoCloseable> toClose) throws Exception {
    List<Variant> vs = new ArrayList<>();
    for (String impl : List.of("jce-floor", "jce-floor-aad", "colseal-binary", "colseal-text", "colseal-text-string")) {
      FieldCipher c = FieldCiphers.create(impl, size);
      toClose.add(c);
      Object ct = c.encrypt();
      Op op = what.equals("decrypt") ? () -> c.decrypt(ct) : c::encrypt;
      vs.add(new Variant(impl, op));
    }
    return new Group(what + "/" + size, "jce-floor", vs);
  }

  /** The searchable forms of a 64-byte value against their primitives (see the class comment). */
  private static Group searchableGroup(List<AutoCloseable> toClose) throws Exception {
    String value = SearchableEncryptBenchmark.VALUE;
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    Path dir = Files.createTempDirectory("colseal-paired");
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:paired" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    LocalKeystoreKms kms = LocalKeystoreKms.open(dir.resolve("kek.p12"), "benchmark".toCharArray(), "bench-kek", true);
    Colseal colseal = Colseal.start(ds, ColsealConfig.builder().kmsProvider(kms).keyCacheTtl(Duration.ofHours(1)).build());
    toClose.add(colseal);
    ColumnCipher<String, String> randomized = colseal.textColumn("customers", "email", String.class);
    ColumnCipher<String, String> deterministic =
        colseal.textColumn("customers", "email", String.class, EncryptionMode.DETERMINISTIC);
    BlindIndexer index = colseal.blindIndexer("customers", "email_bidx", Normalizer.AS_IS, 0);
    FieldCipher gcm = FieldCiphers.create("jce-floor-aad", 64);
    toClose.add(gcm);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    byte[] aad = new byte[8 + io.colseal.internal.format.EnvelopeFormat.columnBinding("customers", "email").length];
    // Like colseal's engine: initialised once (the nonce is fixed), associated data per value.
    GCMSIVBlockCipher siv = new GCMSIVBlockCipher(AESEngine.newInstance());
    siv.init(true, new AEADParameters(new KeyParameter(key), 128, new byte[12]));
    Supplier<Object> sivFloor = () -> {
      byte[] out = new byte[bytes.length + 16];
      siv.processAADBytes(aad, 0, aad.length);
      int n = siv.processBytes(bytes, 0, bytes.length, out, 0);
      try {
        siv.doFinal(out, n);
      } catch (org.bouncycastle.crypto.InvalidCipherTextException e) {
        throw new IllegalStateException(e);
      }
      return out;
    };
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return new Group("searchable/64", "jce-gcm-aad", List.of(
        new Variant("jce-gcm-aad", gcm::encrypt),
        new Variant("colseal-randomized", () -> randomized.encrypt(value)),
        new Variant("bc-gcm-siv-aad", sivFloor::get),
        new Variant("colseal-deterministic", () -> deterministic.encrypt(value)),
        new Variant("jce-hmac-sha256", () -> mac.doFinal(bytes)),
        new Variant("colseal-blind-index", () -> index.compute(value))));
  }

  /**
   * Issue 16, point 4: would binding table and column through a per-column subkey, instead of
   * associated data, make AES-GCM cheaper? One operation decrypts a 64-byte value of each of four
   * columns, as a row of the Hibernate benchmark entity does, with the JDK's AES-GCM:
   * {@code aad} is algorithm 01 as shipped (one data key, one cipher, the column's 8 + binding bytes
   * of associated data per call); {@code subkey-one-cipher} derives a key per column (HMAC-SHA-256
   * of the data key over header and binding) and passes no associated data, re-initialising one
   * cipher with whichever subkey the value needs, as colseal's per-thread cipher cache would;
   * {@code subkey-cipher-per-column} keeps one cipher per column so each always sees its own key;
   * {@code no-binding} (one key, no associated data) binds nothing and is only the reference.
   */
  private static Group bindingGroup() throws Exception {
    String[] columns = {"email", "phone", "rrn", "birth_date"};
    SecureRandom random = new SecureRandom();
    byte[] dek = new byte[32];
    random.nextBytes(dek);
    byte[] header = {'c', 's', 1, 1, 0, 0, 0, 1};
    List<Variant> vs = new ArrayList<>();
    for (String variant : List.of("aad", "subkey-one-cipher", "subkey-cipher-per-column", "no-binding")) {
      Cipher shared = Cipher.getInstance("AES/GCM/NoPadding");
      SecretKeySpec[] keys = new SecretKeySpec[4];
      byte[][] aads = new byte[4][];
      Cipher[] ciphers = new Cipher[4];
      byte[][] values = new byte[4][];
      for (int c = 0; c < 4; c++) {
        byte[] binding = io.colseal.internal.format.EnvelopeFormat.columnBinding("customers", columns[c]);
        byte[] aad = new byte[header.length + binding.length];
        System.arraycopy(header, 0, aad, 0, header.length);
        System.arraycopy(binding, 0, aad, header.length, binding.length);
        if (variant.startsWith("subkey")) {
          Mac mac = Mac.getInstance("HmacSHA256");
          mac.init(new SecretKeySpec(dek, "HmacSHA256"));
          mac.update("colseal column subkey".getBytes(StandardCharsets.US_ASCII));
          keys[c] = new SecretKeySpec(mac.doFinal(aad), "AES");
        } else {
          keys[c] = new SecretKeySpec(dek, "AES");
        }
        aads[c] = variant.equals("aad") ? aad : null;
        ciphers[c] = variant.equals("subkey-cipher-per-column") ? Cipher.getInstance("AES/GCM/NoPadding") : shared;
        byte[] plain = new byte[64];
        random.nextBytes(plain);
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        ciphers[c].init(Cipher.ENCRYPT_MODE, keys[c], new GCMParameterSpec(128, nonce));
        if (aads[c] != null) {
          ciphers[c].updateAAD(aads[c]);
        }
        values[c] = new byte[12 + 64 + 16];
        System.arraycopy(nonce, 0, values[c], 0, 12);
        ciphers[c].doFinal(plain, 0, 64, values[c], 12);
      }
      vs.add(new Variant(variant, () -> {
        Object last = null;
        try {
          for (int c = 0; c < 4; c++) {
            byte[] v = values[c];
            Cipher cipher = ciphers[c];
            cipher.init(Cipher.DECRYPT_MODE, keys[c], new GCMParameterSpec(128, v, 0, 12));
            if (aads[c] != null) {
              cipher.updateAAD(aads[c]);
            }
            last = cipher.doFinal(v, 12, v.length - 12);
          }
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException(e);
        }
        return last;
      }));
    }
    return new Group("binding/4x64", "aad", vs);
  }

  /**
   * Pairs each sample with its floor's from the same fork and round. A sample is {fork, group,
   * floor, variant, round, ns per op, bytes per op}.
   */
  static List<Ratio> ratios(List<String[]> samples) {
    Map<String, Double> floors = new LinkedHashMap<>();
    for (String[] s : samples) {
      if (s[3].equals(s[2])) {
        floors.put(s[0] + "|" + s[1] + "|" + s[4], Double.parseDouble(s[5]));
      }
    }
    List<String[]> tagged = samples;
    Map<String, List<double[]>> by = new LinkedHashMap<>();
    for (String[] t : tagged) {
      Double floor = floors.get(t[0] + "|" + t[1] + "|" + t[4]);
      double ns = Double.parseDouble(t[5]);
      by.computeIfAbsent(t[1] + "\t" + t[3], k -> new ArrayList<>())
          .add(new double[] {Math.log(ns / floor), ns, Double.parseDouble(t[6]), Integer.parseInt(t[4])});
    }
    List<Ratio> out = new ArrayList<>();
    by.forEach((k, list) -> {
      String[] gv = k.split("\t");
      int n = list.size();
      double mean = list.stream().mapToDouble(d -> d[0]).average().orElse(0);
      double sd = Math.sqrt(list.stream().mapToDouble(d -> (d[0] - mean) * (d[0] - mean)).sum() / Math.max(1, n - 1));
      double half = 1.96 * sd / Math.sqrt(n) * (n < 30 ? 1.05 : 1.0); // t(0.975) is within 5% of 1.96 from 30 samples
      int maxRound = (int) list.stream().mapToDouble(d -> d[3]).max().orElse(0);
      double first = Math.exp(list.stream().filter(d -> d[3] <= maxRound / 2).mapToDouble(d -> d[0]).average().orElse(0));
      double second = Math.exp(list.stream().filter(d -> d[3] > maxRound / 2).mapToDouble(d -> d[0]).average().orElse(0));
      double[] ns = list.stream().mapToDouble(d -> d[1]).sorted().toArray();
      double bytes = list.stream().mapToDouble(d -> d[2]).sorted().toArray()[n / 2];
      out.add(new Ratio(gv[0], gv[1], ns[n / 2], bytes, Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half),
          first, second, n));
    });
    return out;
  }

  static String markdown(List<Ratio> ratios) {
    StringBuilder md = new StringBuilder();
    String group = null;
    for (Ratio r : ratios) {
      if (!r.group().equals(group)) {
        group = r.group();
        md.append("\n#### Paired per field: ").append(group).append("\n\n")
            .append("| variant | ns per value (median) | bytes allocated per value | × floor (95% CI) | first half / second half |\n")
            .append("|---|---:|---:|---:|---:|\n");
      }
      md.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2f× (%.2f–%.2f) | %.2f / %.2f |%n", r.variant(),
          r.nsPerOp(), r.bytesPerOp(), r.ratio(), r.low(), r.high(), r.firstHalf(), r.secondHalf()));
    }
    return md.toString();
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: [--forks N] [--rounds N] [--warmup N] [--block-ms N] [--sizes 64,1024]");
      }
      o.put(args[i].substring(2), args[++i]);
    }
    return o;
  }
}
