package io.s3redshiftloader.config;

import static io.s3redshiftloader.config.Setting.Group.AWS;
import static io.s3redshiftloader.config.Setting.Group.BAD_DATA;
import static io.s3redshiftloader.config.Setting.Group.FAULTS;
import static io.s3redshiftloader.config.Setting.Group.NOTIFICATIONS;
import static io.s3redshiftloader.config.Setting.Group.OPERATING;
import static io.s3redshiftloader.config.Setting.Group.REDSHIFT_COPY;
import static io.s3redshiftloader.config.Setting.Group.RUNNING;
import static io.s3redshiftloader.config.Setting.Group.SOURCE;
import static io.s3redshiftloader.config.Setting.Group.TARGET;
import static io.s3redshiftloader.config.Setting.Group.THROUGHPUT;
import static io.s3redshiftloader.config.Setting.Type.ARN;
import static io.s3redshiftloader.config.Setting.Type.BOOLEAN;
import static io.s3redshiftloader.config.Setting.Type.LIST;
import static io.s3redshiftloader.config.Setting.Type.PREFIX;
import static io.s3redshiftloader.config.Setting.Type.TEXT;
import static io.s3redshiftloader.config.Setting.Type.URL;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of the loader, declared once: {@link LoaderSettings} reads and checks them from here, the routes'
 * {@code {{loader.*}}} properties are written from here, and config/application.properties and docs/configuration.md
 * are generated from here (SettingsFilesTest fails when they differ). The environment names are the old Python
 * script's, so its .env keeps working.
 */
public final class SettingsCatalogue {
    // --- Source: S3 ---
    public static final Setting AWS_BUCKET_NAME = Setting.required("AWS_BUCKET_NAME", SOURCE, TEXT,
            "The bucket polled for CSV files.").routes("loader.bucket", LoaderSettings::bucket);
    public static final Setting S3_PREFIX = Setting.of("S3_PREFIX", SOURCE, PREFIX, "incoming/",
            "The prefix polled for files; keys ending .csv or .csv.gz are loaded, others left alone.");
    public static final Setting S3_PROCESSED_PREFIX = Setting.of("S3_PROCESSED_PREFIX", SOURCE, PREFIX, "processed/",
            "Where loaded (and already loaded) files are moved, under their full key.")
            .routes("loader.processedPrefix", LoaderSettings::processedPrefix);
    public static final Setting S3_FAILED_PREFIX = Setting.of("S3_FAILED_PREFIX", SOURCE, PREFIX, "failed/",
            "Dead letter: where files that could not be loaded are moved, beside a <key>.error.json that says why.")
            .routes("loader.failedPrefix", LoaderSettings::failedPrefix);
    public static final Setting S3_REJECTED_PREFIX = Setting.of("S3_REJECTED_PREFIX", SOURCE, PREFIX, "rejected/",
            "Where each file's rejected rows are reported, as <key>.rejects.csv.");
    public static final Setting LOADER_POLL_INTERVAL_MS = Setting.number("LOADER_POLL_INTERVAL_MS", SOURCE, 10_000, 100, Integer.MAX_VALUE,
            "How often the prefix is listed for new files (milliseconds; at most 1000 with LOADER_RUN_ONCE).")
            // Run-once drains the prefix: it lists again soon after the files it found are handled.
            .routes("loader.pollIntervalMs", settings -> Long.toString(settings.runOnce()
                    ? Math.min(1000, settings.pollInterval().toMillis()) : settings.pollInterval().toMillis()));
    public static final Setting LOADER_SQS_QUEUE_URL = Setting.of("LOADER_SQS_QUEUE_URL", SOURCE, URL, null,
            "Read S3 event notifications from this SQS queue instead of listing the prefix; any number of loaders can share it,"
                    + " and its redrive policy should name a dead-letter queue.")
            .routes("loader.queueUrl", settings -> settings.queueUrl().map(URI::toString).orElse(""));
    public static final Setting LOADER_SQS_VISIBILITY_TIMEOUT_SECONDS = Setting.number("LOADER_SQS_VISIBILITY_TIMEOUT_SECONDS", SOURCE,
            // SQS takes whole seconds, up to its 12-hour maximum.
            120, 2, 43_200, "How long a received message stays hidden from other loaders (seconds); extended while its file loads.")
            .routes("loader.queueVisibilityTimeoutSeconds", settings -> Long.toString(settings.queueVisibilityTimeout().toSeconds()));
    public static final Setting LOADER_MULTIPART_COPY_THRESHOLD_MB = Setting.number("LOADER_MULTIPART_COPY_THRESHOLD_MB", SOURCE,
            // One CopyObject copies at most 5 GiB; parts are at least 5 MiB.
            5_000, 5, 5_120, "Files larger than this (MiB) are moved by a multipart copy (needs s3:AbortMultipartUpload) instead of"
                    + " one CopyObject, which S3 limits to 5 GiB.");

