package io.s3redshiftloader.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CopyPartResult;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;

/**
 * The move's decisions against an in-memory S3 that follows S3's rules for the calls the move makes (conditional copies
 * answer 412 once the source's ETag changed). What the real wire does is checked against the emulator in ObjectMoveIT.
 */
class ObjectMoveTest {
    private static final long MIB = 1024 * 1024;
    private static final String BUCKET = "b";
    private static final String KEY = "incoming/big.csv";
    private static final String TARGET = "processed/incoming/big.csv";

    private final MemoryS3 s3 = new MemoryS3();
    private final ObjectMove move = new ObjectMove(s3, BUCKET, 5 * MIB);

    @Test
    void partsAreAsLargeAsOneCopyBelowTheThresholdAtMost512MibAndNeverMoreThan10000() {
        long defaultThreshold = 5_000 * MIB;
        assertEquals(512 * MIB, ObjectMove.partBytes(6 * 1024 * MIB, defaultThreshold));
        assertEquals(5 * MIB, ObjectMove.partBytes(12 * MIB, 5 * MIB));
        assertEquals(40 * MIB, ObjectMove.partBytes(41 * MIB, 40 * MIB));
        long fiveTib = 5L * 1024 * 1024 * MIB;
        long part = ObjectMove.partBytes(fiveTib, defaultThreshold);
        assertTrue((fiveTib + part - 1) / part <= 10_000, "parts of " + part);
        assertTrue(part <= 5 * 1024 * MIB, "at most 5 GiB a part");
    }

    @Test
    void anObjectAboveTheThresholdIsCopiedInRangesEachPinnedToItsEtagThenTheSourceIsDeleted() {
        byte[] content = randomBytes(12 * MIB + 3);
        String etag = s3.put(KEY, content);

        move.moveTo(KEY, TARGET, etag);

        assertEquals(List.of("bytes=0-5242879", "bytes=5242880-10485759", "bytes=10485760-12582914"), s3.copiedRanges);
        assertEquals(List.of(etag, etag, etag), s3.partPins);
        assertEquals(0, s3.singleCopies.get());
        assertArrayEquals(content, s3.objects.get(TARGET));
        assertFalse(s3.objects.containsKey(KEY));
    }

    @Test
    void anObjectAtTheThresholdIsCopiedInOneRequestPinnedToItsEtag() {
        byte[] content = randomBytes(5 * MIB);
        String etag = s3.put(KEY, content);

        move.moveTo(KEY, TARGET, etag);

        assertEquals(1, s3.singleCopies.get());
        assertEquals(List.of(), s3.copiedRanges);
        assertArrayEquals(content, s3.objects.get(TARGET));
        assertFalse(s3.objects.containsKey(KEY));
    }

    @Test
    void aReuploadDuringThePartCopiesFailsTheCopyAbortsItAndKeepsTheNewVersion() {
        String etag = s3.put(KEY, randomBytes(12 * MIB));
        byte[] newVersion = randomBytes(12 * MIB);
        s3.beforePartCopy = part -> {
            if (part == 2) {
                s3.put(KEY, newVersion);
            }
        };

        S3Exception e = assertThrows(S3Exception.class, () -> move.moveTo(KEY, TARGET, etag));

        assertEquals(412, e.statusCode());
        assertEquals(1, s3.aborts.get());
        assertArrayEquals(newVersion, s3.objects.get(KEY), "the new version stays for the next poll");
        assertFalse(s3.objects.containsKey(TARGET), "nothing spliced from the two versions");
    }

    @Test
    void aPartCopyThatFailsAbortsTheUploadAndKeepsTheSource() {
        byte[] content = randomBytes(12 * MIB);
        String etag = s3.put(KEY, content);
        s3.beforePartCopy = part -> {
            if (part == 3) {
                throw S3Exception.builder().statusCode(500).message("We encountered an internal error").build();
            }
        };

        assertThrows(S3Exception.class, () -> move.moveTo(KEY, TARGET, etag));

        assertEquals(1, s3.aborts.get());
        assertArrayEquals(content, s3.objects.get(KEY));
        assertFalse(s3.objects.containsKey(TARGET));
    }

    @Test
    void aFileReplacedAfterItWasReadIsLeftForTheNextPoll() {
        String readEtag = s3.put(KEY, randomBytes(100));
        byte[] newVersion = randomBytes(200);
        s3.put(KEY, newVersion);

        move.moveTo(KEY, TARGET, readEtag);

        assertArrayEquals(newVersion, s3.objects.get(KEY));
        assertFalse(s3.objects.containsKey(TARGET));
    }

