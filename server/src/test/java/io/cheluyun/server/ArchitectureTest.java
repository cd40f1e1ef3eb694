package io.cheluyun.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of DESIGN.md section 2 at class level (Maven's enforcer checks them at module level): dependencies
 * point down the module table only, applications never see a socket or a wall clock, the model depends on nothing.
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cheluyun");
    }

    @Test
    void modelDependsOnNothingButTheJdk() {
        noClasses().that().resideInAPackage("io.cheluyun.model..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.cheluyun.model..", "java..")
                .check(main);
    }

    @Test
    void asn1DependsOnNothingButTheJdk() {
        // the JDK's XML DOM (java.xml module) reads XER
        noClasses().that().resideInAPackage("io.cheluyun.asn1..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.cheluyun.asn1..", "java..",
                        "org.w3c.dom..", "javax.xml..")
                .check(main);
    }

    @Test
    void codecSeesOnlyAsn1AndTheModelAndNeverAThreadOrSocket() {
        noClasses().that().resideInAPackage("io.cheluyun.codec..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cheluyun.twin..", "io.cheluyun.apps..",
                        "io.cheluyun.server..", "io.cheluyun.edge..", "java.net..", "java.nio.channels..", "java.util.concurrent..")
                .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
                .check(main);
    }

    @Test
    void twinSeesOnlyTheModel() {
        noClasses().that().resideInAPackage("io.cheluyun.twin..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cheluyun.apps..", "io.cheluyun.server..",
                        "io.cheluyun.edge..", "io.cheluyun.codec..", "io.cheluyun.asn1..")
                .check(main);
    }

    @Test
    void appsSeeOnlyModelAndTwin() {
        noClasses().that().resideInAPackage("io.cheluyun.apps..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cheluyun.server..", "io.cheluyun.edge..",
                        "io.cheluyun.codec..", "io.cheluyun.asn1..")
                .check(main);
    }

    @Test
    void edgeSeesOnlyModelAndCodec() {
        noClasses().that().resideInAPackage("io.cheluyun.edge..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cheluyun.twin..", "io.cheluyun.apps..",
                        "io.cheluyun.server..")
                .check(main);
    }

    @Test
    void simSeesOnlyModelAndCodec() {
        noClasses().that().resideInAPackage("io.cheluyun.sim..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cheluyun.twin..", "io.cheluyun.apps..",
                        "io.cheluyun.edge..", "io.cheluyun.server..")
                .check(main);
    }

    @Test
    void storeSeesOnlyModel() {
        noClasses().that().resideInAPackage("io.cheluyun.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cheluyun.twin..", "io.cheluyun.apps..",
                        "io.cheluyun.edge..", "io.cheluyun.codec..", "io.cheluyun.sim..", "io.cheluyun.server..")
                .check(main);
    }

    @Test
    void twinAndAppsNeverTouchTheNetworkOrAWireFormat() {
        noClasses().that().resideInAnyPackage("io.cheluyun.twin..", "io.cheluyun.apps..", "io.cheluyun.model..")
                .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..",
                        "org.eclipse.jetty..", "com.fasterxml.jackson..", "io.micrometer..")
                .check(main);
    }

    @Test
    void twinAndAppsRunOnMessageTimeNotTheWallClock() {
        noClasses().that().resideInAnyPackage("io.cheluyun.twin..", "io.cheluyun.apps..", "io.cheluyun.model..")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .check(main);
    }
}