    // --- Notifications: SNS ---
    public static final Setting ARN_SNS_URL_IN_AWS = Setting.required("ARN_SNS_URL_IN_AWS", NOTIFICATIONS, ARN,
            "The SNS topic each file's outcome is published to.").routes("loader.topicArn", LoaderSettings::topicArn);

    // --- Target: Redshift ---
    public static final Setting TABLE_NAME = Setting.of("TABLE_NAME", TARGET, TEXT, "public.transactions",
            "The target table, schema-qualified (without a schema: public).");
    public static final Setting TABLE_AUTO_CREATE = Setting.of("TABLE_AUTO_CREATE", TARGET, BOOLEAN, "true",
            "Create the target table and the load ledger when they are absent.");
    public static final Setting TABLE_DDL = Setting.of("TABLE_DDL", TARGET, TEXT, "config/ddl/transactions.sql",
            "The DDL that creates TABLE_NAME when it is absent; ${table} stands for the table name.");
    public static final Setting REDSHIFT_JDBC_URL = Setting.of("REDSHIFT_JDBC_URL", TARGET, URL, null,
            "A full JDBC URL: jdbc:redshift://, jdbc:redshift:iam:// or jdbc:postgresql:// (a PostgreSQL stand-in); unset, an IAM URL"
                    + " is derived from the cluster or workgroup settings.");
    public static final Setting REDSHIFT_CLUSTER_IDENTIFIER = Setting.of("REDSHIFT_CLUSTER_IDENTIFIER", TARGET, TEXT, null,
            "A provisioned cluster to derive the IAM JDBC URL from (needs REDSHIFT_DBUSER).");
    public static final Setting REDSHIFT_WORKGROUP = Setting.of("REDSHIFT_WORKGROUP", TARGET, TEXT, null,
            "A Redshift Serverless workgroup to derive the IAM JDBC URL from.");
    public static final Setting REDSHIFT_REGION_CLUSTER = Setting.of("REDSHIFT_REGION_CLUSTER", TARGET, TEXT, null,
            "The region of the cluster or workgroup, for the derived URL (unset: AWS_REGION).");
    public static final Setting REDSHIFT_DATABASE = Setting.of("REDSHIFT_DATABASE", TARGET, TEXT, "dev",
            "The database of the derived URL.");
    public static final Setting REDSHIFT_ACCOUNT_ID = Setting.of("REDSHIFT_ACCOUNT_ID", TARGET, TEXT, null,
            "The AWS account id (12 digits) that owns REDSHIFT_WORKGROUP, for the workgroup's endpoint (unset: the driver looks the"
                    + " workgroup up).");
    public static final Setting REDSHIFT_DBUSER = Setting.of("REDSHIFT_DBUSER", TARGET, TEXT, null,
            "The database user; with IAM auth to a provisioned cluster, the user temporary credentials are issued for (Redshift"
                    + " Serverless follows the IAM identity instead).");
    public static final Setting REDSHIFT_PASSWORD = Setting.of("REDSHIFT_PASSWORD", TARGET, TEXT, null,
            "The database password, optional with IAM auth; prefer the environment, and never commit one to the file.");
    public static final Setting REDSHIFT_AUTO_CREATE = Setting.of("REDSHIFT_AUTO_CREATE", TARGET, BOOLEAN, null,
            "Provisioned cluster with IAM auth: create REDSHIFT_DBUSER at its first connection.");
    public static final Setting REDSHIFT_DB_GROUPS = Setting.of("REDSHIFT_DB_GROUPS", TARGET, LIST, null,
            "Provisioned cluster with IAM auth: the existing database groups the user joins for each session.");

    // --- Bad data ---
    public static final Setting MAX_REJECTED_ROWS = Setting.number("MAX_REJECTED_ROWS", BAD_DATA, 1_000, 0, Long.MAX_VALUE,
            "Rejected rows tolerated per file before the whole file is dead-lettered (0 = strict).");

    // --- Throughput ---
    public static final Setting LOADER_CHUNK_ROWS = Setting.number("LOADER_CHUNK_ROWS", THROUGHPUT, 5_000, 1, 1_000_000,
            "Records per chunk, the unit parsed, validated and filtered in parallel.");
    public static final Setting LOADER_BATCH_ROWS = Setting.number("LOADER_BATCH_ROWS", THROUGHPUT, 1_000, 1, 100_000,
            "Rows per multi-row INSERT (Redshift without REDSHIFT_COPY_IAM_ROLE).");
    public static final Setting LOADER_WRITER_THREADS = Setting.number("LOADER_WRITER_THREADS", THROUGHPUT, 2, 1, 64,
            "Threads that parse, validate, filter and write chunks, shared by the files loading at once.");
    public static final Setting LOADER_CONCURRENT_FILES = Setting.number("LOADER_CONCURRENT_FILES", THROUGHPUT, 1, 1, 32,
            "Files this loader loads at once; the connection pool holds this + 2 connections.")
            .routes("loader.concurrentFiles", settings -> Integer.toString(settings.concurrentFiles()));

