package org.qorgau.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.ws.rs.Path;

/**
 * The shape of the service (docs/design.md, Layers): capabilities without import cycles; within one, resources call
 * services, services call stores, never the other way; the matching engine and the shared bottom packages know nothing
 * of the service built on them.
 */
@AnalyzeClasses(packages = "org.qorgau", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    private static final String[] CAPABILITIES = {
        "org.qorgau.audit..",
        "org.qorgau.console..",
        "org.qorgau.photo..",
        "org.qorgau.registry..",
        "org.qorgau.runtime..",
        "org.qorgau.screening..",
        "org.qorgau.monitoring..",
        "org.qorgau.subjectaccess..",
        "org.qorgau.dispute..",
        "org.qorgau.webhook.."
    };

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("org.qorgau.(*)..")
            .should()
            .beFreeOfCycles()
            .because("each capability builds on others in one direction only");

    @ArchTest
    static final ArchRule matchingImportsNothingOfTheService = noClasses()
            .that()
            .resideInAPackage("org.qorgau.matching..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(concat(
                    CAPABILITIES,
                    "org.qorgau.common..",
                    "org.qorgau.config..",
                    "org.qorgau.error..",
                    "org.qorgau.security.."))
            .because("the engine is plain code the service uses, tested and benchmarked alone");

    @ArchTest
    static final ArchRule bottomPackagesKnowNoCapability = noClasses()
            .that()
            .resideInAnyPackage("org.qorgau.common..", "org.qorgau.config..", "org.qorgau.error..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(concat(CAPABILITIES, "org.qorgau.security.."))
            .because("shared helpers, configuration and the exception tree sit below every capability");

    @ArchTest
    static final ArchRule securityKnowsOnlyTheExceptionTree = noClasses()
            .that()
            .resideInAPackage("org.qorgau.security..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(CAPABILITIES)
            .because("the caller and roles are used by every capability; security itself uses only error/");

    @ArchTest
    static final ArchRule resourcesDoNotTouchTheDatabase = noClasses()
            .that()
            .areAnnotatedWith(Path.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..", "io.agroal..", "org.hibernate..", "jakarta.persistence..")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Store")
            .because("a resource maps HTTP to one service call and back; the service owns the transaction");

    @ArchTest
    static final ArchRule nothingCallsAResource = noClasses()
            .that()
            .areNotAnnotatedWith(Path.class)
            .should()
            .dependOnClassesThat()
            .areAnnotatedWith(Path.class)
            .because("resources are the outermost layer");

    @ArchTest
    static final ArchRule servicesDoNotSpeakHttp = noClasses()
            .that()
            .haveSimpleNameEndingWith("Service")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.ws.rs..", "io.vertx.core.http..")
            .because("services are called by resources, the console and other services alike");

    @ArchTest
    static final ArchRule storesDoNotCallUpwards = noClasses()
            .that()
            .haveSimpleNameEndingWith("Store")
            .should()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Service")
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.ws.rs..")
            .because("a store reads and writes its aggregate's tables for its service, nothing more");

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
