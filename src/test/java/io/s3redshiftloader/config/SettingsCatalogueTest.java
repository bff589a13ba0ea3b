package io.s3redshiftloader.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The {@code {{loader.*}}} properties the routes read, written from the checked settings. */
class SettingsCatalogueTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(loader\\.[A-Za-z]\\w*)}}");

    @Test
    void everyPropertyTheRoutesReadIsWritten() throws IOException {
        Set<String> read = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).toList()) {
                Matcher placeholder = PLACEHOLDER.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (placeholder.find()) {
                    read.add(placeholder.group(1));
                }
            }
        }
        assertTrue(read.contains("loader.bucket"), "the routes read their settings as {{loader.*}}: " + read);
        Set<String> written = SettingsCatalogue.routeProperties(TestSettings.of()).keySet();
        assertTrue(written.containsAll(read), "read by the routes but not written: " + difference(read, written));
    }

    @Test
    void aPollingServiceGetsTheSettingsAsGivenOrTheirDefaults() {
        Map<String, String> properties = SettingsCatalogue.routeProperties(TestSettings.of("S3_PROCESSED_PREFIX", "done", "LOADER_RETRY_DELAY_MS", "250"));

        assertEquals("data-bucket", properties.get("loader.bucket"));
        assertEquals("done/", properties.get("loader.processedPrefix"));
        assertEquals("failed/", properties.get("loader.failedPrefix"));
        assertEquals("arn:aws:sns:us-east-1:123456789012:loads", properties.get("loader.topicArn"));
        assertEquals("10000", properties.get("loader.pollIntervalMs"));
        assertEquals("1", properties.get("loader.concurrentFiles"));
        assertEquals("4", properties.get("loader.retryAttempts"));
        assertEquals("250", properties.get("loader.retryDelayMs"));
        assertEquals("true", properties.get("loader.polling"));
        assertEquals("false", properties.get("loader.queueMode"));
        assertEquals("", properties.get("loader.queueUrl"));
        assertEquals("none", properties.get("loader.queueName"));
    }

    @Test
    void runOnceListsAgainWithinASecond() {
        assertEquals("1000", SettingsCatalogue.routeProperties(TestSettings.of("LOADER_RUN_ONCE", "true")).get("loader.pollIntervalMs"));
        assertEquals("300", SettingsCatalogue.routeProperties(TestSettings.of("LOADER_RUN_ONCE", "true", "LOADER_POLL_INTERVAL_MS", "300"))
                .get("loader.pollIntervalMs"));
    }

    @Test
    void aQueueUrlTurnsThePollRouteOffAndNamesTheQueue() {
        Map<String, String> properties = SettingsCatalogue.routeProperties(TestSettings.of(
                "LOADER_SQS_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/new-files", "LOADER_SQS_VISIBILITY_TIMEOUT_SECONDS", "300"));

        assertEquals("false", properties.get("loader.polling"));
        assertEquals("true", properties.get("loader.queueMode"));
        assertEquals("https://sqs.us-east-1.amazonaws.com/123456789012/new-files", properties.get("loader.queueUrl"));
        assertEquals("new-files", properties.get("loader.queueName"));
        assertEquals("300", properties.get("loader.queueVisibilityTimeoutSeconds"));
    }

    @Test
    void everyDefaultPassesItsOwnCheck() {
        for (Setting setting : SettingsCatalogue.ALL) {
            setting.range().ifPresent(range -> {
                long value = Long.parseLong(setting.defaultValue().orElseThrow());
                assertTrue(value >= range.min() && value <= range.max(), setting.name() + "'s default is outside its range");
            });
        }
    }

    private static Set<String> difference(Set<String> all, Set<String> minus) {
        Set<String> left = new TreeSet<>(all);
        left.removeAll(minus);
        return left;
    }
}
