package io.s3redshiftloader.it;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * S3 event notification bodies in the documented shape (S3 user guide, "Event message structure"), as S3 would send
 * them to the queue: the emulator does not emit them itself.
 */
final class S3Events {
    private S3Events() {
    }

    /** Uploads a file to the scenario's bucket and returns the event S3 would send for it. */
    static String upload(TestStack.Scenario scenario, String key, TransactionsFile file) {
        byte[] bytes = file.bytes();
        return objectCreated(scenario.bucket(), key, bytes.length, TestStack.aws().putObject(scenario.bucket(), key, bytes));
    }

    static String objectCreated(String bucket, String key, long size, String eTag) {
        return objectEvent("ObjectCreated:Put", bucket, key, size, eTag);
    }

    static String objectEvent(String eventName, String bucket, String key, long size, String eTag) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"2024-03-01T10:00:00.000Z",\
                "eventName":"%s","userIdentity":{"principalId":"AWS:AIDAEXAMPLE"},"requestParameters":{"sourceIPAddress":"127.0.0.1"},\
                "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S"},\
                "s3":{"s3SchemaVersion":"1.0","configurationId":"loader","bucket":{"name":"%s","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},\
                "arn":"arn:aws:s3:::%s"},"object":{"key":"%s","size":%d,"eTag":"%s","sequencer":"0055AED6DCD90281E5"}}}]}"""
                .formatted(eventName, bucket, bucket, URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"), size, eTag.replace("\"", ""));
    }

    static String testEvent(String bucket) {
        return """
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2024-03-01T10:00:00.000Z","Bucket":"%s",\
                "RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR"}""".formatted(bucket);
    }
}
