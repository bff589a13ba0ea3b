package io.s3redshiftloader.warehouse;

import io.s3redshiftloader.schema.Column;
import io.s3redshiftloader.schema.TableName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Redshift's way in: the file's rows become gzip CSV parts on local disk while it is read; at the commit they are
 * uploaded under the load's folder of the staging prefix with a manifest that lists exactly them, and one
 * {@code COPY … MANIFEST} loads them inside the file's transaction, after the ledger lock and check. The count COPY
 * reports must be the count written. The uploaded objects are deleted once the load has ended, either way.
 */
final class RedshiftCopyLoad implements TableLoad {
    private static final Logger LOG = LoggerFactory.getLogger(RedshiftCopyLoad.class);

    private final LoadTransaction transaction;
    private final S3Staging staging;
    private final RedshiftDialect dialect;
    private final TableName target;
    private final List<Column> columns;
    private final List<String> uploaded = new ArrayList<>();
    private StagingParts parts;
    private long written;
    private boolean closed;

    RedshiftCopyLoad(LoadTransaction transaction, S3Staging staging, RedshiftDialect dialect, TableName target, List<Column> columns) {
        this.transaction = transaction;
        this.staging = staging;
        this.dialect = dialect;
        this.target = target;
        this.columns = columns;
    }

    @Override
    public synchronized void write(List<Object[]> rows) throws SQLException {
        if (closed) {
            return;
        }
        try {
            if (parts == null) {
                parts = new StagingParts(transaction.entry().loadId(), staging.partsPerGroup(), staging.partBytes(),
                        staging.temporaryDirectory());
            }
            parts.write(columns, rows);
        } catch (IOException e) {
            // A part holding half a chunk cannot be repaired in a gzip stream: the file is loaded again from the start.
            throw new SQLException("Writing the staged parts failed: " + e.getMessage(), e);
        }
        written += rows.size();
    }

    @Override
    public synchronized Optional<String> commit() throws SQLException {
        if (written == 0) {
            return transaction.commit(0);
        }
        String manifestKey = upload();
        Connection connection = transaction.connection();
        if (transaction.earlierLoad().isEmpty()) {
            List<String> names = Dialect.names(columns);
            String manifestUri = "s3://" + staging.bucket() + "/" + manifestKey;
            S3Copy.Request copy = new S3Copy.Request(target, names, staging.bucket(), manifestKey,
                    dialect.copyFromManifest(target, names, manifestUri, staging.iamRole(), staging.region().get()));
            long copied = staging.copy().copy(connection, copy);
            if (copied != written) {
                throw new IllegalStateException("COPY loaded " + copied + " rows where " + written + " were staged; nothing was loaded.");
            }
        }
        return transaction.commit(written);
    }

    /** Uploads the parts, then the manifest naming exactly them (mandatory: COPY fails if one is missing). */
    private String upload() throws SQLException {
        String folder = staging.folder(transaction.entry().loadId());
        StringBuilder manifest = new StringBuilder("{\"entries\":[");
        try {
            for (Path part : parts.finish()) {
                String key = folder + part.getFileName();
                staging.s3().putObject(put -> put.bucket(staging.bucket()).key(key), RequestBody.fromFile(part));
                uploaded.add(key);
                manifest.append(uploaded.size() > 1 ? "," : "").append("{\"url\":\"s3://").append(staging.bucket()).append('/').append(key)
                        .append("\",\"mandatory\":true,\"meta\":{\"content_length\":").append(Files.size(part)).append("}}");
            }
        } catch (IOException e) {
            throw new SQLException("Finishing the staged parts failed: " + e.getMessage(), e);
        }
        String manifestKey = folder + "manifest.json";
        staging.s3().putObject(put -> put.bucket(staging.bucket()).key(manifestKey).contentType("application/json"),
                RequestBody.fromString(manifest.append("]}").toString(), StandardCharsets.UTF_8));
        uploaded.add(manifestKey);
        return manifestKey;
    }

    @Override
    public synchronized void close() throws SQLException {
        closed = true;
        try {
            transaction.close();
        } finally {
            for (String key : uploaded) {
                try {
                    staging.s3().deleteObject(delete -> delete.bucket(staging.bucket()).key(key));
                } catch (RuntimeException e) {
                    LOG.warn("Could not delete the staged object {} ({}); a lifecycle rule on the staging prefix removes it",
                            key, e.getClass().getSimpleName());
                }
            }
            uploaded.clear();
            if (parts != null) {
                parts.close();
            }
        }
    }
}