    @Test
    void aFileThatWasNeverReadMovesAsItIsAndOneAlreadyGoneIsNothingToMove() {
        byte[] content = randomBytes(100);
        s3.put(KEY, content);

        move.moveTo(KEY, TARGET, null);
        move.moveTo(KEY, TARGET, null);

        assertArrayEquals(content, s3.objects.get(TARGET));
        assertFalse(s3.objects.containsKey(KEY));
    }

    private static byte[] randomBytes(long size) {
        byte[] bytes = new byte[(int) size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** One bucket in memory; conditional copies fail with 412 as S3's do. */
    private static final class MemoryS3 implements S3Client {
        final Map<String, byte[]> objects = new HashMap<>();
        final Map<String, String> etags = new HashMap<>();
        final Map<String, TreeMap<Integer, byte[]>> uploads = new HashMap<>();
        final List<String> copiedRanges = new ArrayList<>();
        final List<String> partPins = new ArrayList<>();
        final AtomicInteger singleCopies = new AtomicInteger();
        final AtomicInteger aborts = new AtomicInteger();
        final AtomicInteger versions = new AtomicInteger();
        IntConsumer beforePartCopy = part -> { };

        String put(String key, byte[] content) {
            String etag = "\"etag-" + versions.incrementAndGet() + "\"";
            objects.put(key, content);
            etags.put(key, etag);
            return etag;
        }

        private byte[] source(String key, String ifMatch) {
            if (!objects.containsKey(key)) {
                throw NoSuchKeyException.builder().statusCode(404).message("The specified key does not exist.").build();
            }
            if (ifMatch != null && !ifMatch.equals(etags.get(key))) {
                throw S3Exception.builder().statusCode(412).message("At least one of the pre-conditions you specified did not hold").build();
            }
            return objects.get(key);
        }

        @Override
        public HeadObjectResponse headObject(HeadObjectRequest request) {
            byte[] content = source(request.key(), null);
            return HeadObjectResponse.builder().contentLength((long) content.length).eTag(etags.get(request.key())).build();
        }

        @Override
        public CopyObjectResponse copyObject(CopyObjectRequest request) {
            singleCopies.incrementAndGet();
            put(request.destinationKey(), source(request.sourceKey(), request.copySourceIfMatch()).clone());
            return CopyObjectResponse.builder().build();
        }

        @Override
        public CreateMultipartUploadResponse createMultipartUpload(CreateMultipartUploadRequest request) {
            String id = "upload-" + uploads.size();
            uploads.put(id, new TreeMap<>());
            return CreateMultipartUploadResponse.builder().uploadId(id).build();
        }

        @Override
        public UploadPartCopyResponse uploadPartCopy(UploadPartCopyRequest request) {
            beforePartCopy.accept(request.partNumber());
            byte[] content = source(request.sourceKey(), request.copySourceIfMatch());
            copiedRanges.add(request.copySourceRange());
            partPins.add(request.copySourceIfMatch());
            String[] range = request.copySourceRange().substring("bytes=".length()).split("-");
            int from = Integer.parseInt(range[0]);
            int to = Integer.parseInt(range[1]) + 1;
            byte[] part = new byte[to - from];
            System.arraycopy(content, from, part, 0, part.length);
            uploads.get(request.uploadId()).put(request.partNumber(), part);
            return UploadPartCopyResponse.builder().copyPartResult(CopyPartResult.builder().eTag("\"part-" + request.partNumber() + "\"").build())
                    .build();
        }

        @Override
        public CompleteMultipartUploadResponse completeMultipartUpload(CompleteMultipartUploadRequest request) {
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            uploads.remove(request.uploadId()).values().forEach(whole::writeBytes);
            put(request.key(), whole.toByteArray());
            return CompleteMultipartUploadResponse.builder().build();
        }

        @Override
        public AbortMultipartUploadResponse abortMultipartUpload(AbortMultipartUploadRequest request) {
            aborts.incrementAndGet();
            uploads.remove(request.uploadId());
            return AbortMultipartUploadResponse.builder().build();
        }

        @Override
        public DeleteObjectResponse deleteObject(DeleteObjectRequest request) {
            objects.remove(request.key());
            etags.remove(request.key());
            return DeleteObjectResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }
}
