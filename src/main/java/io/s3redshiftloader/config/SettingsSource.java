package io.s3redshiftloader.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Looks a setting up in the environment first, then in config/application.properties. */
public final class SettingsSource {
    private final Map<String, String> environment;
    private final Properties file;

    public SettingsSource(Map<String, String> environment, Properties file) {
        this.environment = Map.copyOf(environment);
        this.file = file;
    }

    /** The process environment over the properties file at {@code LOADER_CONFIG} (default config/application.properties). */
    public static SettingsSource fromProcess() {
        Map<String, String> env = System.getenv();
        Setting config = SettingsCatalogue.LOADER_CONFIG;
        Path configFile = Path.of(Optional.ofNullable(env.get(config.name())).filter(name -> !name.isBlank())
                .or(config::defaultValue).orElseThrow());
        return new SettingsSource(env, readProperties(configFile));
    }

    public static Properties readProperties(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new ConfigurationException("LOADER_CONFIG: cannot read " + file + ": " + e.getMessage());
            }
        }
        return properties;
    }

    /** The value if set to something other than blank; a setting read from the environment only ignores the file. */
    public Optional<String> get(Setting setting) {
        String value = environment.get(setting.name());
        if ((value == null || value.isBlank()) && !setting.environmentOnly()) {
            value = file.getProperty(setting.name());
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** Properties from the file whose names start with {@code camel.}, for Camel Main itself. */
    public Map<String, String> camelProperties() {
        Map<String, String> camel = new java.util.TreeMap<>();
        for (String name : file.stringPropertyNames()) {
            if (name.startsWith("camel.")) {
                camel.put(name, file.getProperty(name));
            }
        }
        return camel;
    }
}
