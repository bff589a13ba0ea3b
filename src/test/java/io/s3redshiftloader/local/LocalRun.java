package io.s3redshiftloader.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.s3redshiftloader.LoaderApplication;
import io.s3redshiftloader.config.LoaderSettings;
import io.s3redshiftloader.config.SettingsSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole job on this machine, no AWS account: the AWS emulator and an embedded PostgreSQL start, the sample file
 * is uploaded, the loader loads it and keeps polling; every notification is printed as a summary until Ctrl-C.
 */
public final class LocalRun {
    private static final String BUCKET = "local-loader";
    private static final Path SAMPLE = Path.of("sample", "transactions.csv");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        // The emulator accepts any credentials; the loader still takes them from the AWS default provider chain.
        System.setProperty("aws.accessKeyId", LocalAws.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LocalAws.SECRET_KEY);
        LocalAws aws = LocalAws.start();
        LocalWarehouse warehouse = LocalWarehouse.start();
        aws.createBucket(BUCKET);
        String topicArn = aws.createTopic("loader-notifications");
        String queueUrl = aws.subscribeNewQueue(topicArn, "loader-notifications");

        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("AWS_BUCKET_NAME", BUCKET);
        env.put("ARN_SNS_URL_IN_AWS", topicArn);
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        env.put("AWS_REGION", aws.region());
        env.put("REDSHIFT_JDBC_URL", warehouse.jdbcUrl());
        env.put("REDSHIFT_DBUSER", warehouse.user());
        env.put("REDSHIFT_PASSWORD", warehouse.password());
        env.put("LOADER_RUN_ONCE", "false");
        env.putIfAbsent("LOADER_POLL_INTERVAL_MS", "2000");
        SettingsSource source = new SettingsSource(env, SettingsSource.readProperties(Path.of("config", "application.properties")));
        LoaderSettings settings = LoaderSettings.load(source);
        LoaderApplication loader = new LoaderApplication(settings, source.camelProperties());

        aws.putObject(BUCKET, "incoming/transactions.csv", Files.readAllBytes(SAMPLE));
        System.out.printf("%nLocal run: uploaded %s to s3://%s/incoming/transactions.csv%n", SAMPLE, BUCKET);
        System.out.printf("  S3/SNS/SQS emulator: %s (any credentials)   PostgreSQL: %s user %s%n", aws.endpoint(), warehouse.jdbcUrl(),
                warehouse.user());
        if (settings.httpEnabled()) {
            System.out.printf("  Readiness: http://localhost:%1$d/observe/health/ready   Metrics: http://localhost:%1$d/observe/metrics%n",
                    settings.httpPort());
        }
        System.out.printf("  Drop more .csv files under s3://%s/incoming/ and they load within %d ms. Ctrl-C stops.%n%n", BUCKET,
                settings.pollInterval().toMillis());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            loader.stop();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            aws.close();
            warehouse.close();
        }));
        Thread printer = new Thread(() -> printNotifications(aws, queueUrl, warehouse, settings.table().qualified()), "local-run-summaries");
        printer.setDaemon(true);
        printer.start();
        try {
            loader.run();
        } finally {
            stopped.countDown();
        }
    }

    private static void printNotifications(LocalAws aws, String queueUrl, LocalWarehouse warehouse, String table) {
        while (true) {
            try {
                for (String envelope : aws.receiveWithin(queueUrl, Duration.ofSeconds(1))) {
                    JsonNode sns = JSON.readTree(envelope);
                    JsonNode body = JSON.readTree(sns.path("Message").asText());
                    Object total = warehouse.query("SELECT count(*) FROM " + table).get(0).get(0);
                    System.out.printf("%n== %s%n   %s%n   %s now holds %s rows%n%n", sns.path("Subject").asText(), summary(body), table, total);
                }
            } catch (Exception stopping) {
                return;
            }
        }
    }

    private static String summary(JsonNode body) {
        StringBuilder line = new StringBuilder(String.format("%s: read %d, filtered %d, rejected %d, loaded %d in %d ms",
                body.path("status").asText(), body.path("rowsRead").asLong(), body.path("rowsFiltered").asLong(),
                body.path("rowsRejected").asLong(), body.path("rowsLoaded").asLong(), body.path("durationMs").asLong()));
        if (body.hasNonNull("rejectsKey")) {
            line.append("; rejected rows: ").append(body.path("rejectsKey").asText());
        }
        if (body.hasNonNull("error")) {
            line.append("; ").append(body.path("error").asText()).append(" (").append(body.path("errorKey").asText()).append(')');
        }
        return line.toString();
    }
}
