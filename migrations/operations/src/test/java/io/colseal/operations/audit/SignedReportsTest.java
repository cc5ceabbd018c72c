package io.colseal.operations.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.kms.SigningKey;
import io.colseal.kms.Signatures;
import io.colseal.operations.audit.SignedReports.Checked;
import io.colseal.operations.report.AuditReport;
import io.colseal.operations.report.AuditReport.Finding;
import io.colseal.operations.report.AuditReport.Severity;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A signed report is accepted as written and rejected with any byte changed, in every form; the
 * check needs nothing but the file and a trusted public key.
 */
class SignedReportsTest {
  private static final Instant SIGNED_AT = Instant.parse("2026-11-20T09:30:00Z");

  /** Evenly spaced positions flipped per file (twice as many for JSON); each check of HTML or Markdown renders twice. */
  private static final int SAMPLES = 400;

  /** A signing key in this process: JCA EC P-256 or RSA 2048. */
  static final class TestKey implements SigningKey {
    final KeyPair pair;
    final String algorithm;

    TestKey(String algorithm) throws GeneralSecurityException {
      this.algorithm = algorithm;
      KeyPairGenerator gen;
      if (algorithm.equals(Signatures.ECDSA_SHA_256)) {
        gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
      }
      pair = gen.generateKeyPair();
    }

    @Override public String provider() {
      return "test";
    }

    @Override public String keyId() {
      return "test-signer";
    }

    @Override public String algorithm() {
      return algorithm;
    }

    @Override public byte[] publicKey() {
      return pair.getPublic().getEncoded();
    }

