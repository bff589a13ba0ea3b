package io.s3redshiftloader.observe;

import io.s3redshiftloader.load.ErrorSentences;
import io.s3redshiftloader.s3.IncomingObjects;
import java.time.Duration;

/** Ready only while S3 lists the incoming prefix (see IncomingObjects#probe). */
public final class BucketReadiness extends CachedReadinessCheck {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private final IncomingObjects incoming;

    public BucketReadiness(IncomingObjects incoming, Duration interval, ErrorSentences errors) {
        super("bucket", interval, errors);
        this.incoming = incoming;
    }

    @Override
    protected void probe() {
        incoming.probe(CALL_TIMEOUT);
    }
}
