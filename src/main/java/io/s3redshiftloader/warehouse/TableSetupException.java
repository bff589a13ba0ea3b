package io.s3redshiftloader.warehouse;

/** The target table cannot be used or created as its settings ask; the message names the setting in one line. */
public class TableSetupException extends RuntimeException {
    public TableSetupException(String message) {
        super(message);
    }
}
