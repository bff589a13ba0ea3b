package io.s3redshiftloader.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * config/application.properties and the table in docs/configuration.md say what {@link SettingsCatalogue} declares.
 * After a change to the catalogue, regenerate both with the command below.
 */
class SettingsFilesTest {
    private static final String REGENERATE = "mvn -o -q test -Dtest=SettingsFilesTest -Dsettings.regenerate=true";
    private static final Path PROPERTIES = Path.of("config/application.properties");
    private static final Path DOCS = Path.of("docs/configuration.md");
    private static final String TABLE_START = "<!-- settings table: generated from SettingsCatalogue -->\n";
    private static final String TABLE_END = "<!-- end of settings table -->\n";

    @Test
    void thePropertiesFileIsTheCatalogue() throws IOException {
        String expected = SettingsFiles.properties();
        if (Boolean.getBoolean("settings.regenerate")) {
            Files.writeString(PROPERTIES, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(PROPERTIES, StandardCharsets.UTF_8),
                PROPERTIES + " differs from SettingsCatalogue; regenerate it: " + REGENERATE);
    }

    @Test
    void theDocsTableIsTheCatalogue() throws IOException {
        String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
        int start = docs.indexOf(TABLE_START);
        int end = docs.indexOf(TABLE_END);
        assertTrue(start >= 0 && end > start, DOCS + " has lost the markers around its settings table: " + TABLE_START.strip()
                + " ... " + TABLE_END.strip());
        String expected = docs.substring(0, start + TABLE_START.length()) + SettingsFiles.docsTable() + docs.substring(end);
        if (Boolean.getBoolean("settings.regenerate")) {
            Files.writeString(DOCS, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(DOCS, StandardCharsets.UTF_8),
                DOCS + " differs from SettingsCatalogue; regenerate its table: " + REGENERATE);
    }

    @Test
    void everySettingDeclaredIsListed() throws IllegalAccessException {
        for (Field field : SettingsCatalogue.class.getFields()) {
            if (field.getType() == Setting.class) {
                assertTrue(SettingsCatalogue.ALL.contains((Setting) field.get(null)), field.getName() + " is declared but missing from ALL");
            }
        }
    }

    @Test
    void everySettingIsDeclaredOnceAndEveryRoutePropertyOnce() {
        assertEquals(SettingsCatalogue.ALL.size(), SettingsCatalogue.ALL.stream().map(Setting::name).distinct().count());
        long properties = SettingsCatalogue.ALL.stream().flatMap(setting -> setting.property().stream()).count();
        assertEquals(properties, SettingsCatalogue.ALL.stream().flatMap(setting -> setting.property().stream()).distinct().count());
    }
}
