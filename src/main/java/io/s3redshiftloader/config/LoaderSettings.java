package io.s3redshiftloader.config;

import static io.s3redshiftloader.config.SettingsCatalogue.*;

import io.s3redshiftloader.s3.AwsClients;
import io.s3redshiftloader.schema.TableName;
import io.s3redshiftloader.warehouse.Dialect;
import io.s3redshiftloader.warehouse.JdbcUrl;
import io.s3redshiftloader.warehouse.WarehouseConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every setting of the loader, read once at start and validated; the rest of the code receives these typed values.
 * Each setting's name, default and range are declared in {@link SettingsCatalogue}.
 */
public record LoaderSettings(
        String bucket,
        String prefix,
        String processedPrefix,
        String failedPrefix,
        String rejectedPrefix,
        String topicArn,
        TableName table,
        boolean tableAutoCreate,
        Path tableDdl,
        String jdbcUrl,
        Optional<String> dbUser,
        Optional<String> dbPassword,
        Optional<Boolean> dbAutoCreate,
        Optional<String> dbGroups,
        long maxRejectedRows,
        boolean runOnce,
        Optional<String> region,
        Optional<URI> s3EndpointUrl,
        Optional<URI> snsEndpointUrl,
        Optional<URI> sqsEndpointUrl,
        Optional<URI> queueUrl,
        Duration queueVisibilityTimeout,
        int concurrentFiles,
        Duration pollInterval,
        int chunkRows,
        int batchRows,
        int writerThreads,
        int retryAttempts,
        Duration retryDelay,
        Duration dbConnectTimeout,
        String routes,
        boolean routesReload,
        int httpPort,
        LogFormat logFormat,
        Duration progressInterval,
        Duration shutdownTimeout,
        Optional<S3CopySettings> s3Copy,
        long multipartCopyThreshold) {

    /** How log lines are written: the human-readable pattern, or one JSON object per line for a log pipeline. */
    public enum LogFormat { TEXT, JSON }

    /** Whether health and metrics are served over HTTP (LOADER_HTTP_PORT 0 turns it off). */
    public boolean httpEnabled() {
        return httpPort > 0;
    }

    /** Whether long loads log a progress line (LOADER_PROGRESS_INTERVAL_MS 0 turns it off). */
    public boolean progressEnabled() {
        return !progressInterval.isZero();
    }

    /** How the warehouse pool connects. */
    public WarehouseConnection warehouseConnection() {
        return new WarehouseConnection(jdbcUrl, dbUser, dbPassword, dbAutoCreate, dbGroups, concurrentFiles, dbConnectTimeout);
    }

    /** The AWS clients' region, endpoints and retries. */
    public AwsClients awsClients() {
        return new AwsClients(region, s3EndpointUrl, snsEndpointUrl, sqsEndpointUrl, retryAttempts);
    }

    /** Reads and checks every setting; every problem found is reported at once, one line each. */
    public static LoaderSettings load(SettingsSource source) {
        Problems problems = new Problems();
        String bucket = problems.check(() -> required(source, AWS_BUCKET_NAME));
        String prefix = problems.check(() -> prefix(source, S3_PREFIX));
        String processed = problems.check(() -> prefix(source, S3_PROCESSED_PREFIX));
        String failed = problems.check(() -> prefix(source, S3_FAILED_PREFIX));
        String rejected = problems.check(() -> prefix(source, S3_REJECTED_PREFIX));
        refuseOverlap(problems, prefix, S3_PROCESSED_PREFIX, processed);
        refuseOverlap(problems, prefix, S3_FAILED_PREFIX, failed);
        refuseOverlap(problems, prefix, S3_REJECTED_PREFIX, rejected);
        String topicArn = problems.check(() -> topicArn(source));
        TableName table = problems.check(() -> {
            try {
                return TableName.parse(text(source, TABLE_NAME));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(TABLE_NAME.name() + ": " + e.getMessage());
            }
        });
        Optional<String> region = source.get(AWS_REGION).or(() -> source.get(AWS_DEFAULT_REGION));
        String jdbcUrl = problems.check(() -> jdbcUrl(source, region));
        LoaderSettings settings = new LoaderSettings(
                bucket, prefix, processed, failed, rejected, topicArn, table,
                problems.check(() -> bool(source, TABLE_AUTO_CREATE), false),
                Path.of(text(source, TABLE_DDL)),
                jdbcUrl,
                source.get(REDSHIFT_DBUSER),
                source.get(REDSHIFT_PASSWORD),
                problems.check(() -> source.get(REDSHIFT_AUTO_CREATE).map(value -> bool(REDSHIFT_AUTO_CREATE, value))),
                problems.check(() -> dbGroups(source)),
                problems.check(() -> number(source, MAX_REJECTED_ROWS), 0L),
                problems.check(() -> bool(source, LOADER_RUN_ONCE), false),
                region,
                problems.check(() -> endpointUrl(source, AWS_ENDPOINT_URL_S3)),
                problems.check(() -> endpointUrl(source, AWS_ENDPOINT_URL_SNS)),
                problems.check(() -> endpointUrl(source, AWS_ENDPOINT_URL_SQS)),
                problems.check(() -> source.get(LOADER_SQS_QUEUE_URL).map(url -> uri(LOADER_SQS_QUEUE_URL, url))),
                problems.check(() -> Duration.ofSeconds(number(source, LOADER_SQS_VISIBILITY_TIMEOUT_SECONDS))),
                problems.check(() -> (int) number(source, LOADER_CONCURRENT_FILES), 0),
                problems.check(() -> Duration.ofMillis(number(source, LOADER_POLL_INTERVAL_MS))),
                problems.check(() -> (int) number(source, LOADER_CHUNK_ROWS), 0),
                problems.check(() -> (int) number(source, LOADER_BATCH_ROWS), 0),
                problems.check(() -> (int) number(source, LOADER_WRITER_THREADS), 0),
                problems.check(() -> (int) number(source, LOADER_RETRY_ATTEMPTS), 0),
                problems.check(() -> Duration.ofMillis(number(source, LOADER_RETRY_DELAY_MS))),
                problems.check(() -> Duration.ofMillis(number(source, LOADER_DB_CONNECT_TIMEOUT_MS))),
                problems.check(() -> routes(source)),
                problems.check(() -> bool(source, LOADER_ROUTES_RELOAD), false),
                problems.check(() -> (int) number(source, LOADER_HTTP_PORT), 0),
                problems.check(() -> logFormat(source)),
                problems.check(() -> Duration.ofMillis(number(source, LOADER_PROGRESS_INTERVAL_MS))),
                problems.check(() -> Duration.ofMillis(number(source, LOADER_SHUTDOWN_TIMEOUT_MS))),
                jdbcUrl == null || prefix == null ? Optional.empty() : problems.check(() -> s3Copy(source, jdbcUrl, prefix)),
                problems.check(() -> number(source, LOADER_MULTIPART_COPY_THRESHOLD_MB) * 1024 * 1024, 0L));
        problems.throwIfAny();
        if (settings.queueMode() && settings.runOnce()) {
            throw new ConfigurationException("LOADER_RUN_ONCE: not supported with LOADER_SQS_QUEUE_URL; a queue has no end to drain to");
        }
        return settings;
    }

    /** Collects what is wrong with the settings, so that one run reports every problem, not only the first. */
    private static final class Problems {
        private final List<String> found = new ArrayList<>();

        /** The value, or null when reading it found a problem (then nothing built from it is used). */
        <T> T check(Supplier<T> read) {
            return check(read, null);
        }

        /** The value, or the stand-in given when reading it found a problem. */
        <T> T check(Supplier<T> read, T orElse) {
            try {
                return read.get();
            } catch (ConfigurationException e) {
                found.addAll(e.problems());
                return orElse;
            }
        }

        void add(String problem) {
            found.add(problem);
        }

        void throwIfAny() {
            if (!found.isEmpty()) {
                throw new ConfigurationException(found);
            }
        }
    }

    /** A file moved under a destination inside the polled prefix (or around it) would be picked up again. */
    private static void refuseOverlap(Problems problems, String prefix, Setting destination, String value) {
        if (prefix != null && value != null && (value.startsWith(prefix) || prefix.startsWith(value))) {
            problems.add(destination.name() + ": '" + value + "' overlaps S3_PREFIX '" + prefix + "'; moved files would be picked up again");
        }
    }

    private static String topicArn(SettingsSource source) {
        String topicArn = required(source, ARN_SNS_URL_IN_AWS);
        if (!topicArn.matches("arn:[a-z-]+:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]{1,256}")) {
            throw new ConfigurationException(ARN_SNS_URL_IN_AWS.name() + ": '" + topicArn
                    + "' is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)");
        }
        return topicArn;
    }

    /**
     * LOADER_ROUTES, checked before anything starts: each file named without a wildcard must exist (Camel would stop on
     * it only after the table was created). That the files hold every route the loader calls is checked by Camel's
     * route model, once they are read.
     */
    private static String routes(SettingsSource source) {
        String routes = text(source, LOADER_ROUTES);
        for (String entry : routes.split(",")) {
            String location = entry.trim();
            if (location.startsWith("file:") && !location.contains("*") && !Files.isRegularFile(Path.of(location.substring(5)))) {
                throw new ConfigurationException("LOADER_ROUTES: " + location.substring(5) + " does not exist");
            }
        }
        return routes;
    }

    /** Files are announced by S3 event notifications on an SQS queue instead of found by listing the prefix. */
    public boolean queueMode() {
        return queueUrl.isPresent();
    }

    private static LogFormat logFormat(SettingsSource source) {
        String value = text(source, LOADER_LOG_FORMAT);
        try {
            return LogFormat.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("LOADER_LOG_FORMAT: '" + value + "' is not text or json");
        }
    }

    /** Redshift's COPY from S3, on when REDSHIFT_COPY_IAM_ROLE names the role Redshift reads the staged parts with. */
    private static Optional<S3CopySettings> s3Copy(SettingsSource source, String jdbcUrl, String prefix) {
        Optional<String> role = source.get(REDSHIFT_COPY_IAM_ROLE);
        if (role.isEmpty()) {
            return Optional.empty();
        }
        if (!Dialect.forJdbcUrl(jdbcUrl).copiesFromS3()) {
            throw new ConfigurationException("REDSHIFT_COPY_IAM_ROLE: only Redshift copies from S3; unset it for a PostgreSQL target,"
                    + " which is loaded with COPY FROM STDIN");
        }
        // Both go into the COPY statement as literals (COPY takes no bound parameters), so only plain characters pass.
        if (!role.get().matches("arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}")) {
            throw new ConfigurationException("REDSHIFT_COPY_IAM_ROLE: '" + role.get() + "' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
        }
        String staging = prefix(source, LOADER_STAGING_PREFIX);
        if (!staging.matches("[A-Za-z0-9!_.*()/-]+")) {
            throw new ConfigurationException("LOADER_STAGING_PREFIX: '" + staging + "' may only hold letters, digits and ! _ . * ( ) / -");
        }
        if (staging.startsWith(prefix) || prefix.startsWith(staging)) {
            throw new ConfigurationException("LOADER_STAGING_PREFIX: '" + staging + "' overlaps S3_PREFIX '" + prefix
                    + "'; staged parts would be loaded as files");
        }
        Optional<String> region = source.get(REDSHIFT_COPY_REGION);
        if (region.isPresent() && !region.get().matches("[a-z]{2}(-[a-z]+)+-\\d{1,2}")) {
            throw new ConfigurationException("REDSHIFT_COPY_REGION: '" + region.get() + "' is not an AWS region name (e.g. eu-west-1)");
        }
        return Optional.of(new S3CopySettings(role.get(), staging, (int) number(source, LOADER_STAGING_PARTS),
                number(source, LOADER_STAGING_PART_MB) * 1024 * 1024, region));
    }

    /** {@code REDSHIFT_JDBC_URL} as given, or an IAM URL derived from the cluster or serverless workgroup settings. */
    private static String jdbcUrl(SettingsSource source, Optional<String> awsRegion) {
        Optional<String> explicit = source.get(REDSHIFT_JDBC_URL);
        if (explicit.isPresent()) {
            String url = explicit.get();
            try {
                Dialect.forJdbcUrl(url);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("REDSHIFT_JDBC_URL: " + e.getMessage());
            }
            // Credentials and rows in plain text may only stay on this machine. The message names the hosts, never the
            // URL, which may hold a password.
            JdbcUrl parsed = new JdbcUrl(url);
            // An IAM URL's "port" is the cluster's region.
            Optional<String> badPort = parsed.iamAuth() ? Optional.empty() : parsed.invalidPort();
            if (badPort.isPresent()) {
                throw new ConfigurationException("REDSHIFT_JDBC_URL: port '" + badPort.get() + "' of " + String.join(",", parsed.hosts())
                        + " is not a number from 1 to 65535");
            }
            if (!parsed.encrypted() && !parsed.loopbackOnly()) {
                throw new ConfigurationException("REDSHIFT_JDBC_URL: TLS is off for the connection to " + String.join(",", parsed.hosts())
                        + "; only a stand-in on 127.0.0.1 or localhost may run without it. Remove ssl=false (a jdbc:postgresql: URL"
                        + " needs sslmode=verify-full)");
            }
            return url;
        }
        Optional<String> cluster = source.get(REDSHIFT_CLUSTER_IDENTIFIER);
        Optional<String> workgroup = source.get(REDSHIFT_WORKGROUP);
        if (cluster.isEmpty() && workgroup.isEmpty()) {
            throw new ConfigurationException("REDSHIFT_JDBC_URL: not set, and neither REDSHIFT_CLUSTER_IDENTIFIER nor REDSHIFT_WORKGROUP is set to derive it from");
        }
        String region = source.get(REDSHIFT_REGION_CLUSTER).or(() -> awsRegion).orElseThrow(
                () -> new ConfigurationException("REDSHIFT_REGION_CLUSTER: required to derive the Redshift URL (or set AWS_REGION)"));
        String database = text(source, REDSHIFT_DATABASE);
        if (cluster.isPresent()) {
            // GetClusterCredentials issues credentials for a named database user: without one, every connection fails.
            if (source.get(REDSHIFT_DBUSER).isEmpty()) {
                throw new ConfigurationException("REDSHIFT_DBUSER: required with REDSHIFT_CLUSTER_IDENTIFIER; IAM authentication"
                        + " to a provisioned cluster gets temporary credentials for this database user");
            }
            return "jdbc:redshift:iam://" + cluster.get() + ":" + region + "/" + database;
        }
        if (!workgroup.get().matches("[a-z0-9-]{3,64}")) {
            throw new ConfigurationException("REDSHIFT_WORKGROUP: '" + workgroup.get() + "' is not a workgroup name (3 to 64 lower-case"
                    + " letters, digits and hyphens)");
        }
        Optional<String> account = source.get(REDSHIFT_ACCOUNT_ID);
        if (account.isEmpty()) {
            // Settings written for earlier versions: the driver looks the endpoint up with GetWorkgroup.
            return "jdbc:redshift:iam://" + workgroup.get() + ":" + region + "/" + database + "?isServerless=true&serverlessWorkGroup="
                    + workgroup.get();
        }
        if (!account.get().matches("\\d{12}")) {
            throw new ConfigurationException("REDSHIFT_ACCOUNT_ID: '" + account.get() + "' is not a 12-digit AWS account id");
        }
        // The workgroup endpoint AWS documents for IAM connections; the driver reads workgroup, account and region from it.
        return "jdbc:redshift:iam://" + workgroup.get() + "." + account.get() + "." + region + ".redshift-serverless.amazonaws.com:5439/"
                + database;
    }

    private static String required(SettingsSource source, Setting setting) {
        return source.get(setting).orElseThrow(() -> new ConfigurationException(setting.name() + ": required but not set"));
    }

    private static String text(SettingsSource source, Setting setting) {
        return source.get(setting).or(setting::defaultValue).orElseThrow();
    }

    private static String prefix(SettingsSource source, Setting setting) {
        String value = text(source, setting);
        if (value.startsWith("/")) {
            throw new ConfigurationException(setting.name() + ": '" + value + "' must not start with '/'");
        }
        return value.endsWith("/") ? value : value + "/";
    }

    /** REDSHIFT_DB_GROUPS as the driver's DbGroups takes it: the names joined by commas, without spaces around them. */
    private static Optional<String> dbGroups(SettingsSource source) {
        return source.get(REDSHIFT_DB_GROUPS).map(value -> {
            List<String> groups = Arrays.stream(value.split(",", -1)).map(String::trim).toList();
            if (groups.contains("")) {
                throw new ConfigurationException("REDSHIFT_DB_GROUPS: '" + value + "' has an empty group name; list the groups separated by commas");
            }
            return String.join(",", groups);
        });
    }

    private static boolean bool(SettingsSource source, Setting setting) {
        return bool(setting, text(source, setting));
    }

    private static boolean bool(Setting setting, String text) {
        String value = text.toLowerCase(java.util.Locale.ROOT);
        return switch (value) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigurationException(setting.name() + ": '" + value + "' is not true or false");
        };
    }

    /** A whole number within the setting's declared range. */
    private static long number(SettingsSource source, Setting setting) {
        String text = text(source, setting);
        Setting.Range range = setting.range().orElseThrow();
        try {
            long value = Long.parseLong(text);
            if (value < range.min() || value > range.max()) {
                throw new ConfigurationException(setting.name() + ": " + value + " is outside " + range.min() + ".." + range.max());
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(setting.name() + ": '" + text + "' is not a whole number");
        }
    }

    /** The SDK's own variables: AWS_ENDPOINT_URL_<SERVICE> wins over AWS_ENDPOINT_URL. */
    private static Optional<URI> endpointUrl(SettingsSource source, Setting serviceEndpoint) {
        return source.get(serviceEndpoint).map(url -> uri(serviceEndpoint, url))
                .or(() -> source.get(AWS_ENDPOINT_URL).map(url -> uri(AWS_ENDPOINT_URL, url)));
    }

    private static URI uri(Setting setting, String text) {
        try {
            URI uri = URI.create(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(setting.name() + ": '" + text + "' is not a URL");
        }
    }

    /** What the log may show: everything but credentials. */
    @Override
    public String toString() {
        return "bucket=" + bucket + " prefix=" + prefix + " table=" + table + " jdbcUrl=" + new JdbcUrl(jdbcUrl).withoutCredentials()
                + (queueMode() ? " queue=" + queueUrl.get() : " runOnce=" + runOnce + " pollInterval=" + pollInterval.toMillis() + "ms")
                + " concurrentFiles=" + concurrentFiles;
    }
}
