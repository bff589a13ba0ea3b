package io.s3redshiftloader.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The contract between the routes and the Java beans: every exchange property a route file sets or reads is declared
 * in {@link ExchangeProperties}, and every bean it names in {@link RouteBeans}. Each file under routes/ and
 * routes/examples/ is read as YAML, so a misspelt name fails here rather than as a null in a running load.
 */
class RouteContractTest {
    private static final Pattern PROPERTY_READ = Pattern.compile("exchangeProperty(?:\\.|\\[['\"]?)(\\w+)");
    private static final Pattern BEAN_CALL = Pattern.compile("\\$\\{bean:(\\w+)");
    /** Keys whose value is the name of a bean in the registry. */
    private static final Set<String> BEAN_KEYS = Set.of("ref", "onRedeliveryRef", "executorService");
    /** Steps whose {@code name} is an exchange property. */
    private static final Set<String> PROPERTY_STEPS = Set.of("setProperty", "removeProperty");

    @Test
    void everyRouteFileUsesOnlyDeclaredPropertiesAndBeans() throws IOException {
        List<Path> files = routeFiles();
        assertTrue(files.contains(Path.of("routes", "load-file.yaml")) && files.contains(Path.of("routes", "filter.yaml"))
                && files.contains(Path.of("routes", "examples", "nzd-amount-range.yaml")), "the route files are read: " + files);
        for (Path file : files) {
            assertEquals(List.of(), undeclared(Files.readString(file)), file.toString());
        }
    }

    @Test
    void anUndeclaredPropertyOrBeanIsNamed() {
        String yaml = """
                - route:
                    id: misspelt
                    from:
                      uri: direct:misspelt
                      steps:
                        - setProperty:
                            name: objectKy
                            simple: "${exchangeProperty.loadContxt.alreadyLoaded} == false"
                        - filter:
                            simple: "${bean:intak?method=takesFiles} && ${exchangeProperty[rowFiltr]} != null"
                            steps:
                              - bean:
                                  ref: loadSesion
                                  method: begin
                        - split:
                            simple: "${body}"
                            executorService: chunkWritrs
                            steps:
                              - to: direct:nowhere
                """;

        assertEquals(List.of("exchange property objectKy", "exchange property loadContxt", "exchange property rowFiltr", "bean intak",
                "bean loadSesion", "bean chunkWritrs"), undeclared(yaml));
    }

    @Test
    void declaredNamesAndCamelsOwnPropertiesPass() {
        String yaml = """
                - route:
                    id: spelt-right
                    from:
                      uri: direct:spelt-right
                      steps:
                        - setProperty:
                            name: objectKey
                            simple: "${exchangeProperty.loadContext.alreadyLoaded} == false"
                        - filter:
                            simple: "${bean:intake?method=takesFiles} && ${exchangeProperty.CamelSplitIndex} > 0"
                            steps:
                              - bean:
                                  ref: loadSession
                                  method: begin
                """;

        assertEquals(List.of(), undeclared(yaml));
    }

    private static List<Path> routeFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path folder : List.of(Path.of("routes"), Path.of("routes", "examples"))) {
            try (Stream<Path> listing = Files.list(folder)) {
                listing.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** The names a route file uses that the contract does not declare, in the order they appear (within a value: properties first). */
    private static List<String> undeclared(String yaml) {
        List<String> found = new ArrayList<>();
        visit(new Load(LoadSettings.builder().build()).loadFromString(yaml), declared(ExchangeProperties.class), declared(RouteBeans.class), found);
        return found;
    }

    private static void visit(Object node, Set<String> properties, Set<String> beans, List<String> found) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (PROPERTY_STEPS.contains(key) && entry.getValue() instanceof Map<?, ?> step && step.get("name") instanceof String name) {
                    checkProperty(name, properties, found);
                }
                if (BEAN_KEYS.contains(key) && entry.getValue() instanceof String bean) {
                    checkBean(bean, beans, found);
                }
                visit(entry.getValue(), properties, beans, found);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> visit(item, properties, beans, found));
        } else if (node instanceof String text) {
            for (Matcher read = PROPERTY_READ.matcher(text); read.find(); ) {
                checkProperty(read.group(1), properties, found);
            }
            for (Matcher call = BEAN_CALL.matcher(text); call.find(); ) {
                checkBean(call.group(1), beans, found);
            }
        }
    }

    private static void checkBean(String name, Set<String> beans, List<String> found) {
        if (!beans.contains(name)) {
            found.add("bean " + name);
        }
    }

    /** Camel's own exchange properties (CamelSplitIndex, …) are Camel's contract, not ours. */
    private static void checkProperty(String name, Set<String> properties, List<String> found) {
        if (!properties.contains(name) && !name.startsWith("Camel")) {
            found.add("exchange property " + name);
        }
    }

    /** The values of a contract class's public constants. */
    private static Set<String> declared(Class<?> contract) {
        Set<String> names = new TreeSet<>();
        for (Field field : contract.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }
}
