package org.qorgau.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProductionSetupTest {

    @ParameterizedTest(name = "prod={0} devKeys={1} embedded={2} required={3} -> {4}")
    @CsvSource({
        "false, true,  true,  true,  OK",
        "false, true,  true,  false, OK",
        "true,  false, false, true,  OK",
        "true,  false, false, false, OK",
        "true,  true,  false, false, WARN",
        "true,  false, true,  false, WARN",
        "true,  true,  true,  false, WARN",
        "true,  true,  false, true,  REFUSE",
        "true,  false, true,  true,  REFUSE",
        "true,  true,  true,  true,  REFUSE",
    })
    void shouldWarnOrRefuseOnlyForADevelopmentSetupInProduction(
            boolean prod, boolean devKeys, boolean embedded, boolean required, ProductionSetup.Action expected) {
        assertEquals(expected, new ProductionSetup(prod, devKeys, embedded, required).action());
    }

    @ParameterizedTest(name = "required={0}")
    @CsvSource({"false", "true"})
    void shouldNameEveryShortcomingAndTheFixInTheMessage(boolean required) {
        String message = new ProductionSetup(true, true, true, required).message();
        assertTrue(message.contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), message);
        assertTrue(message.contains("QUARKUS_DATASOURCE_JDBC_URL"), message);
        assertTrue(message.contains("QORGAU_REQUIRE_PRODUCTION_SETUP"), message);
        assertEquals(required, message.startsWith("Refusing to start"), message);
    }

    @ParameterizedTest(name = "devKeys={0} embedded={1}")
    @CsvSource({"true, false", "false, true"})
    void shouldNameOnlyTheShortcomingThatIsThere(boolean devKeys, boolean embedded) {
        String message = new ProductionSetup(true, devKeys, embedded, false).message();
        assertEquals(devKeys, message.contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), message);
        assertEquals(embedded, message.contains("QUARKUS_DATASOURCE_JDBC_URL"), message);
    }
}
