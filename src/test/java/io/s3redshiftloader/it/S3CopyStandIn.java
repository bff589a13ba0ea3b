package io.s3redshiftloader.it;

import io.s3redshiftloader.warehouse.RedshiftS3Copy;
import io.s3redshiftloader.warehouse.StageCopy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * Plays Redshift's {@code COPY … FROM 's3://…' CSV GZIP EMPTYASNULL} where there is only PostgreSQL: records the exact
 * statement the loader would run, reads every object under the load's folder in the emulator as Redshift would, and
 * inserts its rows into the stage on the publishing connection, inside the same transaction. Unquoted empty fields are
 * NULL, quoted ones empty text. It can also refuse, as a COPY Redshift rejects would.
 */
final class S3CopyStandIn implements StageCopy {
    private static final CSVFormat STAGED = CSVFormat.RFC4180.builder().setNullString("").setQuoteMode(QuoteMode.ALL_NON_NULL).get();

    private final RedshiftS3Copy real;
    private final String bucket;
    private final String stage;
    private final String refusal;
    private final List<String> statements = Collections.synchronizedList(new ArrayList<>());
    /** Per object key found at COPY time, the CSV lines it held (unzipped). */
    private final Map<String, List<String>> copiedObjects = Collections.synchronizedMap(new LinkedHashMap<>());

    /**
     * @param refusal when not null, every COPY fails with this message after reading the parts
     */
    S3CopyStandIn(RedshiftS3Copy real, String bucket, String stage, String refusal) {
        this.real = real;
        this.bucket = bucket;
        this.stage = stage;
        this.refusal = refusal;
    }

    List<String> statements() {
        return List.copyOf(statements);
    }

    Map<String, List<String>> copiedObjects() {
        return Map.copyOf(copiedObjects);
    }

    @Override
    public void copy(Connection connection, String loadId, List<String> columns) throws SQLException {
        statements.add(real.statement(loadId, columns));
        List<String> types = stageTypes(connection, columns);
        String insert = "INSERT INTO " + stage + " (" + String.join(", ", columns) + ", loader_load_id, loader_chunk, loader_staged_at) VALUES ("
                + types.stream().map(type -> "CAST(CAST(? AS VARCHAR) AS " + type + ")").collect(Collectors.joining(", ")) + ", ?, CAST(CAST(? AS VARCHAR) AS INTEGER), CAST(CAST(? AS VARCHAR) AS TIMESTAMP))";
        for (String key : TestStack.aws().listKeys(bucket, real.folder(loadId))) {
            byte[] gzip = TestStack.aws().s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
            copiedObjects.put(key, unzipped(gzip).lines().toList());
            try (PreparedStatement rows = connection.prepareStatement(insert);
                    CSVParser parser = CSVParser.parse(unzipped(gzip), STAGED)) {
                for (CSVRecord record : parser) {
                    for (int i = 0; i < record.size(); i++) {
                        rows.setString(i + 1, record.get(i));
                    }
                    rows.addBatch();
                }
                rows.executeBatch();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (refusal != null) {
            throw new SQLException(refusal);
        }
    }

    /** Each column's full type, e.g. character(3), so a value is cast as Redshift's COPY would convert it. */
    private List<String> stageTypes(Connection connection, List<String> columns) throws SQLException {
        List<String> types = new ArrayList<>();
        for (String column : columns) {
            try (PreparedStatement type = connection.prepareStatement(
                    "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = CAST(? AS regclass) AND attname = ?")) {
                type.setString(1, stage);
                type.setString(2, column);
                try (ResultSet result = type.executeQuery()) {
                    result.next();
                    types.add(result.getString(1));
                }
            }
        }
        return types;
    }

    private static String unzipped(byte[] gzip) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
