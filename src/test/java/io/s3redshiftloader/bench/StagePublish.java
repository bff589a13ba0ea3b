package io.s3redshiftloader.bench;

import io.s3redshiftloader.local.LocalWarehouse;
import io.s3redshiftloader.warehouse.Dialect;
import io.s3redshiftloader.warehouse.LoadLedger;
import io.s3redshiftloader.warehouse.StageCopy;
import io.s3redshiftloader.warehouse.TableName;
import io.s3redshiftloader.warehouse.WarehouseSchema;
import io.s3redshiftloader.warehouse.WarehouseSql;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database's share of the loader's work, and nothing else: the matching rows staged the loader's way, then
 * published the loader's way, with the loader's own SQL. Chunks of about 2,500 rows (a 5,000-row chunk's matches),
 * tagged with a load id and chunk number, go by one COPY and commit each over two connections in parallel, as the two
 * chunk writers do; then the loader's own LoadLedger.publish moves them into the table, records the load and clears
 * them from the stage, in one transaction. No S3, no parsing,
 * validation or filtering in Java: however fast the loader's own code became, its load could not take less than this.
 */
final class StagePublish {
    private static final int CHUNK_ROWS = 2_500;
    private static final int WRITERS = 2;
    private static final String LOAD_ID = "00000000-0000-4000-8000-000000000000";

    private final LocalWarehouse warehouse;
    private final WarehouseSql sql;
    private final LoadLedger ledger;
    private final List<String> columns = Arrays.asList(BenchmarkFile.HEADER.split(","));
    private final List<byte[]> chunks;
    private final long rows;

    /** Creates the stage as the loader does (the table too, from {@code ddl}) and tags the matching rows into chunks; not timed. */
    StagePublish(LocalWarehouse warehouse, BenchmarkFile file, String table, Path ddl) throws Exception {
        this.warehouse = warehouse;
        this.sql = new WarehouseSql(TableName.parse(table), Dialect.POSTGRESQL);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(warehouse.jdbcUrl());
        dataSource.setUser(warehouse.user());
        dataSource.setPassword(warehouse.password());
        new WarehouseSchema(dataSource, sql).prepare(true, ddl);
        this.ledger = new LoadLedger(dataSource, sql);
        this.chunks = taggedChunks(file.matching());
        this.rows = file.matchingRows();
    }

    /** Stages every chunk, then publishes them with the loader's own ledger transaction; returns the rows published. */
    long load() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> staged = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int first = writer;
                staged.add(writers.submit(() -> stage(first)));
            }
            for (Future<?> each : staged) {
                each.get();
            }
        } finally {
            writers.shutdown();
        }
        if (ledger.publish("bench", "share.csv", "etag", LOAD_ID, columns, rows, StageCopy.NONE).isPresent()) {
            throw new IllegalStateException("The ledger already held this benchmark's object");
        }
        return rows;
    }

    private Void stage(int first) throws Exception {
        String copy = sql.copyStage(columns);
        try (Connection connection = warehouse.connect()) {
            for (int chunk = first; chunk < chunks.size(); chunk += WRITERS) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new ByteArrayInputStream(chunks.get(chunk)));
            }
        }
        return null;
    }

    /** The rows with the stage's tags, as the loader writes them: the staging time on each chunk's first row only. */
    private static List<byte[]> taggedChunks(Path matching) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        int rows = 0;
        try (BufferedReader lines = Files.newBufferedReader(matching)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String tags = ",\"" + LOAD_ID + "\"," + chunks.size() + "," + (rows == 0 ? "2026-11-29 12:00:00.123456" : "");
                chunk.write((line + tags + "\n").getBytes(StandardCharsets.UTF_8));
                if (++rows == CHUNK_ROWS) {
                    chunks.add(chunk.toByteArray());
                    chunk.reset();
                    rows = 0;
                }
            }
        }
        if (rows > 0) {
            chunks.add(chunk.toByteArray());
        }
        return chunks;
    }
}
