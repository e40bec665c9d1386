package org.greenvn;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine packages never import the edges (the HTTP API, webhooks, metrics, the JDBC stores),
 * so the engine embeds without them and each edge can change alone; and no packages form a
 * cycle.
 */
class EdgeDependencyTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.greenvn");

  private static final String[] ENGINE = {
    "org.greenvn",
    "org.greenvn.allocation..",
    "org.greenvn.event..",
    "org.greenvn.inventory..",
    "org.greenvn.phone..",
    "org.greenvn.routing..",
    "org.greenvn.store",
    "org.greenvn.tenant..",
    "org.greenvn.testkit.."
  };

  @Test
  void theEnginePackagesDoNotDependOnTheEdges() {
    noClasses()
        .that()
        .resideInAnyPackage(ENGINE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.greenvn.http..",
            "org.greenvn.metrics..",
            "org.greenvn.webhook..",
            "org.greenvn.store.jdbc..",
            "org.greenvn.store.sqlite..",
            "org.greenvn.store.postgres..",
            "com.sun.net.httpserver..",
            "java.net.http..",
            "java.sql..",
            "javax.sql..",
            "io.micrometer..",
            "org.flywaydb..",
            "com.zaxxer..",
            "org.sqlite..",
            "org.postgresql..",
            "org.asteriskjava..")
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

  @Test
  void theDurableStoresDoNotDependOnTheHttpApi() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.greenvn.store.jdbc..", "org.greenvn.store.sqlite..",
            "org.greenvn.store.postgres..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.greenvn.http..", "org.greenvn.metrics..")
        .check(CORE);
  }

  @Test
  void noPackagesFormACycle() {
    slices().matching("org.greenvn.(**)").should().beFreeOfCycles().check(CORE);
  }
}
