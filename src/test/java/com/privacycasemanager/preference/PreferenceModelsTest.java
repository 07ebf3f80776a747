package com.privacycasemanager.preference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * opt-out and limit-sensitive are one process under two keys: the engine-rest starts, the
 * request types and the compliance self-check name each key, and each model reads in Cockpit with
 * its own section of the law (§7026(f), §7027(g)). They keep the same flow nodes and ids, the same
 * flows and conditions, timers, expressions, retry cycles, call and tasks; only the process key,
 * the names and the documentation differ. A change made to one and not to the other fails here.
 */
class PreferenceModelsTest {

  /** What may differ: the words a person reads. */
  private static final Set<String> WORDING = Set.of("name");

  @Test
  void optOutAndLimitSensitiveDifferOnlyInTheirKeyNamesAndDocumentation() throws Exception {
    List<String> optOut = structure(Path.of("processes/opt-out.bpmn"));
    List<String> limit = structure(Path.of("processes/limit-sensitive.bpmn"));

    assertThat(optOut).as("what the comparison sees").anyMatch(line -> line.contains("boundaryEvent[attachedToRef=CallActivity_NotifyRecipients"))
        .anyMatch(line -> line.endsWith("/timeDate[type=bpmn:tFormalExpression] ${deadlines.caseDue(execution)}"))
        .anyMatch(line -> line.startsWith("process/userTask[") && line.contains("candidateGroups=privacy-officers"));
    assertThat(limit).containsExactlyElementsOf(optOut);
  }

  /** One line per element of the process: its path, its attributes but the wording, its text. */
  static List<String> structure(Path model) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Element definitions = factory.newDocumentBuilder().parse(model.toFile()).getDocumentElement();
    List<String> lines = new ArrayList<>();
    for (Node child = definitions.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element process && process.getLocalName().equals("process")) {
        describe(process, "", lines);
      }
    }
    return lines;
  }

  private static void describe(Element element, String parent, List<String> lines) {
    String path = parent + element.getLocalName();
    TreeMap<String, String> attributes = new TreeMap<>();
    NamedNodeMap all = element.getAttributes();
    for (int i = 0; i < all.getLength(); i++) {
      Attr attribute = (Attr) all.item(i);
      String name = attribute.getLocalName();
      boolean processIdentity = parent.isEmpty() && name.equals("id");
      if (!WORDING.contains(name) && !processIdentity && !"http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
        attributes.put(name, attribute.getValue());
      }
    }
    StringBuilder text = new StringBuilder();
    List<Element> children = new ArrayList<>();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element nested) {
        if (!nested.getLocalName().equals("documentation")) {
          children.add(nested);
        }
      } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(child.getNodeValue().strip());
      }
    }
    StringBuilder line = new StringBuilder(path);
    if (!attributes.isEmpty()) {
      List<String> pairs = new ArrayList<>();
      attributes.forEach((name, value) -> pairs.add(name + "=" + value));
      line.append('[').append(String.join(", ", pairs)).append(']');
    }
    if (!text.isEmpty()) {
      line.append(' ').append(text);
    }
    lines.add(line.toString());
    for (Element child : children) {
      describe(child, path + "/", lines);
    }
  }
}
