package org.greenvn;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine packages never import the edges: the HTTP API and the metrics. */
class EdgeDependencyTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.greenvn");

  @Test
  void theEnginePackagesDoNotDependOnTheHttpApiOrTheMetrics() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.greenvn",
            "org.greenvn.allocation..",
            "org.greenvn.event..",
            "org.greenvn.inventory..",
            "org.greenvn.phone..",
            "org.greenvn.routing..",
            "org.greenvn.store..",
            "org.greenvn.tenant..",
            "org.greenvn.testkit..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.greenvn.http..",
            "org.greenvn.metrics..",
            "com.sun.net.httpserver..",
            "io.micrometer..")
        .check(CORE);
  }

  @Test
  void theMetricsDoNotDependOnTheHttpApi() {
    noClasses()
        .that()
        .resideInAPackage("org.greenvn.metrics..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.greenvn.http..")
        .check(CORE);
  }
}
