package io.s3redshiftloader.routes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One bucket held in memory, for the beans that call the S3 client themselves (listing the prefix, moving a settled
 * file), and for the aws2-s3 endpoints' start. Only the calls those make are implemented; any other call fails as the
 * S3Client interface's default does.
 * ETags are the content's MD5 in quotes, as S3 gives them for a single-part upload, so the same content put twice is the
 * same object to the ledger.
 */
final class InMemoryS3 implements S3Client {
    private record StoredObject(byte[] content, String etag, Instant lastModified) {
    }

    private final String bucket;
    private final Map<String, StoredObject> objects = new TreeMap<>();
    private long uploads;

    InMemoryS3(String bucket) {
        this.bucket = bucket;
    }

    synchronized void put(String key, byte[] content) {
        // Each put is newer than the last, so "oldest first" is the order of the puts.
        objects.put(key, new StoredObject(content.clone(), etag(content), Instant.EPOCH.plusSeconds(++uploads)));
    }

    void put(String key, String content) {
        put(key, content.getBytes(StandardCharsets.UTF_8));
    }

    /** An object's content, or NoSuchKeyException as S3 answers for a key that is not there. */
    synchronized byte[] content(String key) {
        return stored(key).content().clone();
    }

    synchronized Optional<String> text(String key) {
        return Optional.ofNullable(objects.get(key)).map(object -> new String(object.content(), StandardCharsets.UTF_8));
    }

    synchronized String etagOf(String key) {
        return stored(key).etag();
    }

    synchronized Set<String> keys() {
        return Set.copyOf(objects.keySet());
    }

    /** The aws2-s3 endpoints ask for the bucket when they start, mocked or not. */
    @Override
    public HeadBucketResponse headBucket(HeadBucketRequest request) {
        checkBucket(request.bucket());
        return HeadBucketResponse.builder().build();
    }

    @Override
    public synchronized ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        checkBucket(request.bucket());
        String prefix = request.prefix() == null ? "" : request.prefix();
        var contents = objects.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix))
                .map(entry -> S3Object.builder().key(entry.getKey()).eTag(entry.getValue().etag())
                        .size((long) entry.getValue().content().length).lastModified(entry.getValue().lastModified()).build())
                .toList();
        return ListObjectsV2Response.builder().contents(contents).keyCount(contents.size()).isTruncated(false).build();
    }

    @Override
    public synchronized HeadObjectResponse headObject(HeadObjectRequest request) {
        checkBucket(request.bucket());
        StoredObject object = stored(request.key());
        return HeadObjectResponse.builder().eTag(object.etag()).contentLength((long) object.content().length)
                .lastModified(object.lastModified()).build();
    }

    @Override
    public synchronized CopyObjectResponse copyObject(CopyObjectRequest request) {
        checkBucket(request.sourceBucket());
        checkBucket(request.destinationBucket());
        StoredObject source = stored(request.sourceKey());
        if (request.copySourceIfMatch() != null && !request.copySourceIfMatch().equals(source.etag())) {
            throw (S3Exception) S3Exception.builder().statusCode(412).message("At least one of the pre-conditions you specified did not hold")
                    .build();
        }
        put(request.destinationKey(), source.content());
        return CopyObjectResponse.builder().build();
    }

    @Override
    public synchronized DeleteObjectResponse deleteObject(DeleteObjectRequest request) {
        checkBucket(request.bucket());
        objects.remove(request.key());
        return DeleteObjectResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // Nothing to release: the objects live as long as the test.
    }

    private StoredObject stored(String key) {
        StoredObject object = objects.get(key);
        if (object == null) {
            throw (NoSuchKeyException) NoSuchKeyException.builder().statusCode(404).message("The specified key does not exist.").build();
        }
        return object;
    }

    private void checkBucket(String requested) {
        if (!bucket.equals(requested)) {
            throw (S3Exception) S3Exception.builder().statusCode(404).message("The specified bucket does not exist: " + requested).build();
        }
    }

    private static String etag(byte[] content) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
