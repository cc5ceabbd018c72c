package io.colseal.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueCodecsTest {
  enum Tier {
    BRONZE,
    GOLD
  }

  private static final ValueCodec<String> STRINGS = ValueCodecs.forType(String.class).orElseThrow();

  @Test
  void decodeString_wellFormedUtf8_returnsString() {
    String s = "고객 \uD83D\uDD11 e-mail";
    assertEquals(s, STRINGS.decode(s.getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ff", "c080", "eda080", "e282", "f4908080", "61ff62"})
  void decodeString_malformedUtf8_throwsIllegalArgumentException(String hex) {
    byte[] bytes = java.util.HexFormat.of().parseHex(hex);
    assertThrows(IllegalArgumentException.class, () -> STRINGS.decode(bytes));
  }

  @Test
  void decodeEnum_malformedUtf8_throwsIllegalArgumentException() {
    ValueCodec<Tier> tiers = ValueCodecs.forType(Tier.class).orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> tiers.decode(new byte[] {'G', 'O', (byte) 0xff}));
  }
}
