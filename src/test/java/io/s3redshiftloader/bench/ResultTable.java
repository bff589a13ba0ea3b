package io.s3redshiftloader.bench;

import io.s3redshiftloader.bench.Measurement.Method;
import java.util.List;
import java.util.OptionalLong;

/** The measurements as one markdown table, ready to paste into the README's Performance section. */
final class ResultTable {
    private static final String HEADER = """
            | rows in file | file MB | method | seconds | input rows/s | loaded rows | loaded rows/s | peak heap MiB | peak RSS MiB | ratio | notes |
            |---:|---:|---|---:|---:|---:|---:|---:|---:|---|---|
            """;

    private ResultTable() {
    }

    static String markdown(List<Measurement> measurements) {
        StringBuilder table = new StringBuilder(HEADER);
        Measurement loader = null;
        for (Measurement m : measurements) {
            if (m.method() == Method.LOADER) {
                loader = m;
            }
            table.append("| ").append(String.format("%,d", m.fileRows()))
                    .append(" | ").append(String.format("%.1f", m.fileBytes() / 1e6))
                    .append(" | ").append(m.method().label);
            if (m.ran()) {
                table.append(" | ").append(String.format("%.2f", m.seconds()))
                        .append(" | ").append(String.format("%,.0f", m.inputRows() / m.seconds()))
                        .append(" | ").append(String.format("%,d", m.loadedRows()))
                        .append(" | ").append(String.format("%,.0f", m.loadedRows() / m.seconds()));
            } else {
                table.append(" | — | | | ");
            }
            table.append(" | ").append(mebibytes(m.peakHeapBytes()))
                    .append(" | ").append(mebibytes(m.peakRssBytes()))
                    .append(" | ").append(ratio(m, loader))
                    .append(" | ").append(m.notes()).append(" |\n");
        }
        return table.toString();
    }

    /** Time ratios within one file, against the loader run on it just before: how far from the ceiling, how far ahead of naive. */
    private static String ratio(Measurement m, Measurement loader) {
        if (loader == null || loader.fileRows() != m.fileRows() || !m.ran()) {
            return "";
        }
        return switch (m.method()) {
            case CEILING -> String.format("loader/ceiling %.1f×", loader.seconds() / m.seconds());
            case NAIVE -> String.format("naive/loader %.1f×", m.seconds() / loader.seconds());
            default -> "";
        };
    }

    private static String mebibytes(OptionalLong bytes) {
        return bytes.isPresent() ? Long.toString(bytes.getAsLong() >> 20) : "—";
    }
}
