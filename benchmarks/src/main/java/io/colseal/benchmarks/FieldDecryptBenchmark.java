package io.colseal.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decrypts one value of 16 B, 64 B, 1 KiB or 16 KiB with each implementation of {@link FieldState}; the
 * {@code jce-floor} rows are the floor the others are divided by in {@code docs/performance.md}.
 *
 * <p>Run: {@code benchmarks/run.sh} (whole suite), or {@code java -jar benchmarks/target/benchmarks.jar
 * FieldDecryptBenchmark -p size=64}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class FieldDecryptBenchmark {
  @Benchmark
  public Object decrypt(FieldState s) {
    return s.cipher.decrypt(s.ciphertext);
  }
}
