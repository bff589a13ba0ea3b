package io.s3redshiftloader.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A deterministic transactions CSV in the sample table's layout, about 70 bytes a row, written as a stream (never held
 * in memory). Amounts are spread evenly over 0.01–1000.00, so about half the rows pass the default filter
 * {@code amount > 500}; the generator counts them exactly, and can write those rows (without the header) to a second
 * file for the COPY ceiling.
 *
 * @param csv the file to upload, header first
 * @param matching the rows with {@code amount > 500}, or null when not asked for
 * @param rows data rows in {@code csv}
 * @param matchingRows rows with {@code amount > 500}
 */
record BenchmarkFile(Path csv, Path matching, long rows, long matchingRows) {
    static final String HEADER = "transaction_id,account_id,amount,currency,transaction_ts,merchant,category";
    /** SplittableRandom's sequence for a seed is fixed by its specification, so every run writes the same bytes. */
    private static final long SEED = 20240301L;
    private static final String[] CURRENCIES = {"NZD", "NZD", "NZD", "AUD", "USD", "EUR", "GBP"};
    /** Merchant and category pairs; one merchant needs RFC 4180 quoting, as real exports have. */
    private static final String[][] MERCHANTS = {
        {"Countdown", "groceries"}, {"New World", "groceries"}, {"Z Energy", "fuel"}, {"Noel Leeming", "electronics"},
        {"Harvey Norman", "electronics"}, {"Mitre 10", "hardware"}, {"Air New Zealand", "travel"},
        {"\"Kmart, Sylvia Park\"", "general"}, {"The Warehouse", "general"}, {"Spark", "telco"}};

    /** Writes {@code rows} rows into {@code directory}; with {@code withMatching}, also the matching rows alone. */
    static BenchmarkFile write(Path directory, long rows, boolean withMatching) {
        Path csv = directory.resolve("transactions-" + rows + ".csv");
        Path matching = withMatching ? directory.resolve("transactions-" + rows + "-matching.csv") : null;
        SplittableRandom random = new SplittableRandom(SEED);
        StringBuilder line = new StringBuilder(128);
        long matchingRows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
                Writer matches = withMatching ? Files.newBufferedWriter(matching, StandardCharsets.UTF_8) : Writer.nullWriter()) {
            out.write(HEADER);
            out.write('\n');
            for (long row = 1; row <= rows; row++) {
                long cents = 1 + random.nextLong(100_000);
                line.setLength(0);
                line.append("TX").append(row).append(",ACC").append(10_000 + random.nextInt(90_000)).append(',')
                        .append(cents / 100).append('.').append((char) ('0' + cents / 10 % 10)).append((char) ('0' + cents % 10))
                        .append(',').append(CURRENCIES[random.nextInt(CURRENCIES.length)]).append(',');
                timestamp(line, random.nextInt(31 * 24 * 3600));
                String[] merchant = MERCHANTS[random.nextInt(MERCHANTS.length)];
                line.append(',').append(merchant[0]).append(',').append(merchant[1]).append('\n');
                out.append(line);
                if (cents > 50_000) {
                    matchingRows++;
                    matches.append(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + csv, e);
        }
        return new BenchmarkFile(csv, matching, rows, matchingRows);
    }

    /** A UTC instant in March 2024, {@code second} seconds after the 1st began, as 2024-03-DDTHH:MM:SSZ. */
    private static void timestamp(StringBuilder line, int second) {
        line.append("2024-03-");
        twoDigits(line, 1 + second / 86_400).append('T');
        twoDigits(line, second / 3600 % 24).append(':');
        twoDigits(line, second / 60 % 60).append(':');
        twoDigits(line, second % 60).append('Z');
    }

    private static StringBuilder twoDigits(StringBuilder line, int value) {
        return line.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    long bytes() {
        try {
            return Files.size(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(csv);
            if (matching != null) {
                Files.deleteIfExists(matching);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
