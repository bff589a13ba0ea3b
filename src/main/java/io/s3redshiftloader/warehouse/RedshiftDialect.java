package io.s3redshiftloader.warehouse;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Amazon Redshift. With REDSHIFT_COPY_IAM_ROLE a file's rows go as gzip CSV parts to S3 and one
 * {@code COPY … MANIFEST} loads them; without it they go in by multi-row INSERTs, about 1,000 rows/s there. Redshift
 * takes a transaction's snapshot at its first statement that reads or writes, not at {@code LOCK}, so the ledger is
 * locked and checked first, before any row is written.
 */
final class RedshiftDialect extends Dialect {
    private final int insertRows;
    private final Optional<S3Staging> s3Staging;

    RedshiftDialect(int insertRows, Optional<S3Staging> s3Staging) {
        this.insertRows = insertRows;
        this.s3Staging = s3Staging;
    }

    @Override
    public String driverClassName() {
        return "com.amazon.redshift.Driver";
    }

    @Override
    public Map<String, String> connectionProperties(JdbcUrl url) {
        // The driver turns a batch of INSERTs into multi-row INSERTs.
        if (url.plainTextOnLoopback()) {
            // A stand-in on this machine reached with ssl=false: the driver refuses to connect when an sslmode comes with it.
            return Map.of("reWriteBatchedInserts", "true");
        }
        // TLS with the host name checked against the certificate, whatever the driver version's default: 2.3.0
        // checks it by default, 2.2 and earlier only verify the certificate.
        return Map.of("ssl", "true", "sslmode", "verify-full", "reWriteBatchedInserts", "true");
    }

    @Override
    public boolean copiesFromS3() {
        return true;
    }

    @Override
    public TableLoad newLoad(LoadTransaction transaction, TableName target, List<Column> columns) {
        return s3Staging.<TableLoad>map(staging -> new RedshiftCopyLoad(transaction, staging, this, target, columns))
                .orElseGet(() -> new RedshiftInsertLoad(transaction, insert(target, names(columns)), columns, insertRows));
    }

    @Override
    public Optional<String> loadWarning() {
        return s3Staging.isPresent() ? Optional.empty()
                : Optional.of("REDSHIFT_COPY_IAM_ROLE is not set: rows go into Redshift by multi-row INSERT, about 1,000 rows"
                        + " a second; set it to load by COPY from S3");
    }

    /**
     * Redshift sets its isolation per database: SERIALIZABLE on provisioned clusters, SNAPSHOT ISOLATION on Serverless.
     * Both take the snapshot at the first statement that reads or writes. The connection asks for REPEATABLE READ,
     * snapshot isolation, the weaker of the two, which the lock order is built for; on the PostgreSQL stand-in it
     * behaves as Redshift's SNAPSHOT ISOLATION does.
     */
    @Override
    public int isolationLevel() {
        return Connection.TRANSACTION_REPEATABLE_READ;
    }

    @Override
    public boolean locksLedgerBeforeRows() {
        return true;
    }

    @Override
    public boolean longerThan(String value, int maxLength) {
        // Redshift VARCHAR(n) and CHAR(n) count bytes, not characters. A UTF-16 char takes at most 3 UTF-8 bytes,
        // so most values fit without being encoded.
        return value.length() * 3L > maxLength && value.getBytes(StandardCharsets.UTF_8).length > maxLength;
    }

    @Override
    public String lengthUnit() {
        return "bytes";
    }

    /**
     * The load of one file's parts, listed in a manifest. COPY takes no bound parameters, so the URI, role and region
     * are literals: the settings that make them allow no quote or backslash, and the load id is a UUID.
     */
    String copyFromManifest(TableName target, List<String> columns, String manifestUri, String iamRole, Optional<String> region) {
        for (String literal : List.of(manifestUri, iamRole, region.orElse(""))) {
            if (literal.indexOf('\'') >= 0 || literal.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("A COPY literal may not hold a quote or backslash: " + literal);
            }
        }
        return "COPY " + target + " (" + quoted(columns) + ") FROM '" + manifestUri + "' IAM_ROLE '" + iamRole + "' MANIFEST"
                + " FORMAT AS CSV GZIP EMPTYASNULL" + region.map(name -> " REGION '" + name + "'").orElse("")
                + " COMPUPDATE OFF STATUPDATE OFF";
    }
}
