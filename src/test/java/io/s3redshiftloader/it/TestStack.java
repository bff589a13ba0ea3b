package io.s3redshiftloader.it;

import io.s3redshiftloader.config.LoaderSettings;
import io.s3redshiftloader.config.SettingsSource;
import io.s3redshiftloader.local.LocalAws;
import io.s3redshiftloader.local.LocalWarehouse;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The real parts integration tests run against, started once per test JVM: the AWS emulator (S3, SNS, SQS on one
 * port) and an embedded PostgreSQL. Each test gets its own bucket, topic, queue and table.
 */
public final class TestStack {
    private static LocalAws aws;
    private static LocalWarehouse warehouse;

    private TestStack() {
    }

    public static synchronized LocalAws aws() {
        if (aws == null) {
            aws = LocalAws.start();
            Runtime.getRuntime().addShutdownHook(new Thread(aws::close));
        }
        return aws;
    }

    public static synchronized LocalWarehouse warehouse() {
        if (warehouse == null) {
            warehouse = LocalWarehouse.start();
            Runtime.getRuntime().addShutdownHook(new Thread(warehouse::close));
        }
        return warehouse;
    }

    /** A fresh bucket, topic with a subscribed queue, and table name for one test. */
    public static Scenario scenario() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        LocalAws aws = aws();
        String bucket = "loader-" + id;
        aws.createBucket(bucket);
        String topicArn = aws.createTopic("loads-" + id);
        String queueUrl = aws.subscribeNewQueue(topicArn, "loads-" + id);
        return new Scenario(bucket, topicArn, queueUrl, "it_" + id.replace('-', '_') + ".transactions");
    }

    /** What one test loads into, and the environment a loader for it runs with. */
    public record Scenario(String bucket, String topicArn, String queueUrl, String table) {

        /** The loader's ledger of loaded objects, in the target's schema. */
        public String ledger() {
            return table.substring(0, table.indexOf('.')) + ".loader_ledger";
        }

        public Map<String, String> environment(String jdbcUrl) {
            Map<String, String> env = new HashMap<>();
            env.put("AWS_BUCKET_NAME", bucket);
            env.put("ARN_SNS_URL_IN_AWS", topicArn);
            env.put("TABLE_NAME", table);
            env.put("REDSHIFT_JDBC_URL", jdbcUrl);
            env.put("REDSHIFT_DBUSER", warehouse().user());
            env.put("REDSHIFT_PASSWORD", warehouse().password());
            env.put("AWS_ENDPOINT_URL", aws().endpoint().toString());
            env.put("AWS_REGION", aws().region());
            env.put("LOADER_RETRY_ATTEMPTS", "2");
            env.put("LOADER_RETRY_DELAY_MS", "100");
            env.put("LOADER_CHUNK_ROWS", "500");
            // No HTTP server unless a test asks for one on a free port: loaders run side by side in some tests.
            env.put("LOADER_HTTP_PORT", "0");
            return env;
        }

        public Map<String, String> environment() {
            return environment(warehouse().jdbcUrl());
        }

        public static LoaderSettings settings(Map<String, String> environment) {
            return LoaderSettings.load(new SettingsSource(environment, new Properties()));
        }
    }
}
