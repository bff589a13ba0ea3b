package io.s3redshiftloader.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.s3redshiftloader.it.TestStack;
import io.s3redshiftloader.local.LocalAws;
import io.s3redshiftloader.local.PartCopyFront;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The move on the wire, against the emulator through {@link PartCopyFront} (which adds UploadPartCopy and the copy
 * conditions fauxqs lacks), with the threshold lowered to 5 MiB: the copy is byte for byte, the source is deleted only
 * after its copy succeeded, and a source replaced during the copy is never spliced or lost.
 */
class ObjectMoveIT {
    private static final long MIB = 1024 * 1024;
    private static final String KEY = "incoming/big.csv";
    private static final String TARGET = "processed/incoming/big.csv";

    private final LocalAws aws = TestStack.aws();
    private final String bucket = "moves-" + UUID.randomUUID().toString().substring(0, 8);
    private final PartCopyFront front = PartCopyFront.to(aws.endpoint());
    private final S3Client s3 = front.s3();
    private final ObjectMove move = new ObjectMove(s3, bucket, 5 * MIB);

    @AfterEach
    void close() {
        s3.close();
        front.close();
    }

    @Test
    void anObjectAboveTheThresholdIsCopiedInPartsByteForByteAndItsSourceDeleted() throws IOException {
        aws.createBucket(bucket);
        byte[] content = put(KEY, 13 * MIB + 5, 1);

        move.moveTo(KEY, TARGET, etag(KEY));

        assertEquals(3, front.partCopies(), "5 MiB, 5 MiB and the rest");
        assertArrayEquals(content, read(TARGET));
        assertEquals(List.of(), aws.listKeys(bucket, "incoming/"));
    }

    @Test
    void aSourceReuploadedBetweenTwoPartCopiesFailsThePinnedCopyWhichIsAbortedAndTheNewVersionStays() throws IOException {
        aws.createBucket(bucket);
        put(KEY, 13 * MIB, 1);
        String readEtag = etag(KEY);
        byte[] newVersion = randomBytes(12 * MIB, 2);
        front.beforeCopy(part -> {
            if (part == 2) {
                putLarge(KEY, newVersion);
            }
        });

        S3Exception e = assertThrows(S3Exception.class, () -> move.moveTo(KEY, TARGET, readEtag));

        assertEquals(412, e.statusCode());
        assertEquals(1, front.aborts());
        assertArrayEquals(newVersion, read(KEY));
        assertEquals(List.of(), aws.listKeys(bucket, "processed/"));
    }

    @Test
    void aPartCopyThatKeepsFailingAbortsTheUploadAndKeepsTheSource() throws IOException {
        aws.createBucket(bucket);
        byte[] content = put(KEY, 13 * MIB, 1);
        front.beforeCopy(part -> {
            if (part == 2) {
                throw new IllegalStateException("S3 fails this part");
            }
        });

        S3Exception e = assertThrows(S3Exception.class, () -> move.moveTo(KEY, TARGET, etag(KEY)));

        assertEquals(500, e.statusCode());
        assertEquals(1, front.aborts());
        assertArrayEquals(content, read(KEY));
        assertEquals(List.of(), aws.listKeys(bucket, "processed/"));
    }

    @Test
    void theSourceIsDeletedOnlyAfterItsCopySucceededEvenWithAnOlderCopyAtTheDestination() {
        aws.createBucket(bucket);
        aws.putObject(bucket, "incoming/copied.csv", bytes("new\n"));
        aws.putObject(bucket, "incoming/not-copied.csv", bytes("new\n"));
        // Left by an earlier file with the same key: not a copy of this one.
        aws.putObject(bucket, "processed/incoming/not-copied.csv", bytes("old\n"));
        front.beforeCopy(part -> {
            throw new IllegalStateException("S3 fails every copy");
        });
        assertThrows(S3Exception.class, () -> move.moveTo("incoming/not-copied.csv", "processed/incoming/not-copied.csv", null));
        front.beforeCopy(part -> { });
        move.moveTo("incoming/copied.csv", "processed/incoming/copied.csv", null);

        assertEquals(List.of("incoming/not-copied.csv"), aws.listKeys(bucket, "incoming/"));
        assertEquals("new\n", aws.getObjectAsString(bucket, "processed/incoming/copied.csv"));
        assertEquals("old\n", aws.getObjectAsString(bucket, "processed/incoming/not-copied.csv"));
    }

    @Test
    void aSourceReuploadedJustBeforeASingleCopyIsNotMovedAndNotLost() {
        aws.createBucket(bucket);
        String readEtag = aws.putObject(bucket, KEY, bytes("v1\n"));
        front.beforeCopy(part -> aws.putObject(bucket, KEY, bytes("v2\n")));

        S3Exception e = assertThrows(S3Exception.class, () -> move.moveTo(KEY, TARGET, readEtag));

        assertEquals(412, e.statusCode());
        assertEquals("v2\n", aws.getObjectAsString(bucket, KEY));
        assertEquals(List.of(), aws.listKeys(bucket, "processed/"));
    }

    /**
     * What the emulator does on its own: fauxqs 1.9.2 has no UploadPartCopy and answers it with a 500. A store that cannot
     * copy parts fails the move, and the source stays.
     */
    @Test
    void theEmulatorAloneRefusesPartCopiesAndTheMoveKeepsTheSource() throws IOException {
        aws.createBucket(bucket);
        byte[] content = put(KEY, 6 * MIB, 1);
        ObjectMove direct = new ObjectMove(aws.s3(), bucket, 5 * MIB);

        S3Exception e = assertThrows(S3Exception.class, () -> direct.moveTo(KEY, TARGET, etag(KEY)));

        assertEquals(500, e.statusCode());
        assertArrayEquals(content, read(KEY));
        assertEquals(List.of(), aws.listKeys(bucket, "processed/"));
    }

    private byte[] put(String key, long size, long seed) {
        byte[] content = randomBytes(size, seed);
        putLarge(key, content);
        return content;
    }

    private void putLarge(String key, byte[] content) {
        try {
            Path file = Files.createTempFile("move-", ".bin");
            try {
                Files.write(file, content);
                aws.putLargeObject(bucket, key, file);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String etag(String key) {
        return aws.s3().headObject(head -> head.bucket(bucket).key(key)).eTag();
    }

    private byte[] read(String key) {
        return aws.s3().getObjectAsBytes(get -> get.bucket(bucket).key(key)).asByteArray();
    }

    private static byte[] randomBytes(long size, long seed) {
        byte[] bytes = new byte[(int) size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