    // --- Redshift COPY from S3 ---
    public static final Setting REDSHIFT_COPY_IAM_ROLE = Setting.of("REDSHIFT_COPY_IAM_ROLE", REDSHIFT_COPY, ARN, null,
            "The IAM role Redshift reads staged parts with; set, a file's rows are staged in S3 and loaded with one COPY.");
    public static final Setting LOADER_STAGING_PREFIX = Setting.of("LOADER_STAGING_PREFIX", REDSHIFT_COPY, PREFIX, "staging/",
            "Where the parts and their manifest go, one folder per load, deleted after it.");
    public static final Setting LOADER_STAGING_PARTS = Setting.number("LOADER_STAGING_PARTS", REDSHIFT_COPY, 4, 1, 1024,
            "Parts a load's rows are spread over at a time: a multiple of the cluster's slices (SELECT COUNT(*) FROM stv_slices).");
    public static final Setting LOADER_STAGING_PART_MB = Setting.number("LOADER_STAGING_PART_MB", REDSHIFT_COPY, 64, 1, 1024,
            "The compressed size a part grows to (MiB; AWS advises 1 MB to 1 GB).");
    public static final Setting REDSHIFT_COPY_REGION = Setting.of("REDSHIFT_COPY_REGION", REDSHIFT_COPY, TEXT, null,
            "The staging bucket's region, for COPY's REGION (unset: S3 is asked once).");

    // --- Faults ---
    public static final Setting LOADER_RETRY_ATTEMPTS = Setting.number("LOADER_RETRY_ATTEMPTS", FAULTS, 4, 0, 100,
            "Times a file that meets a database or AWS fault is loaded again from its first byte.")
            .routes("loader.retryAttempts", settings -> Integer.toString(settings.retryAttempts()));
    public static final Setting LOADER_RETRY_DELAY_MS = Setting.number("LOADER_RETRY_DELAY_MS", FAULTS, 1_000, 0, 600_000,
            "The delay before the first retry (milliseconds), growing exponentially for the next ones.")
            .routes("loader.retryDelayMs", settings -> Long.toString(settings.retryDelay().toMillis()));
    public static final Setting LOADER_DB_CONNECT_TIMEOUT_MS = Setting.number("LOADER_DB_CONNECT_TIMEOUT_MS", FAULTS, 10_000, 250, 600_000,
            "How long one database call waits for a connection before it counts as a failed attempt (milliseconds).");

    // --- Running ---
    public static final Setting LOADER_RUN_ONCE = Setting.of("LOADER_RUN_ONCE", RUNNING, BOOLEAN, "false",
            "true: load what is waiting, then exit (0 all loaded or skipped, 1 any failed, 2 bad configuration).");
    public static final Setting LOADER_ROUTES = Setting.of("LOADER_ROUTES", RUNNING, LIST, "file:routes/*.yaml",
            "The route files Camel loads.");
    public static final Setting LOADER_ROUTES_RELOAD = Setting.of("LOADER_ROUTES_RELOAD", RUNNING, BOOLEAN, "true",
            "true: a saved routes/filter.yaml applies to the next file without a restart (the other route files change with a"
                    + " restart).");
    public static final Setting LOADER_CONFIG = Setting.of("LOADER_CONFIG", RUNNING, TEXT, "config/application.properties",
            "The properties file read for the settings the environment does not set.").readFromEnvironmentOnly();

    // --- Operating ---
    public static final Setting LOADER_HTTP_PORT = Setting.number("LOADER_HTTP_PORT", OPERATING, 8080, 0, 65_535,
            "Port of the health endpoints (/observe/health/live, /observe/health/ready) and Prometheus metrics (/observe/metrics);"
                    + " 0 turns the HTTP server off.");
    public static final Setting LOADER_LOG_FORMAT = Setting.of("LOADER_LOG_FORMAT", OPERATING, TEXT, "text",
            "text (human-readable) or json (one JSON object per line, with loadId and objectKey in \"mdc\").");
    public static final Setting LOADER_PROGRESS_INTERVAL_MS = Setting.number("LOADER_PROGRESS_INTERVAL_MS", OPERATING, 5_000, 0, 86_400_000,
            "A file still loading after this long logs a progress line this often (milliseconds); 0 turns progress lines off.");
    public static final Setting LOADER_SHUTDOWN_TIMEOUT_MS = Setting.number("LOADER_SHUTDOWN_TIMEOUT_MS", OPERATING, 25_000, 100, 3_600_000,
            "How long a stop (SIGTERM, Ctrl-C) waits for the files loading (milliseconds) before they are rolled back and left to"
                    + " load again, exit code 3; keep it below the orchestrator's grace period (30 s by default).");

