package org.greenvn.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rules that span modules, checked here because only this module's class path holds them all
 * (core, the Asterisk adapter and the examples). Core's own rules, and proof that each rule form
 * fires on a planted violation, are in core's {@code EdgeDependencyTest}.
 */
class ArchitectureTest {

  private static final JavaClasses ALL_MODULES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.greenvn");

  @Test
  void noPackagesFormACycleAcrossTheModules() {
    slices().matching("org.greenvn.(**)").should().beFreeOfCycles().check(ALL_MODULES);
  }

  @Test
  void theAsteriskAdapterUsesTheEngineAndNoOtherEdge() {
    // The adapter embeds beside any HTTP API or store; it only asks the engine for decisions.
    noClasses()
        .that()
        .resideInAPackage("org.greenvn.asterisk..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.greenvn.http..",
            "org.greenvn.webhook..",
            "org.greenvn.metrics..",
            "org.greenvn.store..",
            "org.greenvn.examples..")
        .check(ALL_MODULES);
  }

  @Test
  void theLibrariesDoNotDependOnTheExamples() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.greenvn.examples..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.greenvn.examples..")
        .check(ALL_MODULES);
  }
}
