package org.qorgau.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.WebApplicationException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every problem type the service can answer with is documented in {@code docs/problems.md} at its stable URI, with
 * the one title and status it always carries: the exception tree's types and the ones the mapper gives the
 * framework's own errors.
 */
class ProblemTypesDocumentedTest {

    private static final Pattern ROW = Pattern.compile(
            "^\\| `(https://qorgau\\.org/problems/[a-z-]+)` \\| ([^|]+) \\| (\\d{3}) \\|", Pattern.MULTILINE);

    record Documented(String title, int status) {}

    private static final Map<String, Documented> DOCUMENTED = new HashMap<>();

    @BeforeAll
    static void readDocs() throws Exception {
        Matcher row = ROW.matcher(Files.readString(Path.of("docs", "problems.md")));
        while (row.find()) {
            Documented previous =
                    DOCUMENTED.put(row.group(1), new Documented(row.group(2).trim(), Integer.parseInt(row.group(3))));
            assertEquals(null, previous, row.group(1) + " is documented twice");
        }
        assertFalse(DOCUMENTED.isEmpty(), "no problem types found in docs/problems.md");
    }

    @Test
    void shouldDocumentEveryExceptionsTypeWithItsTitleAndStatus() throws Exception {
        List<String> checked = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.qorgau")) {
            Class<?> clazz = Class.forName(type.getName());
            if (!QorgauException.class.isAssignableFrom(clazz) || Modifier.isAbstract(clazz.getModifiers())) {
                continue;
            }
            QorgauException e = instantiate(clazz);
            assertDocumented(Problem.TYPE_PREFIX + e.type(), e.title(), e.status(), clazz.getSimpleName());
            checked.add(clazz.getSimpleName());
        }
        assertTrue(checked.size() >= 10, "found only " + checked);
    }

    @Test
    void shouldDocumentTheTypesGivenToTheFrameworksOwnErrors() {
        ProblemMapper mapper = new ProblemMapper();
        for (int status : new int[] {400, 401, 403, 404, 405, 406, 409, 411, 413, 415, 500, 503}) {
            Problem problem = (Problem)
                    mapper.web(new WebApplicationException(status), null).getEntity();
            assertDocumented(problem.type(), problem.title(), status, "HTTP " + status);
        }
        Problem internal = (Problem)
                mapper.unexpected(new IllegalStateException("boom"), null).getEntity();
        assertDocumented(internal.type(), internal.title(), 500, "unexpected");
    }

    private static void assertDocumented(String type, String title, int status, String source) {
        Documented documented = DOCUMENTED.get(type);
        assertNotNull(documented, source + ": " + type + " is not in docs/problems.md");
        assertEquals(documented.title(), title, source + ": title of " + type);
        assertEquals(documented.status(), status, source + ": status of " + type);
    }

    /** Each subclass takes a detail plus, for some, a field, errors or seconds: any valid arguments will do. */
    private static QorgauException instantiate(Class<?> clazz) throws Exception {
        for (Constructor<?> constructor : clazz.getConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            Object[] arguments = new Object[parameters.length];
            for (int i = 0; i < parameters.length; i++) {
                arguments[i] = parameters[i] == String.class
                        ? "detail"
                        : parameters[i] == long.class || parameters[i] == int.class
                                ? (Object) 1
                                : parameters[i] == List.class ? List.of() : null;
                if (parameters[i] == long.class) {
                    arguments[i] = 1L;
                }
            }
            return (QorgauException) constructor.newInstance(arguments);
        }
        throw new AssertionError(clazz + " has no public constructor");
    }
}
