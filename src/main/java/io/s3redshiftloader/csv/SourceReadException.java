package io.s3redshiftloader.csv;

/** Reading the object's bytes failed part-way (a network fault); the file may load on a later attempt. */
public class SourceReadException extends RuntimeException {
    public SourceReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
