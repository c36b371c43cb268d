package org.qorgau.matching;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The matching engine is plain Java: no CDI, JAX-RS, Quarkus or JPA, so it can be tested and benchmarked alone. */
@AnalyzeClasses(packages = "org.qorgau.matching", importOptions = ImportOption.DoNotIncludeTests.class)
class MatchingArchitectureTest {

    @ArchTest
    static final ArchRule matchingUsesNoFrameworks = noClasses()
            .that()
            .resideInAPackage("org.qorgau.matching..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta..", "javax.persistence..", "io.quarkus..", "org.hibernate..")
            .because("the matching engine is plain Java (docs/design.md, Matching engine)");

    @ArchTest
    static final ArchRule matchingDoesNotLog = noClasses()
            .that()
            .resideInAPackage("org.qorgau.matching..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.jboss.logging..", "org.slf4j..", "java.util.logging..", "io.quarkus.logging..")
            .because("names and dates of birth must never reach logs; the engine does not log at all");
}
