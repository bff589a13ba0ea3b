package io.s3redshiftloader.bench;

import io.s3redshiftloader.bench.Measurement.Method;
import java.util.ArrayList;
import java.util.Arrays;
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
        Measurement warm = null;
        for (Measurement m : measurements) {
            if (m.method() == Method.LOADER) {
                loader = m;
                warm = null;
            } else if (m.method() == Method.LOADER_WARM) {
                warm = m;
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
                    .append(" | ").append(ratios(m, loader, warm))
                    .append(" | ").append(m.notes()).append(" |\n");
        }
        return table.toString();
    }

    /**
     * Time ratios within one file, against the loader runs on it just before: how far from the ceiling, how far ahead
     * of naive; for the loader cold (run-once), then warm (a running service).
     */
    private static String ratios(Measurement m, Measurement loader, Measurement warm) {
        if (!m.ran()) {
            return "";
        }
        List<String> ratios = new ArrayList<>();
        for (Measurement run : Arrays.asList(loader, warm)) {
            if (run == null || run.fileRows() != m.fileRows() || !run.ran()) {
                continue;
            }
            String which = run.method() == Method.LOADER_WARM ? "warm loader" : "loader";
            switch (m.method()) {
                case CEILING -> ratios.add(String.format("%s/ceiling %.1f×", which, run.seconds() / m.seconds()));
                case NAIVE -> ratios.add(String.format("naive/%s %.1f×", which, m.seconds() / run.seconds()));
                default -> {
                }
            }
        }
        return String.join("; ", ratios);
    }

    private static String mebibytes(OptionalLong bytes) {
        return bytes.isPresent() ? Long.toString(bytes.getAsLong() >> 20) : "—";
    }
}
