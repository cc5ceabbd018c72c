package io.colseal.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.colseal.sample.ByteScan.Needle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteScanTest {
  @TempDir Path dir;

  private static Needle utf8(String s) {
    return new Needle(s, s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void find_needlesAtStartMiddleAndEnd_allFound() throws IOException {
    Path f = Files.write(dir.resolve("a.db"), "김민준 xx customer1@example.com yy 4111111111111111".getBytes(StandardCharsets.UTF_8));
    assertEquals(Set.of("김민준", "customer1@example.com", "4111111111111111"),
        ByteScan.find(List.of(f), List.of(utf8("김민준"), utf8("customer1@example.com"), utf8("4111111111111111"))));
  }

  @Test
  void find_absentNeedleAndTruncatedOccurrence_notFound() throws IOException {
    Path f = Files.write(dir.resolve("a.db"), "customer1@example.co".getBytes(StandardCharsets.UTF_8));
    assertEquals(Set.of(), ByteScan.find(List.of(f), List.of(utf8("customer1@example.com"), utf8("zzzz"))));
  }

  @Test
  void find_needlesSharingAPrefix_eachJudgedAlone() throws IOException {
    Path f = Files.write(dir.resolve("a.db"), "customer12@example.com".getBytes(StandardCharsets.UTF_8));
    assertEquals(Set.of("customer12@example.com"),
        ByteScan.find(List.of(f), List.of(utf8("customer1@example.com"), utf8("customer12@example.com"))));
  }

  @Test
  void find_severalFiles_searchesEach() throws IOException {
    Path a = Files.write(dir.resolve("a.db"), new byte[] {0, 1, 2, 3, 4, 5});
    Path b = Files.write(dir.resolve("b.db"), "010-1234-5678".getBytes(StandardCharsets.UTF_8));
    assertEquals(Set.of("010-1234-5678"), ByteScan.find(List.of(a, b), List.of(utf8("010-1234-5678"))));
  }

  @Test
  void h2String_hangul_dropsTheContinuationBits() {
    assertArrayEquals(new byte[] {(byte) 0xea, 0x35, 0x2d}, ByteScan.h2String("국"));
  }

  @Test
  void h2String_ascii_sameAsUtf8() {
    assertArrayEquals("C0000001".getBytes(StandardCharsets.UTF_8), ByteScan.h2String("C0000001"));
  }

  @Test
  void needle_shorterThanFourBytes_throwsIllegalArgumentException() {
    assertThrows(IllegalArgumentException.class, () -> utf8("abc"));
  }
}
