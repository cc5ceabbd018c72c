package io.colseal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.testing.DocRegions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** bom/pom.xml (io.colseal:colseal-bom) manages colseal's published artifacts and nothing else. */
class BomTest {
  private static final Path ROOT = DocRegions.repositoryRoot();

  /** What colseal publishes; sample-app and benchmarks never are. */
  private static final Set<String> PUBLISHED =
      Set.of("colseal-core", "colseal-hibernate", "colseal-kms-aws", "colseal-kms-pkcs11", "colseal-mybatis",
          "colseal-operations",
          "colseal-cli", "colseal-spring-boot-autoconfigure", "colseal-spring-boot-starter");

  @Test
  void bom_managesExactlyThePublishedArtifacts() throws Exception {
    Set<String> managed = new TreeSet<>();
    for (Element d : managedDependencies()) {
      managed.add(text(d, "artifactId"));
    }
    assertEquals(new TreeSet<>(PUBLISHED), managed);
  }

  @Test
  void bom_managesEachArtifactAsAColsealJarAtTheProjectVersion() throws Exception {
    for (Element d : managedDependencies()) {
      String id = text(d, "artifactId");
      assertEquals("io.colseal", text(d, "groupId"), id);
      assertEquals("${project.version}", text(d, "version"), id);
      assertEquals("", text(d, "type"), id + " is a plain jar");
      assertEquals("", text(d, "classifier"), id + " is a plain jar");
      assertEquals("", text(d, "scope"), id + " imports nothing");
    }
  }

  @Test
  void bom_hasNoParentSoItBringsNoThirdPartyVersions() throws Exception {
    Element bom = pom(ROOT.resolve("bom"));
    assertTrue(children(bom, "parent").isEmpty(), "bom/pom.xml has a <parent>");
    assertTrue(children(bom, "dependencies").isEmpty(), "bom/pom.xml has <dependencies>");
    assertEquals("pom", text(bom, "packaging"));
  }

  @Test
  void bom_hasTheRootsCoordinatesAndIsAReactorModule() throws Exception {
    Element bom = pom(ROOT.resolve("bom"));
    Element root = pom(ROOT);
    assertEquals("io.colseal:colseal-bom", text(bom, "groupId") + ":" + text(bom, "artifactId"));
    assertEquals(text(root, "version"), text(bom, "version"), "bom/pom.xml's version follows the root's");
    assertTrue(modules(root).contains("bom"), "the root pom builds bom/");
  }

  @Test
  void bom_namesOnlyArtifactsTheReactorBuilds() throws Exception {
    Set<String> built = new TreeSet<>();
    for (String module : modules(pom(ROOT))) {
      built.add(text(pom(ROOT.resolve(module)), "artifactId"));
    }
    for (Element d : managedDependencies()) {
      assertTrue(built.contains(text(d, "artifactId")), text(d, "artifactId") + " is not built by " + built);
    }
  }

  private static List<Element> managedDependencies() throws IOException, SAXException, ParserConfigurationException {
    Element bom = pom(ROOT.resolve("bom"));
    List<Element> out = new ArrayList<>();
    for (Element management : children(bom, "dependencyManagement")) {
      for (Element dependencies : children(management, "dependencies")) {
        out.addAll(children(dependencies, "dependency"));
      }
    }
    return out;
  }

  private static List<String> modules(Element project) {
    List<String> out = new ArrayList<>();
    for (Element modules : children(project, "modules")) {
      for (Element module : children(modules, "module")) {
        out.add(module.getTextContent().trim());
      }
    }
    return out;
  }

  private static Element pom(Path moduleDirectory) throws IOException, SAXException, ParserConfigurationException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(moduleDirectory.resolve("pom.xml").toFile()).getDocumentElement();
  }

  /** The direct child elements named {@code name}: a pom's own values, not those of its plugins or dependencies. */
  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  /** The text of the direct child {@code name}, or "" when there is none. */
  private static String text(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? "" : found.get(0).getTextContent().trim();
  }
}
