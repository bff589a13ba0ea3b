package io.s3redshiftloader.notify;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How one file ended, as published in its notification and, for a failure, its error report.
 * {@code rowsRead = rowsFiltered + rowsRejected + rowsLoaded}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadOutcome(
        Status status,
        String bucket,
        String key,
        String table,
        long rowsRead,
        long rowsFiltered,
        long rowsRejected,
        long rowsLoaded,
        String rejectsKey,
        String loadId,
        long durationMs,
        String error,
        String errorKey) {

    public enum Status { SUCCEEDED, SKIPPED, FAILED }

    /** The notification subject: SNS allows at most 100 printable ASCII characters. */
    public String subject() {
        String lead = switch (status) {
            case SUCCEEDED -> "Data loaded successfully: ";
            case SKIPPED -> "Data already loaded: ";
            case FAILED -> "Data load FAILED: ";
        };
        String printable = key.replaceAll("[^\\x20-\\x7E]", "?");
        int room = 100 - lead.length();
        return lead + (printable.length() <= room ? printable : "..." + printable.substring(printable.length() - room + 3));
    }

    /** One line for the log, whose MDC names the file and the load. */
    public String summary() {
        String counts = "read " + rowsRead + ", filtered " + rowsFiltered + ", rejected " + rowsRejected + ", loaded " + rowsLoaded
                + " into " + table + " in " + durationMs + " ms";
        return status + ": " + counts + (error == null ? "" : " - " + error);
    }
}
