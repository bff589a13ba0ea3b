package io.s3redshiftloader.csv;

/**
 * The file as a whole cannot be loaded (no header, a required column missing, not CSV, too many rejected rows).
 * The message is a sentence for the person who dropped the file; retrying does not help.
 */
public class UnloadableFileException extends RuntimeException {
    public UnloadableFileException(String message) {
        super(message);
    }

    public UnloadableFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
