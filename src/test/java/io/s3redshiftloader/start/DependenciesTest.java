package io.s3redshiftloader.start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import io.s3redshiftloader.config.LoaderSettings;
import io.s3redshiftloader.config.SettingsSource;
import io.s3redshiftloader.load.ErrorSentences;
import io.s3redshiftloader.warehouse.Dialect;
import io.s3redshiftloader.schema.TableName;
import io.s3redshiftloader.schema.TableSchema;
import io.s3redshiftloader.warehouse.WarehouseDataSource;
import io.s3redshiftloader.warehouse.WarehouseSchema;
import java.net.ConnectException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class DependenciesTest {
    private static final ErrorSentences ERRORS = new ErrorSentences(List.of("s3cr3t-pw"));
    private static final TableSchema SCHEMA = new TableSchema(TableName.parse("public.t"), List.of());

    @Test
    void aServiceWaitsThroughFailedAttemptsUntilBothAnswer() throws Exception {
        AtomicInteger s3Calls = new AtomicInteger();
        AtomicInteger databaseCalls = new AtomicInteger();
        Dependencies dependencies = new Dependencies(() -> {
            if (s3Calls.incrementAndGet() < 3) {
                throw SdkClientException.create("Unable to execute HTTP request", new ConnectException("Connection refused"));
            }
        }, "s3://b/incoming/", () -> {
            if (databaseCalls.incrementAndGet() < 3) {
                throw new SQLException("gone", "08001");
            }
            return SCHEMA;
        }, "db:5439", ERRORS);

        assertSame(SCHEMA, dependencies.await(-1, Duration.ZERO));
        assertEquals(5, s3Calls.get());
        assertEquals(3, databaseCalls.get());
    }

    @Test
    void runOnceGivesUpAfterItsRetriesNamingTheEndpointAndTheCause() {
        AtomicInteger calls = new AtomicInteger();
        Dependencies dependencies = new Dependencies(() -> {
            calls.incrementAndGet();
            throw SdkClientException.create("Unable to execute HTTP request: Connect to 127.0.0.1:9 failed", new ConnectException());
        }, "s3://b/incoming/ (http://127.0.0.1:9)", () -> SCHEMA, "db:5439", ERRORS);

        Dependencies.Unavailable e = assertThrows(Dependencies.Unavailable.class, () -> dependencies.await(2, Duration.ZERO));
        assertEquals("Gave up after 3 attempt(s) to start: S3 at s3://b/incoming/ (http://127.0.0.1:9) did not answer: connection refused",
                e.getMessage());
        assertEquals(3, calls.get());
    }

    /** The pool's "Connection is not available, request timed out" hides the driver's reason: the message gives that reason. */
    @Test
    void aDatabaseThatRefusesIsSaidToRefuseWithItsHostAndPort() throws Exception {
        LoaderSettings settings = LoaderSettings.load(new SettingsSource(Map.of("AWS_BUCKET_NAME", "b",
                "ARN_SNS_URL_IN_AWS", "arn:aws:sns:us-east-1:123456789012:loads", "REDSHIFT_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/db",
                "REDSHIFT_PASSWORD", "s3cr3t-pw", "LOADER_DB_CONNECT_TIMEOUT_MS", "500"), new Properties()));
        try (HikariDataSource pool = WarehouseDataSource.create(settings.warehouseConnection())) {
            WarehouseSchema schema = new WarehouseSchema(pool, Dialect.forJdbcUrl(settings.jdbcUrl()), settings.table());
            Dependencies dependencies = new Dependencies(() -> { }, "s3://b/incoming/",
                    () -> schema.prepare(true, Path.of("config/ddl/transactions.sql")), "127.0.0.1:1", ERRORS);

            Dependencies.Unavailable e = assertThrows(Dependencies.Unavailable.class, () -> dependencies.await(0, Duration.ZERO));
            assertEquals("Gave up after 1 attempt(s) to start: the database at 127.0.0.1:1 did not answer: connection refused", e.getMessage());
        }
    }

    @Test
    void aCauseThatIsNoNetworkFaultIsTheDriversOwnLine() {
        SQLException driver = new SQLException("FATAL: password authentication failed for user \"loader\"\n  detail", "28P01");
        assertEquals("FATAL: password authentication failed for user \"loader\"",
                Dependencies.cause(new SQLException("pool: Connection is not available", "08001", driver)));
    }
}
