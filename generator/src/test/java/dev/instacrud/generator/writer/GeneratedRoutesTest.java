package dev.instacrud.generator.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.Operation;
import dev.instacrud.runtime.http.ApiRequest;
import dev.instacrud.runtime.http.ApiResponse;
import dev.instacrud.runtime.http.Route;
import dev.instacrud.runtime.http.Routes;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated routes of every sample: each operation is a method named after it (a stack trace reads {@code
 * TaskRoutes.create}, never {@code lambda$addTo$3}), and the routes a service serves are exactly those its OpenAPI
 * document describes, with the write roles on the writes only.
 */
class GeneratedRoutesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<Path> specs() {
        return Generated.samples().stream();
    }

    @ParameterizedTest
    @MethodSource("specs")
    void everyOperationIsANamedMethodAndNoneIsALambda(Path spec) {
        Generated generated = Generated.of(spec);
        for (EntityModel entity : Generated.model(spec).entities()) {
            Class<?> routes = generated.load(entity.name() + "Routes");
            Set<String> methods = Arrays.stream(routes.getDeclaredMethods())
                    .map(Method::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            for (Operation op : Operation.values()) {
                assertTrue(methods.contains(op.javaName()), routes + " lacks " + op.javaName() + ": " + methods);
                Method m = Arrays.stream(routes.getDeclaredMethods())
                        .filter(d -> d.getName().equals(op.javaName()))
                        .findFirst()
                        .orElseThrow();
                assertEquals(ApiResponse.class, m.getReturnType());
                assertEquals(Arrays.asList(ApiRequest.class), Arrays.asList(m.getParameterTypes()));
            }
            assertFalse(methods.stream().anyMatch(n -> n.startsWith("lambda$")), methods.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void theRoutesServedAreTheRoutesDocumented(Path spec) throws Exception {
        Generated generated = Generated.of(spec);
        JsonNode paths =
                MAPPER.readTree(generated.file("openapi.json").content()).get("paths");
        for (EntityModel entity : Generated.model(spec).entities()) {
            Routes table = new Routes();
            Class<?> type = generated.load(entity.name() + "Routes");
            Constructor<?> constructor = type.getDeclaredConstructors()[0];
            constructor.setAccessible(true);
            Object routes = constructor.newInstance(null, null); // addTo only registers; nothing is called
            Method addTo = type.getDeclaredMethod("addTo", Routes.class);
            addTo.setAccessible(true);
            addTo.invoke(routes, table);

            Set<String> served = new TreeSet<>();
            for (Route route : table.all()) {
                served.add(route.method() + " " + route.template());
                boolean writes = !route.method().equals("GET");
                assertEquals(
                        writes ? entity.writeRoles().size() : 3,
                        route.roles().size(),
                        route.method() + " " + route.template());
            }
            Set<String> documented = new TreeSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
                Map.Entry<String, JsonNode> path = p.next();
                if (path.getKey().startsWith(entity.apiPath())
                        && (path.getKey().length() == entity.apiPath().length()
                                || path.getKey().charAt(entity.apiPath().length()) == '/')) {
                    path.getValue().fieldNames().forEachRemaining(method -> {
                        if (!method.equals("parameters")) {
                            documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                        }
                    });
                }
            }
            assertEquals(6, served.size(), served.toString());
            assertEquals(documented, served);
        }
    }
}
