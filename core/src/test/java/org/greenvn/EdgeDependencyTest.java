package org.greenvn;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.sql.Connection;
import org.greenvn.archfixture.cycle.left.Left;
import org.greenvn.archfixture.cycle.right.Right;
import org.junit.jupiter.api.Test;

/**
 * The engine packages never import the edges (the HTTP API, webhooks, metrics, the JDBC stores,
 * Asterisk), so the engine embeds without them and each edge can change alone; and no packages
 * form a cycle. Each rule is also shown to fire on a planted violation, so that a typo in a
 * package pattern cannot turn it into a rule that holds of everything.
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

  private static final ArchRule ENGINE_IGNORES_THE_EDGES =
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
              "org.greenvn.asterisk..",
              "com.sun.net.httpserver..",
              "java.net.http..",
              "java.sql..",
              "javax.sql..",
              "io.micrometer..",
              "org.flywaydb..",
              "com.zaxxer..",
              "org.sqlite..",
              "org.postgresql..",
              "org.asteriskjava..");

  private static final ArchRule NO_PACKAGE_CYCLES =
      slices().matching("org.greenvn.(**)").should().beFreeOfCycles();

  @Test
  void theEnginePackagesDoNotDependOnTheEdges() {
    ENGINE_IGNORES_THE_EDGES.check(CORE);
  }

  @Test
  void theEdgeRuleFiresOnAnEngineClassThatReadsJdbc() {
    EvaluationResult result =
        ENGINE_IGNORES_THE_EDGES.evaluate(
            new ClassFileImporter().importClasses(EngineClassThatReadsJdbc.class));

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains("java.sql.Connection"));
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
    NO_PACKAGE_CYCLES.check(CORE);
  }

  @Test
  void theCycleRuleFiresOnTwoPackagesThatUseEachOther() {
    EvaluationResult result =
        NO_PACKAGE_CYCLES.evaluate(new ClassFileImporter().importClasses(Left.class, Right.class));

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("Cycle detected");
  }

  /** A class in an engine package ({@code org.greenvn}) that an edge rule must refuse. */
  static final class EngineClassThatReadsJdbc {
    Connection connection;
  }
}
