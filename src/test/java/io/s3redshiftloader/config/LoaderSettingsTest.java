package io.s3redshiftloader.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoaderSettingsTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:loader-events";
    private static final String SECRET = "s3cr3t-Pa55";

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_BUCKET_NAME", "data-bucket");
        env.put("ARN_SNS_URL_IN_AWS", TOPIC);
        env.put("REDSHIFT_JDBC_URL", "jdbc:postgresql://localhost:5432/dev");
        return env;
    }

    /** No REDSHIFT_JDBC_URL, so it is derived; REDSHIFT_DBUSER is set, as IAM authentication to a cluster needs. */
    private static Map<String, String> derived(String... pairs) {
        Map<String, String> env = minimal();
        env.remove("REDSHIFT_JDBC_URL");
        env.put("REDSHIFT_DBUSER", "loader");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static LoaderSettings load(Map<String, String> env) {
        return load(env, new Properties());
    }

    private static LoaderSettings load(Map<String, String> env, Properties file) {
        return LoaderSettings.load(new SettingsSource(env, file));
    }

    /** Loading is refused with one line that starts with the setting's name (the run-once exit-2 message). */
    private static String refused(Map<String, String> env, String setting) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(env));
        assertTrue(e.getMessage().startsWith(setting + ":"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> env = minimal();
        env.put(name, value);
        return env;
    }

    @Test
    void defaultsFollowTheContractTable() {
        LoaderSettings settings = load(minimal());
        assertEquals("incoming/", settings.prefix());
        assertEquals("processed/", settings.processedPrefix());
        assertEquals("failed/", settings.failedPrefix());
        assertEquals("rejected/", settings.rejectedPrefix());
        assertEquals("public.transactions", settings.table().qualified());
        assertTrue(settings.tableAutoCreate());
        assertEquals(1000, settings.maxRejectedRows());
        assertFalse(settings.runOnce());
    }

    @Test
    void requiredSettingsAreReadAsGiven() {
        LoaderSettings settings = load(minimal());
        assertEquals("data-bucket", settings.bucket());
        assertEquals(TOPIC, settings.topicArn());
        assertEquals("jdbc:postgresql://localhost:5432/dev", settings.jdbcUrl());
    }

    @Test
    void everySettingCanComeFromThePropertiesFileAlone() {
        Properties file = new Properties();
        file.putAll(minimal());
        file.setProperty("MAX_REJECTED_ROWS", "7");
        LoaderSettings settings = load(Map.of(), file);
        assertEquals("data-bucket", settings.bucket());
        assertEquals(TOPIC, settings.topicArn());
        assertEquals(7, settings.maxRejectedRows());
    }

    @Test
    void environmentWinsOverThePropertiesFile() {
        Properties file = new Properties();
        file.setProperty("AWS_BUCKET_NAME", "file-bucket");
        file.setProperty("MAX_REJECTED_ROWS", "5");
        file.setProperty("TABLE_NAME", "staging.from_file");
        Map<String, String> env = minimal();
        env.put("AWS_BUCKET_NAME", "env-bucket");
        env.put("MAX_REJECTED_ROWS", "50");
        LoaderSettings settings = load(env, file);
        assertEquals("env-bucket", settings.bucket());
        assertEquals(50, settings.maxRejectedRows());
        assertEquals("staging.from_file", settings.table().qualified());
    }

    @Test
    void aBlankEnvironmentValueFallsBackToThePropertiesFileAndValuesAreTrimmed() {
        Properties file = new Properties();
        file.setProperty("S3_PREFIX", "  landing/  ");
        LoaderSettings settings = load(with("S3_PREFIX", "   "), file);
        assertEquals("landing/", settings.prefix());
    }

    @Test
    void missingBucketIsRefusedNamingTheVariable() {
        Map<String, String> env = minimal();
        env.remove("AWS_BUCKET_NAME");
        refused(env, "AWS_BUCKET_NAME");
    }

    @Test
    void blankBucketCountsAsMissing() {
        refused(with("AWS_BUCKET_NAME", " "), "AWS_BUCKET_NAME");
    }

    @Test
    void missingTopicArnIsRefusedNamingTheVariable() {
        Map<String, String> env = minimal();
        env.remove("ARN_SNS_URL_IN_AWS");
        refused(env, "ARN_SNS_URL_IN_AWS");
    }

    @Test
    void aTopicThatIsNotAnSnsArnIsRefused() {
        refused(with("ARN_SNS_URL_IN_AWS", "https://sns.us-east-1.amazonaws.com/loader-events"), "ARN_SNS_URL_IN_AWS");
        refused(with("ARN_SNS_URL_IN_AWS", "arn:aws:sqs:us-east-1:123456789012:loader-events"), "ARN_SNS_URL_IN_AWS");
    }

    @Test
    void aNonNumericMaxRejectedRowsIsRefusedNamingTheVariableAndValue() {
        String message = refused(with("MAX_REJECTED_ROWS", "abc"), "MAX_REJECTED_ROWS");
        assertTrue(message.contains("abc"), message);
    }

    @Test
    void aNegativeMaxRejectedRowsIsRefused() {
        refused(with("MAX_REJECTED_ROWS", "-1"), "MAX_REJECTED_ROWS");
    }

    @Test
    void zeroMaxRejectedRowsIsAcceptedAsStrictMode() {
        assertEquals(0, load(with("MAX_REJECTED_ROWS", "0")).maxRejectedRows());
    }

    @Test
    void aBadNumberInAnotherNumericSettingNamesThatSetting() {
        refused(with("LOADER_POLL_INTERVAL_MS", "10s"), "LOADER_POLL_INTERVAL_MS");
    }

    @Test
    void runOnceIsReadAsABoolean() {
        assertTrue(load(with("LOADER_RUN_ONCE", "true")).runOnce());
        assertTrue(load(with("LOADER_RUN_ONCE", "TRUE")).runOnce());
        assertFalse(load(with("LOADER_RUN_ONCE", "false")).runOnce());
    }

    @Test
    void aRunOnceThatIsNotABooleanIsRefusedNamingTheVariable() {
        refused(with("LOADER_RUN_ONCE", "sometimes"), "LOADER_RUN_ONCE");
    }

    @Test
    void aTableNameCarryingSqlIsRefused() {
        refused(with("TABLE_NAME", "public.tx; drop table x"), "TABLE_NAME");
    }

    @Test
    void aTableNameWithTooManyPartsIsRefused() {
        refused(with("TABLE_NAME", "db.public.transactions"), "TABLE_NAME");
    }

    @Test
    void tableNameFoldsToLowerCaseAndDefaultsToThePublicSchema() {
        assertEquals("sales.transactions", load(with("TABLE_NAME", "Sales.Transactions")).table().qualified());
        assertEquals("public.events", load(with("TABLE_NAME", "events")).table().qualified());
    }

    @Test
    void clusterIdentifierDerivesAnIamUrl() {
        LoaderSettings settings = load(derived("REDSHIFT_CLUSTER_IDENTIFIER", "analytics-cluster",
                "REDSHIFT_REGION_CLUSTER", "eu-west-1", "REDSHIFT_DATABASE", "warehouse"));
        assertEquals("jdbc:redshift:iam://analytics-cluster:eu-west-1/warehouse", settings.jdbcUrl());
    }

    @Test
    void workgroupDerivesTheDocumentedServerlessEndpointUrl() {
        LoaderSettings settings = load(derived("REDSHIFT_WORKGROUP", "etl-wg", "REDSHIFT_ACCOUNT_ID", "123456789012",
                "REDSHIFT_REGION_CLUSTER", "eu-west-1", "REDSHIFT_DATABASE", "warehouse"));
        assertEquals("jdbc:redshift:iam://etl-wg.123456789012.eu-west-1.redshift-serverless.amazonaws.com:5439/warehouse",
                settings.jdbcUrl());
    }

    @Test
    void aWorkgroupWithoutItsAccountIdIsLookedUpByTheDriverAsBeforeAndABadAccountIdIsRefused() {
        assertEquals("jdbc:redshift:iam://etl-wg:eu-west-1/dev?isServerless=true&serverlessWorkGroup=etl-wg",
                load(derived("REDSHIFT_WORKGROUP", "etl-wg", "AWS_REGION", "eu-west-1")).jdbcUrl(), "a .env of an earlier version still works");
        for (String account : new String[] {"12345678901", "1234567890123", "my-account"}) {
            refused(derived("REDSHIFT_WORKGROUP", "etl-wg", "AWS_REGION", "eu-west-1", "REDSHIFT_ACCOUNT_ID", account), "REDSHIFT_ACCOUNT_ID");
        }
    }

    @Test
    void aWorkgroupNameThatCannotBeAHostNameIsRefused() {
        for (String workgroup : new String[] {"ETL", "etl.wg", "wg", "etl/wg"}) {
            refused(derived("REDSHIFT_WORKGROUP", workgroup, "AWS_REGION", "eu-west-1", "REDSHIFT_ACCOUNT_ID", "123456789012"),
                    "REDSHIFT_WORKGROUP");
        }
    }

    @Test
    void aWorkgroupStartsWithoutADatabaseUser() {
        Map<String, String> env = derived("REDSHIFT_WORKGROUP", "etl-wg", "AWS_REGION", "eu-west-1", "REDSHIFT_ACCOUNT_ID", "123456789012");
        env.remove("REDSHIFT_DBUSER");
        assertEquals(Optional.empty(), load(env).dbUser());
    }

    @Test
    void clusterIdentifierWinsOverWorkgroupWhenBothAreSet() {
        LoaderSettings settings = load(derived("REDSHIFT_CLUSTER_IDENTIFIER", "analytics-cluster",
                "REDSHIFT_WORKGROUP", "etl-wg", "REDSHIFT_REGION_CLUSTER", "eu-west-1"));
        assertEquals("jdbc:redshift:iam://analytics-cluster:eu-west-1/dev", settings.jdbcUrl());
    }

    @Test
    void derivedUrlUsesDatabaseDevAndAwsRegionWhenTheirSettingsAreUnset() {
        LoaderSettings settings = load(derived("REDSHIFT_CLUSTER_IDENTIFIER", "analytics-cluster", "AWS_REGION", "ap-southeast-2"));
        assertEquals("jdbc:redshift:iam://analytics-cluster:ap-southeast-2/dev", settings.jdbcUrl());
    }

    @Test
    void redshiftRegionWinsOverAwsRegionForTheDerivedUrl() {
        LoaderSettings settings = load(derived("REDSHIFT_CLUSTER_IDENTIFIER", "analytics-cluster",
                "REDSHIFT_REGION_CLUSTER", "eu-west-1", "AWS_REGION", "ap-southeast-2"));
        assertEquals("jdbc:redshift:iam://analytics-cluster:eu-west-1/dev", settings.jdbcUrl());
    }

    @Test
    void derivingWithoutAnyRegionIsRefusedNamingTheRegionSetting() {
        refused(derived("REDSHIFT_CLUSTER_IDENTIFIER", "analytics-cluster"), "REDSHIFT_REGION_CLUSTER");
    }

    @Test
    void aClusterWithoutADatabaseUserIsRefusedAtStartNamingTheUserSetting() {
        Map<String, String> env = derived("REDSHIFT_CLUSTER_IDENTIFIER", "analytics-cluster", "REDSHIFT_REGION_CLUSTER", "eu-west-1");
        env.remove("REDSHIFT_DBUSER");
        assertTrue(refused(env, "REDSHIFT_DBUSER").contains("REDSHIFT_CLUSTER_IDENTIFIER"));
    }

    @Test
    void anExplicitIamUrlLeavesTheDatabaseUserToTheUrl() {
        Map<String, String> env = with("REDSHIFT_JDBC_URL", "jdbc:redshift:iam://analytics:eu-west-1/dev?DbUser=loader");
        env.put("REDSHIFT_CLUSTER_IDENTIFIER", "analytics");
        assertEquals(Optional.empty(), load(env).dbUser());
    }

    @Test
    void autoCreateAndDbGroupsAreUnsetUnlessGiven() {
        LoaderSettings settings = load(derived("REDSHIFT_CLUSTER_IDENTIFIER", "analytics", "AWS_REGION", "eu-west-1"));
        assertEquals(Optional.empty(), settings.dbAutoCreate());
        assertEquals(Optional.empty(), settings.dbGroups());
    }

    @Test
    void autoCreateIsABooleanAndDbGroupsACommaSeparatedList() {
        LoaderSettings settings = load(derived("REDSHIFT_CLUSTER_IDENTIFIER", "analytics", "AWS_REGION", "eu-west-1",
                "REDSHIFT_AUTO_CREATE", "yes", "REDSHIFT_DB_GROUPS", " etl , loaders"));
        assertEquals(Optional.of(true), settings.dbAutoCreate());
        assertEquals(Optional.of("etl,loaders"), settings.dbGroups(), "the driver splits on commas and keeps spaces");
        assertEquals(Optional.of(false), load(derived("REDSHIFT_CLUSTER_IDENTIFIER", "analytics", "AWS_REGION", "eu-west-1",
                "REDSHIFT_AUTO_CREATE", "false")).dbAutoCreate());
    }

    @Test
    void anAutoCreateThatIsNotABooleanOrAnEmptyGroupNameIsRefused() {
        refused(derived("REDSHIFT_CLUSTER_IDENTIFIER", "analytics", "AWS_REGION", "eu-west-1", "REDSHIFT_AUTO_CREATE", "maybe"),
                "REDSHIFT_AUTO_CREATE");
        for (String groups : new String[] {"etl,,loaders", "etl,", ","}) {
            refused(derived("REDSHIFT_CLUSTER_IDENTIFIER", "analytics", "AWS_REGION", "eu-west-1", "REDSHIFT_DB_GROUPS", groups),
                    "REDSHIFT_DB_GROUPS");
        }
    }

    @Test
    void noJdbcUrlAndNothingToDeriveItFromIsRefused() {
        refused(derived("REDSHIFT_REGION_CLUSTER", "eu-west-1"), "REDSHIFT_JDBC_URL");
    }

    @Test
    void anExplicitJdbcUrlWinsOverTheClusterSettings() {
        Map<String, String> env = with("REDSHIFT_JDBC_URL", "jdbc:redshift://host.example:5439/dev");
        env.put("REDSHIFT_CLUSTER_IDENTIFIER", "analytics-cluster");
        env.put("REDSHIFT_REGION_CLUSTER", "eu-west-1");
        assertEquals("jdbc:redshift://host.example:5439/dev", load(env).jdbcUrl());
    }

    @Test
    void everyContractJdbcSchemeIsAccepted() {
        for (String url : new String[] {"jdbc:redshift://h:5439/dev", "jdbc:redshift:iam://c:eu-west-1/dev",
                "jdbc:postgresql://h/dev?sslmode=verify-full", "jdbc:postgresql://127.0.0.1/dev"}) {
            assertEquals(url, load(with("REDSHIFT_JDBC_URL", url)).jdbcUrl());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:redshift://127.0.0.1:15439/postgres?ssl=false",
            "jdbc:redshift://localhost:15439/postgres;ssl=false",
            "jdbc:redshift://[::1]:15439/postgres?ssl=false",
            "jdbc:postgresql://localhost/postgres?sslmode=disable"})
    void tlsMayBeOffForAStandInOnThisMachine(String url) {
        assertEquals(url, load(with("REDSHIFT_JDBC_URL", url)).jdbcUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:redshift://analytics.abc.eu-west-1.redshift.amazonaws.com:5439/dev?ssl=false",
            "jdbc:redshift://10.0.0.7:5439/dev;SSL=no",
            "jdbc:redshift://127.0.0.1.nip.io:5439/dev?ssl=false",
            "jdbc:postgresql://db.example.com:5432/postgres",
            "jdbc:postgresql://db.example.com:5432/postgres?sslmode=prefer",
            "jdbc:postgresql://127.0.0.1:5432,db.example.com:5432/postgres"})
    void tlsOffForAnotherMachineIsRefusedNamingTheUrlSetting(String url) {
        String message = refused(with("REDSHIFT_JDBC_URL", url), "REDSHIFT_JDBC_URL");
        assertTrue(message.contains("TLS"), message);
    }

    @Test
    void theTlsRefusalNamesTheHostButNeverTheUrlsCredentials() {
        String message = refused(with("REDSHIFT_JDBC_URL", "jdbc:redshift://10.0.0.7:5439/dev?ssl=false&user=loader&PWD=" + SECRET),
                "REDSHIFT_JDBC_URL");
        assertTrue(message.contains("10.0.0.7"), message);
        assertFalse(message.contains(SECRET), message);
    }

    @Test
    void anUnsupportedJdbcUrlIsRefusedWithoutEchoingIt() {
        String message = refused(with("REDSHIFT_JDBC_URL", "jdbc:mysql://h/dev?password=" + SECRET), "REDSHIFT_JDBC_URL");
        assertFalse(message.contains(SECRET), message);
    }

    @Test
    void aPrefixWithoutTrailingSlashGetsOne() {
        LoaderSettings settings = load(with("S3_PREFIX", "landing"));
        assertEquals("landing/", settings.prefix());
    }

    @Test
    void aPrefixStartingWithSlashIsRefused() {
        refused(with("S3_PROCESSED_PREFIX", "/processed/"), "S3_PROCESSED_PREFIX");
    }

    @Test
    void aDestinationPrefixInsideThePolledPrefixIsRefused() {
        String message = refused(with("S3_PROCESSED_PREFIX", "incoming/done/"), "S3_PROCESSED_PREFIX");
        assertTrue(message.contains("S3_PREFIX"), message);
    }

    @Test
    void aPolledPrefixInsideADestinationPrefixIsRefused() {
        refused(with("S3_PREFIX", "failed/retry/"), "S3_FAILED_PREFIX");
    }

    @Test
    void aDestinationPrefixEqualToThePolledPrefixIsRefused() {
        refused(with("S3_REJECTED_PREFIX", "incoming"), "S3_REJECTED_PREFIX");
    }

    @Test
    void siblingPrefixesSharingLeadingLettersAreAccepted() {
        Map<String, String> env = with("S3_PREFIX", "data/in");
        env.put("S3_PROCESSED_PREFIX", "data/in-done/");
        LoaderSettings settings = load(env);
        assertEquals("data/in/", settings.prefix());
        assertEquals("data/in-done/", settings.processedPrefix());
    }

    @Test
    void toStringNeverShowsThePassword() {
        Map<String, String> env = with("REDSHIFT_JDBC_URL", "jdbc:postgresql://localhost:5432/dev?user=loader&password=" + SECRET + "&ssl=true");
        env.put("REDSHIFT_PASSWORD", SECRET);
        LoaderSettings settings = load(env);
        // The secret is loaded, so its absence below is the mask at work, not a missing value.
        assertEquals(Optional.of(SECRET), settings.dbPassword());
        String text = settings.toString();
        assertFalse(text.contains(SECRET), text);
        assertTrue(text.contains("jdbc:postgresql://localhost:5432/dev"), text);
    }

    @Test
    void toStringMasksAPasswordInASemicolonSeparatedRedshiftUrl() {
        LoaderSettings settings = load(with("REDSHIFT_JDBC_URL", "jdbc:redshift://h:5439/dev;UID=loader;Password=" + SECRET + ";ssl=true"));
        assertFalse(settings.toString().contains(SECRET), settings.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:redshift://h:5439/dev;UID=loader;PWD=%s",
            "jdbc:redshift:iam://h:5439/dev?AccessKeyID=AKIA1;SecretAccessKey=%s;SessionToken=%s",
            "jdbc:redshift://h:5439/dev?plugin_name=x&Client_Secret=%s&ssl=true",
            "jdbc:redshift://h:5439/dev?webIdentityToken=%s"})
    void toStringMasksEveryCredentialTheRedshiftDriverReadsFromTheUrl(String template) {
        String url = template.replace("%s", SECRET);
        LoaderSettings settings = load(with("REDSHIFT_JDBC_URL", url));
        assertFalse(settings.toString().contains(SECRET), settings.toString());
        assertTrue(settings.toString().contains("jdbc:redshift"), settings.toString());
    }

    @Test
    void aServiceEndpointWinsOverTheCommonOneForThatServiceOnly() {
        Map<String, String> env = with("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
        env.put("AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:9911");
        LoaderSettings settings = load(env);
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4566")), settings.s3EndpointUrl());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9911")), settings.snsEndpointUrl());
    }

    @Test
    void aServiceEndpointThatIsNotAUrlIsRefusedByItsOwnName() {
        refused(with("AWS_ENDPOINT_URL_S3", "localhost"), "AWS_ENDPOINT_URL_S3");
    }

    @Test
    void healthAndMetricsAreServedOnPort8080AndZeroTurnsThemOff() {
        assertEquals(8080, load(minimal()).httpPort());
        assertTrue(load(minimal()).httpEnabled());
        assertEquals(9090, load(with("LOADER_HTTP_PORT", "9090")).httpPort());
        assertFalse(load(with("LOADER_HTTP_PORT", "0")).httpEnabled());
        refused(with("LOADER_HTTP_PORT", "65536"), "LOADER_HTTP_PORT");
        refused(with("LOADER_HTTP_PORT", "http"), "LOADER_HTTP_PORT");
    }

    @Test
    void logsAreTextUnlessJsonIsAsked() {
        assertEquals(LoaderSettings.LogFormat.TEXT, load(minimal()).logFormat());
        assertEquals(LoaderSettings.LogFormat.JSON, load(with("LOADER_LOG_FORMAT", "json")).logFormat());
        assertEquals(LoaderSettings.LogFormat.JSON, load(with("LOADER_LOG_FORMAT", "JSON")).logFormat());
        String message = refused(with("LOADER_LOG_FORMAT", "xml"), "LOADER_LOG_FORMAT");
        assertTrue(message.contains("'xml'"), message);
    }

    @Test
    void progressIsLoggedEveryFiveSecondsAndZeroTurnsItOff() {
        assertEquals(java.time.Duration.ofSeconds(5), load(minimal()).progressInterval());
        assertTrue(load(minimal()).progressEnabled());
        assertEquals(java.time.Duration.ofMillis(250), load(with("LOADER_PROGRESS_INTERVAL_MS", "250")).progressInterval());
        assertFalse(load(with("LOADER_PROGRESS_INTERVAL_MS", "0")).progressEnabled());
        refused(with("LOADER_PROGRESS_INTERVAL_MS", "-1"), "LOADER_PROGRESS_INTERVAL_MS");
    }

    @Test
    void objectsOverJustUnderFiveGibibytesAreCopiedInPartsAndTheThresholdStaysWithinWhatS3Allows() {
        assertEquals(5_000L * 1024 * 1024, load(minimal()).multipartCopyThreshold());
        assertEquals(5L * 1024 * 1024, load(with("LOADER_MULTIPART_COPY_THRESHOLD_MB", "5")).multipartCopyThreshold());
        assertEquals(5L * 1024 * 1024 * 1024, load(with("LOADER_MULTIPART_COPY_THRESHOLD_MB", "5120")).multipartCopyThreshold());
        refused(with("LOADER_MULTIPART_COPY_THRESHOLD_MB", "4"), "LOADER_MULTIPART_COPY_THRESHOLD_MB");
        String message = refused(with("LOADER_MULTIPART_COPY_THRESHOLD_MB", "5121"), "LOADER_MULTIPART_COPY_THRESHOLD_MB");
        assertTrue(message.contains("5..5120"), message);
        refused(with("LOADER_MULTIPART_COPY_THRESHOLD_MB", "5GB"), "LOADER_MULTIPART_COPY_THRESHOLD_MB");
    }

    @Test
    void routeFilesAreReloadedWhenEditedUnlessTurnedOff() {
        assertTrue(load(minimal()).routesReload());
        assertFalse(load(with("LOADER_ROUTES_RELOAD", "false")).routesReload());
        refused(with("LOADER_ROUTES_RELOAD", "sometimes"), "LOADER_ROUTES_RELOAD");
    }

    @Test
    void redshiftCopiesFromS3OnlyWithARoleAndStagesUnderItsOwnPrefix() {
        assertTrue(load(derived("REDSHIFT_CLUSTER_IDENTIFIER", "analytics", "AWS_REGION", "eu-west-1")).s3Copy().isEmpty(), "off by default");
        String role = "arn:aws:iam::123456789012:role/redshift-copy";
        S3CopySettings copy = load(derived("REDSHIFT_CLUSTER_IDENTIFIER", "analytics", "AWS_REGION", "eu-west-1", "REDSHIFT_COPY_IAM_ROLE", role))
                .s3Copy().orElseThrow();
        assertEquals(new S3CopySettings(role, "staging/", 4, 64L * 1024 * 1024, Optional.empty()), copy);
        assertEquals(new S3CopySettings(role, "loader/parts/", 8, 1024L * 1024 * 1024, Optional.of("ap-southeast-2")), load(derived(
                "REDSHIFT_CLUSTER_IDENTIFIER", "analytics", "AWS_REGION", "eu-west-1", "REDSHIFT_COPY_IAM_ROLE", role, "LOADER_STAGING_PREFIX",
                "loader/parts", "LOADER_STAGING_PARTS", "8", "LOADER_STAGING_PART_MB", "1024", "REDSHIFT_COPY_REGION", "ap-southeast-2"))
                .s3Copy().orElseThrow());
    }

    @Test
    void aCopyRoleThatIsNotARoleArnOrCouldBreakTheStatementIsRefused() {
        for (String role : new String[] {"redshift-copy", "arn:aws:iam::123456789012:user/me", "arn:aws:iam::123456789012:role/x' CREDENTIALS 'y"}) {
            refused(derived("REDSHIFT_CLUSTER_IDENTIFIER", "analytics", "AWS_REGION", "eu-west-1", "REDSHIFT_COPY_IAM_ROLE", role),
                    "REDSHIFT_COPY_IAM_ROLE");
        }
        assertTrue(refused(with("REDSHIFT_COPY_IAM_ROLE", "arn:aws:iam::123456789012:role/redshift-copy"), "REDSHIFT_COPY_IAM_ROLE")
                .contains("PostgreSQL"), "a PostgreSQL target cannot COPY from S3");
    }

    @Test
    void aStagingPrefixThatOverlapsTheIncomingPrefixOrHoldsAQuoteIsRefused() {
        String role = "arn:aws:iam::123456789012:role/redshift-copy";
        for (String prefix : new String[] {"incoming/staging/", "staging'/", "stage\\x/"}) {
            refused(derived("REDSHIFT_CLUSTER_IDENTIFIER", "analytics", "AWS_REGION", "eu-west-1", "REDSHIFT_COPY_IAM_ROLE", role,
                    "LOADER_STAGING_PREFIX", prefix), "LOADER_STAGING_PREFIX");
        }
        refused(derived("REDSHIFT_CLUSTER_IDENTIFIER", "analytics", "AWS_REGION", "eu-west-1", "REDSHIFT_COPY_IAM_ROLE", role,
                "LOADER_STAGING_PARTS", "0"), "LOADER_STAGING_PARTS");
        for (String region : new String[] {"EU", "eu-west-1' CREDENTIALS 'x", "us_east_1"}) {
            refused(derived("REDSHIFT_CLUSTER_IDENTIFIER", "analytics", "AWS_REGION", "eu-west-1", "REDSHIFT_COPY_IAM_ROLE", role,
                    "REDSHIFT_COPY_REGION", region), "REDSHIFT_COPY_REGION");
        }
        // AWS's guidance: parts of 1 MB to 1 GB after compression.
        for (String size : new String[] {"0", "1025"}) {
            refused(derived("REDSHIFT_CLUSTER_IDENTIFIER", "analytics", "AWS_REGION", "eu-west-1", "REDSHIFT_COPY_IAM_ROLE", role,
                    "LOADER_STAGING_PART_MB", size), "LOADER_STAGING_PART_MB");
        }
    }

    @Test
    void pollingIsTheDefaultAndAQueueUrlSwitchesToTheQueue() {
        assertFalse(load(minimal()).queueMode());
        LoaderSettings settings = load(with("LOADER_SQS_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/csv-events"));
        assertTrue(settings.queueMode());
        assertEquals(Optional.of(URI.create("https://sqs.eu-west-1.amazonaws.com/123456789012/csv-events")), settings.queueUrl());
    }

    @Test
    void aQueueUrlThatIsNotAUrlIsRefused() {
        refused(with("LOADER_SQS_QUEUE_URL", "csv-events"), "LOADER_SQS_QUEUE_URL");
    }

    @Test
    void runOnceWithAQueueIsRefusedNamingRunOnce() {
        Map<String, String> env = with("LOADER_SQS_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/csv-events");
        env.put("LOADER_RUN_ONCE", "true");
        refused(env, "LOADER_RUN_ONCE");
    }

    @Test
    void theSqsEndpointFollowsTheSdkVariables() {
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4566")), load(with("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")).sqsEndpointUrl());
        Map<String, String> env = with("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
        env.put("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9324");
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9324")), load(env).sqsEndpointUrl());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4566")), load(env).s3EndpointUrl());
        refused(with("AWS_ENDPOINT_URL_SQS", "localhost"), "AWS_ENDPOINT_URL_SQS");
    }

    @Test
    void visibilityTimeoutIsTwoMinutesInWholeSecondsWithinSqsLimits() {
        assertEquals(Duration.ofSeconds(120), load(minimal()).queueVisibilityTimeout());
        assertEquals(Duration.ofSeconds(900), load(with("LOADER_SQS_VISIBILITY_TIMEOUT_SECONDS", "900")).queueVisibilityTimeout());
        refused(with("LOADER_SQS_VISIBILITY_TIMEOUT_SECONDS", "1"), "LOADER_SQS_VISIBILITY_TIMEOUT_SECONDS");
        refused(with("LOADER_SQS_VISIBILITY_TIMEOUT_SECONDS", "43201"), "LOADER_SQS_VISIBILITY_TIMEOUT_SECONDS");
    }

    @Test
    void oneFileAtATimeUnlessMoreAreAllowed() {
        assertEquals(1, load(minimal()).concurrentFiles());
        assertEquals(4, load(with("LOADER_CONCURRENT_FILES", "4")).concurrentFiles());
        refused(with("LOADER_CONCURRENT_FILES", "0"), "LOADER_CONCURRENT_FILES");
    }

    @Test
    void everyMissingOrInvalidSettingIsReportedAtOnceOneLineEach() {
        Map<String, String> env = new HashMap<>();
        env.put("MAX_REJECTED_ROWS", "lots");
        env.put("LOADER_HTTP_PORT", "99999");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(env));
        assertEquals(java.util.List.of("AWS_BUCKET_NAME: required but not set", "ARN_SNS_URL_IN_AWS: required but not set",
                "REDSHIFT_JDBC_URL: not set, and neither REDSHIFT_CLUSTER_IDENTIFIER nor REDSHIFT_WORKGROUP is set to derive it from",
                "MAX_REJECTED_ROWS: 'lots' is not a whole number", "LOADER_HTTP_PORT: 99999 is outside 0..65535"), e.problems());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:notaport/db", "jdbc:postgresql://127.0.0.1:0/db",
            "jdbc:redshift://127.0.0.1:65536/dev?ssl=false", "jdbc:postgresql://127.0.0.1:5432,127.0.0.2:x/db"})
    void aJdbcUrlWithABadPortIsRefusedNamingTheSetting(String url) {
        assertTrue(refused(with("REDSHIFT_JDBC_URL", url), "REDSHIFT_JDBC_URL").contains("is not a number from 1 to 65535"));
    }

    @Test
    void anIamUrlsRegionInThePortsPlaceIsNoPort() {
        assertEquals("jdbc:redshift:iam://my-cluster:us-east-1/dev",
                load(derived("REDSHIFT_CLUSTER_IDENTIFIER", "my-cluster", "REDSHIFT_REGION_CLUSTER", "us-east-1")).jdbcUrl());
        load(with("REDSHIFT_JDBC_URL", "jdbc:redshift:iam://my-cluster:us-east-1/dev"));
    }

    @Test
    void aRouteFileThatDoesNotExistIsRefusedBeforeAnythingStarts() {
        assertEquals("LOADER_ROUTES: routes/lodaer.yaml does not exist",
                refused(with("LOADER_ROUTES", "file:routes/lodaer.yaml,file:routes/filter.yaml"), "LOADER_ROUTES"));
        assertEquals("file:routes/load-file.yaml, file:routes/filter.yaml",
                load(with("LOADER_ROUTES", "file:routes/load-file.yaml, file:routes/filter.yaml")).routes());
        assertEquals("file:routes/*.yaml", load(minimal()).routes());
    }

    @Test
    void theShutdownTimeoutIsTwentyFiveSecondsBelowTheUsualThirtySecondGracePeriod() {
        assertEquals(Duration.ofSeconds(25), load(minimal()).shutdownTimeout());
        assertEquals(Duration.ofMillis(1500), load(with("LOADER_SHUTDOWN_TIMEOUT_MS", "1500")).shutdownTimeout());
        refused(with("LOADER_SHUTDOWN_TIMEOUT_MS", "0"), "LOADER_SHUTDOWN_TIMEOUT_MS");
    }
}
