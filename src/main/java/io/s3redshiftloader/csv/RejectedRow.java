package io.s3redshiftloader.csv;

/** A record that was not loaded, with the line it starts on and why. */
public record RejectedRow(long line, String reason, String[] values) {
}