    @Override public byte[] sign(byte[] message) {
      try {
        var s = Signatures.engine(algorithm);
        s.initSign(pair.getPrivate());
        s.update(message);
        return s.sign();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override public boolean verify(byte[] message, byte[] signature) {
      return Signatures.verify(publicKey(), algorithm, message, signature);
    }
  }

  /** The sample report, with values that try to end the HTML element and the Markdown fence. */
  static AuditReport report() {
    AuditReport r = HtmlAuditRendererTest.report("x", "E");
    List<Finding> findings = new ArrayList<>(r.findings());
    findings.add(new Finding("COLUMN_UNCLASSIFIED", Severity.LOW, "t</script><!--<script>``` ````x",
        "a subject with </script>, <!-- and ```` in it", "한국어 </SCRIPT> 메시지", List.of()));
    return new AuditReport(AuditReport.FORMAT_VERSION, r.generatedAt(), r.colsealVersion(), r.source(), r.policy(),
        r.keks(), r.deks(), r.columns(), r.suspects(), r.lifecycle(), r.algorithms(), findings, r.scope(),
        r.attestations(), r.keyTableBackup(), r.protocols(), null, "");
  }

  enum Form {
    JSON(r -> new JsonAuditRenderer().render(r, Lang.EN)),
    HTML_EN(r -> new HtmlAuditRenderer().render(r, Lang.EN)),
    HTML_KO(r -> new HtmlAuditRenderer().render(r, Lang.KO)),
    MARKDOWN_EN(r -> new MarkdownAuditRenderer().render(r, Lang.EN)),
    MARKDOWN_KO(r -> new MarkdownAuditRenderer().render(r, Lang.KO));

    final Function<AuditReport, String> render;

    Form(Function<AuditReport, String> render) {
      this.render = render;
    }
  }

  /** What {@code colseal audit verify --public-key} decides: intact, signed, and the signature checks. */
  private static boolean accepted(byte[] file, byte[] trustedPublicKey) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
    } catch (CharacterCodingException e) {
      return false;
    }
    Checked c = SignedReports.check(text);
    if (c.problem() != null || c.report() == null || c.report().signature() == null) {
      return false;
    }
    return Signatures.verify(trustedPublicKey, c.report().signature().algorithm(), c.signedBytes(),
        c.signatureBytes());
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void check_untouchedSignedReport_isAccepted(Form form) throws Exception {
    TestKey key = new TestKey(Signatures.ECDSA_SHA_256);
    AuditReport signed = SignedReports.sign(report(), key, SIGNED_AT);
    byte[] file = form.render.apply(signed).getBytes(StandardCharsets.UTF_8);
    assertTrue(accepted(file, key.publicKey()));
    Checked c = SignedReports.check(form.render.apply(signed));
    assertEquals(signed, c.report());
    assertEquals("test-signer", c.report().signature().keyId());
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void check_anyByteChanged_isRejected(Form form) throws Exception {
    TestKey key = new TestKey(Signatures.ECDSA_SHA_256);
    byte[] file = form.render.apply(SignedReports.sign(report(), key, SIGNED_AT)).getBytes(StandardCharsets.UTF_8);
    TreeSet<Integer> positions = new TreeSet<>();
    int samples = form == Form.JSON ? 2 * SAMPLES : SAMPLES;
    for (int i = 0; i < samples; i++) {
      positions.add((int) ((long) i * file.length / samples));
    }
    // Every byte of the signature block, of the hash, and at the start and end of the file.
    String text = new String(file, StandardCharsets.UTF_8);
    int sig = utf8Offset(text, text.lastIndexOf("\"signature\": {"));
    int hash = utf8Offset(text, text.lastIndexOf("\"contentSha256\": \""));
    for (int i = 0; i < 400; i++) {
      positions.add(Math.min(file.length - 1, sig + i));
    }
    for (int i = 0; i < 100; i++) {
      positions.add(Math.min(file.length - 1, hash + i));
      positions.add(i);
      positions.add(file.length - 1 - i);
    }
    List<Integer> accepted = new ArrayList<>();
    for (int p : positions) {
      byte[] changed = file.clone();
      // The lowest bit at even positions, a higher one (case, digit to letter) at odd ones.
      changed[p] ^= (byte) (p % 2 == 0 ? 0x01 : 0x20);
      if (accepted(changed, key.publicKey())) {
        accepted.add(p);
      }
    }
    assertEquals(List.of(), accepted, positions.size() + " positions flipped; accepted at these");
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void check_otherKeysSignature_isRejected(Form form) throws Exception {
    TestKey key = new TestKey(Signatures.ECDSA_SHA_256);
    TestKey other = new TestKey(Signatures.ECDSA_SHA_256);
    byte[] file = form.render.apply(SignedReports.sign(report(), other, SIGNED_AT)).getBytes(StandardCharsets.UTF_8);
    assertTrue(accepted(file, other.publicKey()));
    assertFalse(accepted(file, key.publicKey()), "a report re-signed with another key names the wrong signer");
  }

  @Test
  void sign_rsaPss_verifiesWithThePublicKey_andOnlyWithIt() throws Exception {
    TestKey key = new TestKey(Signatures.RSASSA_PSS_SHA_256);
    AuditReport signed = SignedReports.sign(report(), key, SIGNED_AT);
    assertEquals(Signatures.RSASSA_PSS_SHA_256, signed.signature().algorithm());
    byte[] json = new JsonAuditRenderer().render(signed, Lang.EN).getBytes(StandardCharsets.UTF_8);
    assertTrue(accepted(json, key.publicKey()));
    json[json.length / 2] ^= 1;
    assertFalse(accepted(json, key.publicKey()));
  }

  @Test
  void sign_hashCoversTheSignatureBlock_signatureOverTheCanonicalBytes() throws Exception {
    TestKey key = new TestKey(Signatures.ECDSA_SHA_256);
    AuditReport signed = SignedReports.sign(report(), key, SIGNED_AT);
    assertEquals(JsonAuditRenderer.contentSha256(signed), signed.contentSha256());
    String canonical = JsonAuditRenderer.canonical(signed);
    assertTrue(canonical.contains("\"keyId\": \"test-signer\"") && canonical.contains("\"value\": \"\""));
    assertTrue(canonical.contains("\"contentSha256\": \"\""));
    Checked c = SignedReports.check(new JsonAuditRenderer().render(signed, Lang.EN));
    assertTrue(key.verify(canonical.getBytes(StandardCharsets.UTF_8), c.signatureBytes()));
  }

  @Test
  void check_unsignedHtml_saysItHoldsNoSignedReport() {
    AuditReport unsigned = report().withContentSha256(JsonAuditRenderer.contentSha256(report()));
    Checked c = SignedReports.check(new HtmlAuditRenderer().render(unsigned, Lang.EN));
    assertNotNull(c.problem());
    assertNull(c.report());
    Checked json = SignedReports.check(new JsonAuditRenderer().render(unsigned, Lang.EN));
    assertNull(json.problem(), "an unsigned JSON report is intact");
    assertNull(json.report().signature());
  }

  @Test
  void html_signedJsonCannotEndItsElement() throws Exception {
    AuditReport signed = SignedReports.sign(report(), new TestKey(Signatures.ECDSA_SHA_256), SIGNED_AT);
    String html = new HtmlAuditRenderer().render(signed, Lang.EN);
    int script = html.indexOf("<script type=\"application/json\" id=\"colseal-report\">");
    String rest = html.substring(script);
    String body = rest.substring(rest.indexOf('>') + 1, rest.indexOf("</script>"));
    assertFalse(body.contains("</") || body.contains("<!"), "the embedded JSON holds </ or <!");
    // An HTML5 parser sees one script element, holding the whole JSON (the same JSON strings).
    var scripts = org.jsoup.Jsoup.parse(html).select("script");
    assertEquals(1, scripts.size());
    assertEquals(signed, io.colseal.operations.report.JsonReader.read(scripts.get(0).data(), AuditReport.class));
  }

  private static int utf8Offset(String text, int charIndex) {
    return text.substring(0, Math.max(0, charIndex)).getBytes(StandardCharsets.UTF_8).length;
  }
}
