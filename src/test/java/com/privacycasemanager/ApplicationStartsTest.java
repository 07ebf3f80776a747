package com.privacycasemanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.privacycasemanager.support.CaseTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;

/**
 * Every model in {@code processes/} and every form in {@code forms/} is deployed. The files are
 * read from those folders, not listed here, so a new model or form is checked as soon as it is
 * added, and one that {@code camunda.bpm.deployment-resource-pattern} or the pom's resources miss
 * shows here. Forms matter most: the process starts without them, and Tasklist fails only when it
 * opens the task ("No Camunda Form Definition was found").
 */
class ApplicationStartsTest extends CaseTestSupport {

  @Autowired RepositoryService repository;
  @Autowired CamundaBpmProperties camunda;

  @Test
  void sizesTheJobExecutorsThreadsToTheCores() {
    // the tests run with the job executor off; its pool would be built from these properties
    int cores = Runtime.getRuntime().availableProcessors();
    assertThat(camunda.getJobExecution().getMaxPoolSize()).as("max-pool-size").isEqualTo(cores);
    assertThat(camunda.getJobExecution().getCorePoolSize()).as("core-pool-size").isEqualTo(cores);
    assertThat(camunda.getJobExecution().getQueueCapacity()).as("queue-capacity: two acquisitions of 3").isEqualTo(6);
  }

  @Test
  void deploysEveryProcessInProcesses() throws IOException {
    List<Path> models = files("processes", ".bpmn");
    assertThat(models).as("models in processes/").isNotEmpty();
    List<String> notDeployed = new ArrayList<>();
    for (Path model : models) {
      List<Process> processes = Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(Process.class).stream()
          .filter(Process::isExecutable)
          .toList();
      assertThat(processes).as("executable processes in " + model).isNotEmpty();
      for (Process process : processes) {
        ProcessDefinition deployed = repository.createProcessDefinitionQuery()
            .processDefinitionKey(process.getId()).latestVersion().singleResult();
        if (deployed == null || !fileName(deployed.getResourceName()).equals(fileName(model.toString()))) {
          notDeployed.add(model.getFileName() + "#" + process.getId());
        }
      }
    }
    assertThat(notDeployed).as("processes in processes/ without a deployed definition from that file").isEmpty();
  }

  @Test
  void deploysEveryFormInForms() throws IOException {
    List<Path> forms = files("forms", ".form");
    assertThat(forms).as("forms in forms/").isNotEmpty();
    var engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    List<String> notDeployed = new ArrayList<>();
    for (Path form : forms) {
      // formRef names the form by the id in its JSON, and Tasklist looks up the definition by it
      String id = new ObjectMapper().readTree(form.toFile()).path("id").asText();
      assertThat(id).as("the id of " + form).isNotBlank();
      CamundaFormDefinition deployed = engine.getCommandExecutorTxRequired()
          .execute(context -> context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(id));
      if (deployed == null || !fileName(deployed.getResourceName()).equals(fileName(form.toString()))) {
        notDeployed.add(form.getFileName() + "#" + id);
      }
    }
    assertThat(notDeployed).as("forms in forms/ without a deployed Camunda Form definition from that file").isEmpty();
  }

  /** The files of one of the repository's top-level folders (the tests run in the project directory). */
  private static List<Path> files(String folder, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(folder))) {
      return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  /** A resource is named by its absolute path from target/classes and by its bare name from the jar. */
  private static String fileName(String resourceName) {
    return resourceName.substring(Math.max(resourceName.lastIndexOf('/'), resourceName.lastIndexOf('\\')) + 1);
  }
}