    // --- AWS SDK ---
    public static final Setting AWS_REGION = Setting.of("AWS_REGION", AWS, TEXT, null,
            "The region of the AWS clients (unset: AWS_DEFAULT_REGION).");
    public static final Setting AWS_DEFAULT_REGION = Setting.of("AWS_DEFAULT_REGION", AWS, TEXT, null,
            "The region of the AWS clients when AWS_REGION is unset.");
    public static final Setting AWS_ENDPOINT_URL = Setting.of("AWS_ENDPOINT_URL", AWS, URL, null,
            "One endpoint for S3, SNS and SQS (a local emulator); S3 then uses path-style addressing.");
    public static final Setting AWS_ENDPOINT_URL_S3 = Setting.of("AWS_ENDPOINT_URL_S3", AWS, URL, null,
            "The endpoint for S3 alone; wins over AWS_ENDPOINT_URL.");
    public static final Setting AWS_ENDPOINT_URL_SNS = Setting.of("AWS_ENDPOINT_URL_SNS", AWS, URL, null,
            "The endpoint for SNS alone; wins over AWS_ENDPOINT_URL.");
    public static final Setting AWS_ENDPOINT_URL_SQS = Setting.of("AWS_ENDPOINT_URL_SQS", AWS, URL, null,
            "The endpoint for SQS alone; wins over AWS_ENDPOINT_URL.");

    /** Every setting, in the order the properties file and the docs list them. */
    public static final List<Setting> ALL = List.of(
            AWS_BUCKET_NAME, S3_PREFIX, S3_PROCESSED_PREFIX, S3_FAILED_PREFIX, S3_REJECTED_PREFIX, LOADER_POLL_INTERVAL_MS,
            LOADER_SQS_QUEUE_URL, LOADER_SQS_VISIBILITY_TIMEOUT_SECONDS, LOADER_MULTIPART_COPY_THRESHOLD_MB,
            ARN_SNS_URL_IN_AWS,
            TABLE_NAME, TABLE_AUTO_CREATE, TABLE_DDL, REDSHIFT_JDBC_URL, REDSHIFT_CLUSTER_IDENTIFIER, REDSHIFT_WORKGROUP,
            REDSHIFT_REGION_CLUSTER, REDSHIFT_DATABASE, REDSHIFT_ACCOUNT_ID, REDSHIFT_DBUSER, REDSHIFT_PASSWORD, REDSHIFT_AUTO_CREATE,
            REDSHIFT_DB_GROUPS,
            MAX_REJECTED_ROWS,
            LOADER_CHUNK_ROWS, LOADER_BATCH_ROWS, LOADER_WRITER_THREADS, LOADER_CONCURRENT_FILES,
            REDSHIFT_COPY_IAM_ROLE, LOADER_STAGING_PREFIX, LOADER_STAGING_PARTS, LOADER_STAGING_PART_MB, REDSHIFT_COPY_REGION,
            LOADER_RETRY_ATTEMPTS, LOADER_RETRY_DELAY_MS, LOADER_DB_CONNECT_TIMEOUT_MS,
            LOADER_RUN_ONCE, LOADER_ROUTES, LOADER_ROUTES_RELOAD, LOADER_CONFIG,
            LOADER_HTTP_PORT, LOADER_LOG_FORMAT, LOADER_PROGRESS_INTERVAL_MS, LOADER_SHUTDOWN_TIMEOUT_MS,
            AWS_REGION, AWS_DEFAULT_REGION, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_SNS, AWS_ENDPOINT_URL_SQS);

    private SettingsCatalogue() {
    }

    /**
     * The {@code {{loader.*}}} properties the routes read: one per setting that declares one, and the values derived from
     * several.
     */
    public static Map<String, String> routeProperties(LoaderSettings settings) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Setting setting : ALL) {
            setting.property().ifPresent(property -> properties.put(property, setting.propertyValue().apply(settings)));
        }
        // Route preconditions: the poll route or the queue route is built, never both.
        properties.put("loader.polling", Boolean.toString(!settings.queueMode()));
        properties.put("loader.queueMode", Boolean.toString(settings.queueMode()));
        // The aws2-sqs endpoint wants a queue name, the last segment of the URL; the URL is what it uses.
        properties.put("loader.queueName", settings.queueUrl().map(SettingsCatalogue::queueName).orElse("none"));
        return properties;
    }

    private static String queueName(URI queueUrl) {
        String path = queueUrl.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
