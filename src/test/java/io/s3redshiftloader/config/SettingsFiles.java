package io.s3redshiftloader.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes what config/application.properties holds and the settings table of docs/configuration.md from
 * {@link SettingsCatalogue}, so neither can drift from it (SettingsFilesTest compares them and can rewrite them).
 */
final class SettingsFiles {
    private static final int WIDTH = 118;

    private SettingsFiles() {
    }

    /** config/application.properties: Camel Main first, then the settings by group, each with its description. */
    static String properties() {
        StringBuilder out = new StringBuilder();
        comment(out, "s3-redshift-loader settings. An environment variable of the same name wins over the value here, so the old"
                + " Python script's .env keeps working. Empty means \"not set\". docs/configuration.md describes every setting.");
        out.append('\n');
        out.append("# --- Camel Main ---\n");
        out.append("camel.main.name=s3-redshift-loader\n");
        for (Setting.Group group : Setting.Group.values()) {
            List<Setting> settings = inFile(group);
            if (settings.isEmpty()) {
                continue;
            }
            out.append('\n').append("# --- ").append(group.title()).append(" ---\n");
            comment(out, group.introduction());
            out.append('\n');
            for (Setting setting : settings) {
                comment(out, setting.description() + (setting.required() ? " Required." : ""));
                out.append(setting.name()).append('=').append(setting.defaultValue().orElse("")).append('\n');
            }
        }
        return out.toString();
    }

    /** The Markdown table of every setting, one row each, grouped as in the properties file. */
    static String docsTable() {
        StringBuilder out = new StringBuilder();
        out.append("| Variable | Route property | Type | Default | Description |\n");
        out.append("|---|---|---|---|---|\n");
        for (Setting.Group group : Setting.Group.values()) {
            out.append("| **").append(group.title()).append("** | | | | ").append(markdown(group.introduction())).append(" |\n");
            for (Setting setting : SettingsCatalogue.ALL) {
                if (setting.group() != group) {
                    continue;
                }
                out.append("| `").append(setting.name()).append('`').append(setting.environmentOnly() ? " (environment only)" : "")
                        .append(" | ").append(setting.property().map(property -> "`{{" + property + "}}`").orElse(""))
                        .append(" | ").append(type(setting))
                        .append(" | ").append(setting.required() ? "required" : setting.defaultValue().map(value -> "`" + value + "`").orElse("—"))
                        .append(" | ").append(markdown(setting.description())).append(" |\n");
            }
        }
        return out.toString();
    }

    private static List<Setting> inFile(Setting.Group group) {
        return SettingsCatalogue.ALL.stream().filter(setting -> setting.group() == group && !setting.environmentOnly()).toList();
    }

    private static String type(Setting setting) {
        return setting.range().map(range -> range.max() >= Integer.MAX_VALUE
                ? setting.type().label() + ", at least " + range.min()
                : setting.type().label() + ", " + range.min() + " to " + range.max()).orElse(setting.type().label());
    }

    /** Text that Markdown shows as written: no HTML tags, emphasis or cell breaks. */
    private static String markdown(String text) {
        return text.replace("|", "\\|").replace("*", "\\*").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Comment lines of at most WIDTH characters, broken between words. */
    private static void comment(StringBuilder out, String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder("#");
        for (String word : text.split(" ")) {
            if (line.length() + 1 + word.length() > WIDTH && line.length() > 1) {
                lines.add(line.toString());
                line = new StringBuilder("#");
            }
            line.append(' ').append(word);
        }
        lines.add(line.toString());
        lines.forEach(each -> out.append(each).append('\n'));
    }
}
