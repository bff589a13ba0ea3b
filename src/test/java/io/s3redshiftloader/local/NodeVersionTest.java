package io.s3redshiftloader.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The emulator installs on Node 20, as the README says: no package in package-lock.json asks for a newer Node (npm
 * would warn, and a package may need a feature Node 20 lacks). package.json pins what would.
 */
class NodeVersionTest {
    private static final Pattern AT_LEAST = Pattern.compile("^>=\\s*(\\d+)");
    private static final int NODE = 20;

    @Test
    void everyPackageOfTheEmulatorRunsOnNode20() throws Exception {
        JsonNode packages = new ObjectMapper().readTree(Path.of("package-lock.json").toFile()).path("packages");
        List<String> tooNew = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : packages.properties()) {
            String engine = entry.getValue().path("engines").path("node").asText("");
            Matcher minimum = AT_LEAST.matcher(engine);
            if (minimum.find() && Integer.parseInt(minimum.group(1)) > NODE) {
                tooNew.add(entry.getKey() + " " + engine);
            }
        }
        assertEquals(List.of(), tooNew);
    }
}
