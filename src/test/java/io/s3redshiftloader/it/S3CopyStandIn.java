package io.s3redshiftloader.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.s3redshiftloader.warehouse.S3Copy;
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
 * Plays Redshift's {@code COPY … MANIFEST FORMAT AS CSV GZIP EMPTYASNULL} where there is only PostgreSQL: records the
 * exact statement the loader would run, reads the manifest and every part it lists from the emulator as Redshift
 * would (a listed part that is missing fails the COPY: every entry is mandatory), and inserts the rows into the target
 * on the load's own connection, inside its transaction. Unquoted empty fields are NULL, quoted ones empty text. It
 * returns the count COPY would report, can lose a row as a faulty COPY would, and can refuse.
 */
final class S3CopyStandIn implements S3Copy {
    /** Starts every statement the stand-in itself sends, so a capture of the loader's statements can leave them out. */
    static final String MARK = "/* stand-in for COPY */ ";
    private static final CSVFormat STAGED = CSVFormat.RFC4180.builder().setNullString("").setQuoteMode(QuoteMode.ALL_NON_NULL).get();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String refusal;
    private final boolean loseARow;
    private final List<String> statements = Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> manifests = Collections.synchronizedList(new ArrayList<>());
    /** Per object key read at COPY time, the CSV lines it held (unzipped). */
    private final Map<String, List<String>> copiedObjects = Collections.synchronizedMap(new LinkedHashMap<>());

    /**
     * @param refusal when not null, every COPY fails with this message after reading the parts
     * @param loseARow whether the last row of the first part goes missing, as a COPY that lost one would
     */
    S3CopyStandIn(String refusal, boolean loseARow) {
        this.refusal = refusal;
        this.loseARow = loseARow;
    }

    List<String> statements() {
        return List.copyOf(statements);
    }

    List<JsonNode> manifests() {
        return List.copyOf(manifests);
    }

    Map<String, List<String>> copiedObjects() {
        return Map.copyOf(copiedObjects);
    }

    @Override
    public long copy(Connection connection, Request request) throws SQLException {
        statements.add(request.statement());
        JsonNode manifest = json(TestStack.aws().s3().getObjectAsBytes(b -> b.bucket(request.bucket()).key(request.manifestKey())).asByteArray());
        manifests.add(manifest);
        List<String> types = targetTypes(connection, request);
        String insert = MARK + "INSERT INTO " + request.target() + " (" + String.join(", ", request.columns()) + ") VALUES ("
                + types.stream().map(type -> "CAST(CAST(? AS VARCHAR) AS " + type + ")").collect(Collectors.joining(", ")) + ")";
        long rows = 0;
        boolean lost = !loseARow;
        for (JsonNode entry : manifest.path("entries")) {
            String url = entry.path("url").asText();
            String key = url.substring(("s3://" + request.bucket() + "/").length());
            byte[] gzip = TestStack.aws().s3().getObjectAsBytes(b -> b.bucket(request.bucket()).key(key)).asByteArray();
            List<String> lines = unzipped(gzip).lines().toList();
            copiedObjects.put(key, lines);
            try (PreparedStatement insertRows = connection.prepareStatement(insert); CSVParser parser = CSVParser.parse(unzipped(gzip), STAGED)) {
                List<CSVRecord> records = parser.getRecords();
                if (!lost && !records.isEmpty()) {
                    records = records.subList(0, records.size() - 1);
                    lost = true;
                }
                for (CSVRecord record : records) {
                    for (int i = 0; i < record.size(); i++) {
                        insertRows.setString(i + 1, record.get(i));
                    }
                    insertRows.addBatch();
                    rows++;
                }
                insertRows.executeBatch();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (refusal != null) {
            throw new SQLException(refusal);
        }
        return rows;
    }

    /** Each column's full type, e.g. character(3), so a value is cast as Redshift's COPY would convert it. */
    private static List<String> targetTypes(Connection connection, Request request) throws SQLException {
        List<String> types = new ArrayList<>();
        for (String column : request.columns()) {
            try (PreparedStatement type = connection.prepareStatement(MARK
                    + "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = CAST(? AS regclass) AND attname = ?")) {
                type.setString(1, request.target().qualified());
                type.setString(2, column);
                try (ResultSet result = type.executeQuery()) {
                    result.next();
                    types.add(result.getString(1));
                }
            }
        }
        return types;
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unzipped(byte[] gzip) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
