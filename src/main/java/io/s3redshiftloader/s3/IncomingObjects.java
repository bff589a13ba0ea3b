package io.s3redshiftloader.s3;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists the CSV objects waiting under the prefix (keys ending .csv or .csv.gz), oldest first. Other keys are left
 * alone: they are never opened, moved or reported.
 */
public final class IncomingObjects {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public IncomingObjects(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /**
     * Asks S3 for one key under the prefix at most, within {@code callTimeout}: the call the loader depends on, allowed
     * by the same permission even when s3:ListBucket is limited to the prefix. Throws what S3 or the network answered.
     */
    public void probe(Duration callTimeout) {
        s3.listObjectsV2(request -> request.bucket(bucket).prefix(prefix).maxKeys(1)
                .overrideConfiguration(call -> call.apiCallTimeout(callTimeout)));
    }

    public List<String> list() {
        return s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build())
                .contents().stream()
                .filter(object -> isCsv(object.key()))
                .sorted(Comparator.comparing(S3Object::lastModified).thenComparing(S3Object::key))
                .map(S3Object::key)
                .toList();
    }

    /** Whether an object is still at this key (not yet moved to the processed or failed prefix). */
    public boolean isWaiting(String key) {
        try {
            s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build());
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    public static boolean isCsv(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".csv.gz");
    }
}
