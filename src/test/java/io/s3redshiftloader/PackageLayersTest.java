package io.s3redshiftloader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Imports run one way: a package uses only packages in layers below its own, so nothing imports a package that depends
 * on it, and packages side by side in a layer know nothing of each other. Every main source file is read; any mention
 * of one of the loader's classes counts (an import, a static import, a fully qualified name).
 */
class PackageLayersTest {
    private static final Path SOURCES = Path.of("src/main/java/io/s3redshiftloader");
    /** The root package, io.s3redshiftloader itself. */
    private static final String ROOT = "(root)";

    /**
     * Bottom to top. routes: the names the YAML routes and the Java beans agree on. schema: the table's columns, which
     * csv and warehouse share. csv, filter, s3, warehouse, notify: each
     * does one thing and knows no other (filter reads csv's rows; notify builds a notification from an outcome it is
     * given). load: the beans the routes call, putting those together. observe: metrics, logs and health, told by load
     * through LoadListener or reading its state. config: reads the settings into the typed values the packages below
     * take. start and the root: the application's wiring.
     */
    private static final List<Set<String>> LAYERS = List.of(
            Set.of("routes"),
            Set.of("schema"),
            Set.of("csv"),
            Set.of("filter", "s3", "warehouse", "notify"),
            Set.of("load"),
            Set.of("observe"),
            Set.of("config"),
            Set.of("start"),
            Set.of(ROOT));

    /** A use of a loader class: the packages after io.s3redshiftloader, then the class name (upper case first). */
    private static final Pattern USE = Pattern.compile("\\bio\\.s3redshiftloader\\.((?:[a-z]\\w*\\.)*)[A-Z]");
    private static final Pattern PACKAGE_LINE = Pattern.compile("(?m)^package [\\w.]+;");

    @Test
    void noPackageUsesOneAtItsOwnLayerOrAbove() throws IOException {
        List<String> backArrows = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Path file : sourceFiles()) {
            String from = packageOf(SOURCES.relativize(file.getParent()).toString());
            seen.add(from);
            String text = PACKAGE_LINE.matcher(Files.readString(file)).replaceFirst("");
            Matcher use = USE.matcher(text);
            Set<String> used = new TreeSet<>();
            while (use.find()) {
                used.add(packageOf(use.group(1)));
            }
            for (String to : used) {
                if (!to.equals(from) && layer(to) >= layer(from)) {
                    backArrows.add(SOURCES.relativize(file) + " uses " + to + (layer(to) == layer(from) ? ", beside " : ", above ") + from);
                }
            }
        }
        assertEquals(List.of(), backArrows, "packages using a package in their own layer or above");
        assertTrue(seen.containsAll(List.of("schema", "csv", "load", "observe", ROOT)), "the sources were read: " + seen);
    }

    @Test
    void everyPackageHasALayer() throws IOException {
        Set<String> unplaced = new TreeSet<>();
        for (Path file : sourceFiles()) {
            String name = packageOf(SOURCES.relativize(file.getParent()).toString());
            if (LAYERS.stream().noneMatch(layer -> layer.contains(name))) {
                unplaced.add(name);
            }
        }
        assertEquals(Set.of(), unplaced, "packages to add to LAYERS, where their imports allow");
    }

    private static List<Path> sourceFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** The top-level package under io.s3redshiftloader, from "load/x" or "load.x." alike; the root for none. */
    private static String packageOf(String path) {
        String first = path.split("[./\\\\]", -1)[0];
        return first.isEmpty() ? ROOT : first;
    }

    private static int layer(String name) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(name)) {
                return i;
            }
        }
        throw new IllegalStateException(name + " has no layer");
    }
}
