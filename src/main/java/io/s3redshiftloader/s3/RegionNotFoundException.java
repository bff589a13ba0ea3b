package io.s3redshiftloader.s3;

/** No AWS region is set or can be found; the message names the setting in one line. */
public class RegionNotFoundException extends RuntimeException {
    public RegionNotFoundException(String message) {
        super(message);
    }
}
