package io.s3redshiftloader.bench;

import java.util.OptionalLong;

/**
 * One way of loading one file, measured: a row of the result table.
 *
 * @param seconds the time the method took, NaN when it was not run
 * @param inputRows rows the method read: the whole file, or only the matching rows for the COPY ceiling
 * @param loadedRows rows found in the table afterwards
 */
record Measurement(Method method, long fileRows, long fileBytes, double seconds, long inputRows, long loadedRows,
        OptionalLong peakHeapBytes, OptionalLong peakRssBytes, String notes) {

    enum Method {
        LOADER("loader jar, end to end"),
        LOADER_WARM("loader jar, warm JVM"),
        CEILING("ceiling: COPY FROM STDIN"),
        NAIVE("naive: exchange + INSERT per row"),
        LOADER_BOUNDED("loader jar, -Xmx256m");

        final String label;

        Method(String label) {
            this.label = label;
        }
    }

    /** A method left out for this file, or that failed on it, with the reason. */
    static Measurement notRun(Method method, long fileRows, long fileBytes, String why) {
        return new Measurement(method, fileRows, fileBytes, Double.NaN, 0, 0, OptionalLong.empty(), OptionalLong.empty(), why);
    }

    boolean ran() {
        return !Double.isNaN(seconds);
    }
}
