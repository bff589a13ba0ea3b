package io.s3redshiftloader.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3redshiftloader.it.TestStack;
import io.s3redshiftloader.local.LocalAws;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A file is deleted from the prefix only when its copy exists: a move whose copy failed never loses the file. */
class CopiedSourceIT {

    @Test
    void theSourceIsDeletedOnlyOnceItsCopyIsThere() {
        LocalAws aws = TestStack.aws();
        String bucket = "moves-" + UUID.randomUUID().toString().substring(0, 8);
        aws.createBucket(bucket);
        aws.putObject(bucket, "incoming/copied.csv", "a\n".getBytes(StandardCharsets.UTF_8));
        aws.putObject(bucket, "processed/incoming/copied.csv", "a\n".getBytes(StandardCharsets.UTF_8));
        aws.putObject(bucket, "incoming/not-copied.csv", "b\n".getBytes(StandardCharsets.UTF_8));
        CopiedSource source = new CopiedSource(aws.s3(), bucket);

        source.delete("incoming/copied.csv", "processed/incoming/copied.csv");
        source.delete("incoming/not-copied.csv", "failed/incoming/not-copied.csv");

        assertEquals(List.of("incoming/not-copied.csv"), aws.listKeys(bucket, "incoming/"));
        assertEquals(List.of("processed/incoming/copied.csv"), aws.listKeys(bucket, "processed/"));
    }
}
