package com.privacycasemanager.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Which flow nodes of the models in {@code processes/} the test run has visited, per model, over
 * the whole JVM: the suite shares one Spring context (one engine) across its classes, so a report
 * per test class would not say how well a model is covered. The {@link Plugin} puts a start
 * listener on every flow node the engine parses (start events, tasks, gateways, intermediate and
 * boundary events, sub-processes, end events); the {@link Report} counts the flow nodes of each
 * BPMN file when the run ends, prints {@code model | flow nodes | covered | %} with the nodes not
 * visited, and writes the same to the file named by the system property {@value #REPORT_PROPERTY}
 * (set for the default surefire execution; without it nothing is printed). It records activity
 * ids only, never variables.
 */
public final class FlowNodeCoverage {

  /** The system property naming the report file. */
  public static final String REPORT_PROPERTY = "pcm.process-coverage";

  /** Flow-node coverage each model is expected to reach in a full run, in percent. */
  static final double GOAL = 90.0;

  /** Process definition key to the ids of its flow nodes visited in this JVM. */
  private static final Map<String, Set<String>> VISITED = new ConcurrentHashMap<>();

  private FlowNodeCoverage() {}

  static void visited(String processKey, String activityId) {
    VISITED.computeIfAbsent(processKey, key -> ConcurrentHashMap.newKeySet()).add(activityId);
  }

  /** Test-scope engine plugin: records every flow node an execution enters. */
  public static final class Plugin extends AbstractProcessEnginePlugin {
    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
      if (configuration.getCustomPostBPMNParseListeners() == null) {
        configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
      }
      configuration.getCustomPostBPMNParseListeners().add(new RecordVisits());
    }
  }

  private static final class RecordVisits extends AbstractBpmnParseListener {
    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
      listenIn(definition, definition.getKey());
    }

    private void listenIn(ScopeImpl scope, String processKey) {
      for (ActivityImpl activity : scope.getActivities()) {
        // a multi-instance activity is wrapped in a body of its own; the activity inside is the flow node
        if (!activity.getId().endsWith(BpmnParse.MULTI_INSTANCE_BODY_ID_SUFFIX)) {
          String id = activity.getId();
          ExecutionListener entered = execution -> visited(processKey, id);
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, entered);
        }
        listenIn(activity, processKey);
      }
    }
  }

  /** One model's line of the report. */
  record ModelCoverage(String processKey, Set<String> flowNodes, Set<String> covered) {
    double percent() {
      return flowNodes.isEmpty() ? 100.0 : Math.floor(1000.0 * covered.size() / flowNodes.size()) / 10.0;
    }

    Set<String> uncovered() {
      Set<String> missing = new TreeSet<>(flowNodes);
      missing.removeAll(covered);
      return missing;
    }
  }

  /** The flow nodes of every process in the BPMN files of {@code models}, and those visited so far. */
  static List<ModelCoverage> measure(Path models) {
    Map<String, Set<String>> nodes = new TreeMap<>();
    try (Stream<Path> files = Files.list(models)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
        for (FlowNode node : Bpmn.readModelFromFile(file.toFile()).getModelElementsByType(FlowNode.class)) {
          nodes.computeIfAbsent(processOf(node).getId(), key -> new TreeSet<>()).add(node.getId());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<ModelCoverage> lines = new ArrayList<>();
    nodes.forEach((key, ids) -> {
      Set<String> covered = new TreeSet<>(VISITED.getOrDefault(key, Set.of()));
      covered.retainAll(ids);
      lines.add(new ModelCoverage(key, ids, covered));
    });
    return lines;
  }

  private static Process processOf(FlowNode node) {
    ModelElementInstance parent = node.getParentElement();
    while (!(parent instanceof Process process)) {
      parent = parent.getParentElement();
    }
    return process;
  }

  static String markdown(List<ModelCoverage> lines) {
    StringBuilder out = new StringBuilder();
    out.append("# Flow-node coverage of the models in processes/\n\n");
    out.append("| model | flow nodes | covered | % |\n|---|---:|---:|---:|\n");
    for (ModelCoverage line : lines) {
      out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f%s |%n", line.processKey(), line.flowNodes().size(),
          line.covered().size(), line.percent(), line.percent() < GOAL ? " (below " + (int) GOAL + ")" : ""));
    }
    out.append("\nNot visited:\n\n");
    for (ModelCoverage line : lines) {
      out.append("- ").append(line.processKey()).append(": ")
          .append(line.uncovered().isEmpty() ? "none" : String.join(", ", line.uncovered())).append('\n');
    }
    return out.toString();
  }

  /**
   * Registered on the shared test base: once per JVM, the report is made when the whole run ends
   * (JUnit closes the root store's resources then).
   */
  public static final class Report implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      String file = System.getProperty(REPORT_PROPERTY);
      if (file != null && !file.isBlank()) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(Report.class, key -> new WrittenAtEnd(Path.of(file)), WrittenAtEnd.class);
      }
    }
  }

  private record WrittenAtEnd(Path file) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() throws IOException {
      String report = markdown(measure(Path.of("processes")));
      System.out.println();
      System.out.println(report);
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, report);
    }
  }
}
