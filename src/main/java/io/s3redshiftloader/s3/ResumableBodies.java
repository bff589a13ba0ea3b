package io.s3redshiftloader.s3;

import java.io.InputStream;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import software.amazon.awssdk.services.s3.S3Client;

/** Makes a fetched object's body resume after a dropped connection, within the loader's retry budget. */
public final class ResumableBodies {
    private final S3Client s3;
    private final String bucket;
    private final int retries;
    private final Duration firstDelay;

    public ResumableBodies(S3Client s3, String bucket, int retries, Duration firstDelay) {
        this.s3 = s3;
        this.bucket = bucket;
        this.retries = retries;
        this.firstDelay = firstDelay;
    }

    public void wrap(Exchange exchange) {
        Message message = exchange.getMessage();
        message.setBody(new ResumableObjectStream(message.getBody(InputStream.class), s3, bucket,
                message.getHeader(AWS2S3Constants.KEY, String.class), message.getHeader(AWS2S3Constants.E_TAG, String.class),
                retries, firstDelay));
    }
}
