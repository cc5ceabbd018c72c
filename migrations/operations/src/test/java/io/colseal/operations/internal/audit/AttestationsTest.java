package io.colseal.operations.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.operations.report.AuditReport.Attestation;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport.KekEntry;
import io.colseal.operations.report.AuditReport.KekState;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Attestations follow the collected facts: provider, keystore file, password source, environment tags. */
class AttestationsTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final Attestations.KeystoreFile KEYSTORE =
      new Attestations.KeystoreFile("/srv/app/kek.p12", true, "rw-r--r--", "app");

  private static DekEntry dek(@Nullable String environment) {
    return new DekEntry("t", 1, "ACTIVE", "AES_256_GCM", 256, "local", "kek1", "kcv", T, T, null, T, null, null, 0,
        1000, 0, null, 0, 0, 0, List.of("c"), environment, 1, List.of());
  }

  private static List<Attestation> local(@Nullable String environment, List<DekEntry> deks) {
    return Attestations.derive(new Attestations.Facts(List.of(new KekEntry("local", "kek1",
        "keystore /srv/app/kek.p12", "AES_256", KekState.ENABLED, null, null, List.of(), 1, 1)), deks, "local",
        KEYSTORE, "environment", environment, true, null));
  }

  private static Attestation byId(List<Attestation> all, String id) {
    return all.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no " + id));
  }

  @Test
  void localKeystore_neverClaimsAKms_andNamesTheFile() {
    List<Attestation> all = local("prod", List.of(dek("prod")));
    for (Attestation a : all) {
      assertFalse(a.text().contains("stays in the KMS") || a.text().contains("come from the KMS")
          || a.text().contains("generated and wrapped by the KMS"), a.text());
      assertFalse(a.text().toLowerCase(java.util.Locale.ROOT).contains("not applicable"), a.text());
    }
    Attestation custody = byId(all, "KEK_CUSTODY");
    assertTrue(custody.text().contains("/srv/app/kek.p12") && custody.text().contains("not in a KMS"), custody.text());
    assertEquals("local", custody.facts().get("provider"));
    assertEquals("/srv/app/kek.p12", custody.facts().get("keystore"));
    Attestation access = byId(all, "KEK_ACCESS");
    assertEquals("rw-r--r--", access.facts().get("permissions"));
    assertEquals("environment", access.facts().get("passwordSource"));
    assertTrue(access.text().contains("rw-r--r--, owner app"), access.text());
  }

  @Test
  void localKeystore_splitKnowledgeIsTheOperatorsResponsibility() {
    Attestation split = byId(local("prod", List.of(dek("prod"))), "SPLIT_KNOWLEDGE");
    assertTrue(split.text().contains("the operator's responsibility"), split.text());
    assertTrue(split.textKo().contains("운영 조직의 책임"), split.textKo());
    assertEquals(List.of("PCI DSS 3.6.1.3", "PCI DSS 3.7.6"), split.references());
  }

  @Test
  void awsKms_keyPolicyIsNotRead_andSaysSo() {
    List<Attestation> all = Attestations.derive(new Attestations.Facts(List.of(new KekEntry("aws-kms", "alias/app",
        "aws-kms us-east-1", "SYMMETRIC_DEFAULT", KekState.ENABLED, null, true, List.of("prod"), 1, 1)),
        List.of(dek("prod")), "aws-kms", null, null, "prod", true, null));
    assertTrue(byId(all, "KEK_CUSTODY").text().contains("AWS KMS key"));
    assertTrue(byId(all, "KEK_ACCESS").text().contains("KMS key policy"));
    assertTrue(byId(all, "SPLIT_KNOWLEDGE").text().contains("operator's responsibility"));
  }

  @Test
  void environmentUnset_keySharingCheckNotMade_isStated() {
    Attestation env = byId(local(null, List.of(dek(null), dek(null))), "ENVIRONMENT_SEPARATION");
    assertTrue(env.text().contains("was not made"), env.text());
    assertTrue(env.text().contains("KEK_SHARED_ACROSS_ENVIRONMENTS"), env.text());
    assertEquals("unset", env.facts().get("colseal.environment"));
    assertEquals("2", env.facts().get("dekVersionsWithoutEnvironment"));
  }

  @Test
  void environmentTagged_checkCoveredEveryVersion() {
    Attestation env = byId(local("prod", List.of(dek("prod"))), "ENVIRONMENT_SEPARATION");
    assertTrue(env.text().contains("covered all 1 data key versions"), env.text());
    assertEquals("0", env.facts().get("dekVersionsWithoutEnvironment"));
  }

  @Test
  void everyStatement_hasKoreanTextOfItsOwn() {
    for (Attestation a : local(null, List.of(dek(null)))) {
      assertFalse(a.textKo().equals(a.text()), a.id());
      assertTrue(a.textKo().codePoints().anyMatch(c -> c >= 0xAC00 && c <= 0xD7A3), a.id());
    }
  }
}
