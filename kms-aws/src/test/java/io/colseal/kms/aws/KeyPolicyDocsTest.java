package io.colseal.kms.aws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.colseal.keys.BlindIndexKeys;
import io.colseal.kms.KeyContext;
import io.colseal.testing.DocRegions;
import io.colseal.testing.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The key-policy statements the KMS guides tell users to copy admit the encryption contexts colseal
 * sends, and only those. Every {@code ```json} block of the pages is parsed; each {@code Allow}
 * statement that grants {@code GenerateDataKey}, {@code Decrypt} or {@code ReEncrypt*} under an
 * encryption-context condition is evaluated, with the condition operators IAM defines for them,
 * against the {@link KeyContext} of a data key and of a blind-index key ({@code <table>#bidx}) of
 * the pages' example table {@code customers}, which has a blind index. moto does not enforce key
 * policies, so the evaluation is here; an operator this test does not know fails it.
 */
class KeyPolicyDocsTest {
  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);
  private static final Set<String> KEY_USE = Set.of("kms:GenerateDataKey", "kms:Decrypt", "kms:ReEncryptFrom",
      "kms:ReEncryptTo", "kms:ReEncrypt*", "kms:GenerateDataKey*");
  private static final String TABLE = "customers";

  private record Statement(String page, String sid, Map<String, Object> conditions) {}

  @ParameterizedTest
  @ValueSource(strings = {"guides/aws-kms-setup.md", "guides/kms-policies.md"})
  void documentedStatements_admitDataKeyAndBlindIndexKeyContexts(String page) throws IOException {
    List<Statement> statements = contextStatements(page);
    assertFalse(statements.isEmpty(), page + " has no statement with an encryption-context condition");
    for (Statement s : statements) {
      assertTrue(admits(s, new KeyContext(TABLE, 3).asEncryptionContext()),
          s.page() + " " + s.sid() + " refuses the data key of " + TABLE);
      assertTrue(admits(s, new KeyContext(BlindIndexKeys.keyName(TABLE), 1).asEncryptionContext()),
          s.page() + " " + s.sid() + " refuses the blind-index key " + BlindIndexKeys.keyName(TABLE)
              + ": an application with @BlindIndex on " + TABLE + " could not create or unwrap it");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"guides/aws-kms-setup.md", "guides/kms-policies.md"})
  void documentedStatements_refuseOtherContexts(String page) throws IOException {
    for (Statement s : contextStatements(page)) {
      assertFalse(admits(s, Map.of()), s.page() + " " + s.sid() + " admits a request without context");
      assertFalse(admits(s, Map.of(KeyContext.TABLE_KEY, TABLE, KeyContext.VERSION_KEY, "1", "other", "x")),
          s.page() + " " + s.sid() + " admits an extra context key");
      assertFalse(admits(s, Map.of(KeyContext.TABLE_KEY, TABLE)),
          s.page() + " " + s.sid() + " admits a context without a key version");
      if (listsTables(s)) {
        assertFalse(admits(s, new KeyContext("payroll", 1).asEncryptionContext()),
            s.page() + " " + s.sid() + " lists tables but admits another one");
        assertFalse(admits(s, new KeyContext(BlindIndexKeys.keyName("payroll"), 1).asEncryptionContext()),
            s.page() + " " + s.sid() + " lists tables but admits another table's blind-index key");
      }
    }
  }

  @Test
  void evaluator_listedTables_admitsOnlyThose() {
    Statement s = new Statement("test", "t", Map.of("StringEquals",
        Map.of("kms:EncryptionContext:colseal:table", List.of("customers", "orders"))));
    assertTrue(admits(s, Map.of("colseal:table", "orders")));
    assertFalse(admits(s, Map.of("colseal:table", "customers#bidx")));
  }

  @SuppressWarnings("unchecked")
  private static List<Statement> contextStatements(String page) throws IOException {
    Path file = DocRegions.repositoryRoot().resolve("docs").resolve(page);
    Matcher m = JSON_BLOCK.matcher(Files.readString(file, StandardCharsets.UTF_8));
    List<Statement> out = new ArrayList<>();
    while (m.find()) {
      Object parsed;
      try {
        parsed = Json.parse(m.group(1));
      } catch (IllegalArgumentException e) {
        throw new AssertionError(page + ": a ```json block does not parse: " + e.getMessage(), e);
      }
      // a whole policy, one statement, or a list of statements to paste into a policy
      List<Object> statements = parsed instanceof List<?> list ? (List<Object>) list
          : ((Map<String, Object>) parsed).containsKey("Statement")
              ? (List<Object>) ((Map<String, Object>) parsed).get("Statement") : List.of(parsed);
      for (Object o : statements) {
        Map<String, Object> st = (Map<String, Object>) o;
        Map<String, Object> conditions = (Map<String, Object>) st.getOrDefault("Condition", Map.of());
        if ("Allow".equals(st.get("Effect")) && values(st.get("Action")).stream().anyMatch(KEY_USE::contains)
            && conditions.toString().contains("kms:EncryptionContext")) {
          out.add(new Statement(page, String.valueOf(st.get("Sid")), conditions));
        }
      }
    }
    return out;
  }

  /** Whether {@code s} names the tables it admits (StringEquals or StringLike on colseal:table). */
  @SuppressWarnings("unchecked")
  private static boolean listsTables(Statement s) {
    return s.conditions().entrySet().stream()
        .filter(op -> op.getKey().equals("StringEquals") || op.getKey().equals("StringLike"))
        .anyMatch(op -> ((Map<String, Object>) op.getValue()).containsKey("kms:EncryptionContext:" + KeyContext.TABLE_KEY));
  }

  /** Whether every condition of {@code s} holds for a request with {@code context}. */
  @SuppressWarnings("unchecked")
  static boolean admits(Statement s, Map<String, String> context) {
    for (Map.Entry<String, Object> op : s.conditions().entrySet()) {
      for (Map.Entry<String, Object> c : ((Map<String, Object>) op.getValue()).entrySet()) {
        List<String> wanted = values(c.getValue());
        List<String> actual = requestValues(s, c.getKey(), context);
        boolean holds = switch (op.getKey()) {
          case "StringEquals" -> actual.size() == 1 && wanted.contains(actual.get(0));
          case "StringLike" -> actual.size() == 1 && wanted.stream().anyMatch(w -> glob(w).matcher(actual.get(0)).matches());
          case "ForAllValues:StringEquals" -> wanted.containsAll(actual);
          case "Null" -> Boolean.parseBoolean(wanted.get(0)) == actual.isEmpty();
          default -> fail(s.page() + " " + s.sid() + ": condition operator " + op.getKey() + " is not evaluated here");
        };
        if (!holds) {
          return false;
        }
      }
    }
    return true;
  }

  private static List<String> requestValues(Statement s, String key, Map<String, String> context) {
    if (key.equals("kms:EncryptionContextKeys")) {
      return List.copyOf(context.keySet());
    }
    if (key.startsWith("kms:EncryptionContext:")) {
      String v = context.get(key.substring("kms:EncryptionContext:".length()));
      return v == null ? List.of() : List.of(v);
    }
    return fail(s.page() + " " + s.sid() + ": condition key " + key + " is not evaluated here");
  }

  private static Pattern glob(String pattern) {
    StringBuilder out = new StringBuilder();
    for (char ch : pattern.toCharArray()) {
      out.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
    }
    return Pattern.compile(out.toString());
  }

  @SuppressWarnings("unchecked")
  private static List<String> values(Object o) {
    if (o instanceof Collection<?> c) {
      return ((Collection<Object>) c).stream().map(String::valueOf).toList();
    }
    return o == null ? List.of() : List.of(String.valueOf(o));
  }
}
