package com.privacycasemanager;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions.DiagramStyle;

/**
 * The package structure, checked: every top-level package is a Spring Modulith application module
 * without cycles or reach into another's internals; the hosts and shared services never depend
 * on a right; the lowest layers depend only on what lies below them; and {@code docs/modules}
 * holds the diagram of what is here now. After a change to the structure, regenerate it with
 * {@code mvn test -Dtest=ModularityTest -Dmodules.write=true} and commit it.
 */
class ModularityTest {

  static final ApplicationModules MODULES = ApplicationModules.of(PrivacyCaseManagerApplication.class);

  static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("com.privacycasemanager");

  /** Each consumer right: its kind, pages, delegates and tables. */
  static final String[] RIGHTS = {"..access..", "..erasure..", "..correction..", "..preference..", "..admt..", "..signal..",
    "..incentive.."};

  /**
   * What serves every right and learns about one only through its {@code RequestKind}: intake,
   * verification, notification, the clock, the staff surfaces, the data map, the preference store,
   * the engine set-up, the HTTP error model and the request core.
   */
  static final String[] HOSTS = {
    "..intake..", "..verification..", "..notification..", "..deadline..", "..records..",
    "..datamap..", "..preferencestore..", "..engine..", "..web..", "..request.."
  };

  static final Path DIAGRAMS = Path.of("docs", "modules");

  @Test
  void theModulesHaveNoCyclesAndUseNoInternals() {
    MODULES.verify();
  }

  @Test
  void noHostDependsOnARight() {
    noClasses().that().resideInAnyPackage(HOSTS)
        .should().dependOnClassesThat().resideInAnyPackage(RIGHTS)
        .because("a host learns what a right means from its RequestKind, so a right is added without touching the hosts")
        .check(CLASSES);
  }

  @Test
  void theRequestCoreDependsOnNoOtherPackage() {
    onlyOn("com.privacycasemanager.request..", "com.privacycasemanager.request..");
  }

  @Test
  void theDataMapAndTheErrorModelStandOnTheRequestCoreAlone() {
    onlyOn("com.privacycasemanager.datamap..", "com.privacycasemanager.datamap..", "com.privacycasemanager.request..");
    onlyOn("com.privacycasemanager.web..", "com.privacycasemanager.web..", "com.privacycasemanager.request..");
  }

  @Test
  void thePreferenceStoreAndItsCheckApiNeedOnlyTheCoreTheDataMapTheErrorModelAndStaffLogin() {
    onlyOn("com.privacycasemanager.preferencestore..", "com.privacycasemanager.preferencestore..", "com.privacycasemanager.request..",
        "com.privacycasemanager.datamap..", "com.privacycasemanager.web..", "com.privacycasemanager.engine..");
  }

  @Test
  void theCommittedModuleDiagramIsCurrent() throws IOException {
    Path generated = Path.of("target", "spring-modulith-docs");
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
        .writeModulesAsPlantUml(DiagramOptions.defaults().withStyle(DiagramStyle.UML));
    if (Boolean.getBoolean("modules.write")) {
      Files.createDirectories(DIAGRAMS);
      for (Path file : plantUml(generated)) {
        Files.copy(file, DIAGRAMS.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    List<Path> files = plantUml(generated);
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      Path committed = DIAGRAMS.resolve(file.getFileName());
      assertThat(committed).as("docs/modules is stale: run mvn test -Dtest=ModularityTest -Dmodules.write=true").exists();
      // the same modules and arrows, in whatever order the class files were read
      assertThat(sortedLines(committed)).as("docs/modules/%s is stale: run mvn test -Dtest=ModularityTest -Dmodules.write=true",
          file.getFileName()).isEqualTo(sortedLines(file));
    }
  }

  private static List<String> sortedLines(Path file) throws IOException {
    return Files.readAllLines(file).stream().sorted().toList();
  }

  private static List<Path> plantUml(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return new ArrayList<>(files.filter(f -> f.toString().endsWith(".puml")).sorted().toList());
    }
  }

  private static void onlyOn(String packages, String... allowed) {
    List<String> ours = new ArrayList<>(List.of(allowed));
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes().that().resideInAPackage(packages)
        .should().onlyDependOnClassesThat(
            com.tngtech.archunit.base.DescribedPredicate.describe("outside the application or in " + ours,
                (com.tngtech.archunit.core.domain.JavaClass c) -> !c.getPackageName().startsWith("com.privacycasemanager")
                    || ours.stream().anyMatch(p -> c.getPackageName().equals(p.replace("..", ""))
                        || c.getPackageName().startsWith(p.replace("..", "") + "."))))
        .check(CLASSES);
  }
}
