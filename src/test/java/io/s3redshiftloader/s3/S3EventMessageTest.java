package io.s3redshiftloader.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.s3redshiftloader.s3.S3EventMessage.NotAnS3EventException;
import io.s3redshiftloader.s3.S3EventMessage.ObjectCreated;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3EventMessageTest {
    /** The example in the S3 user guide ("Event message structure"), with a key that needs decoding. */
    private static final String PUT = """
            {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-west-2",
              "eventTime":"1970-01-01T00:00:00.000Z","eventName":"ObjectCreated:Put",
              "userIdentity":{"principalId":"AIDAJDPLRKLG7UEXAMPLE"},
              "requestParameters":{"sourceIPAddress":"127.0.0.1"},
              "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
              "s3":{"s3SchemaVersion":"1.0","configurationId":"testConfigRule",
                "bucket":{"name":"landing","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":"arn:aws:s3:::landing"},
                "object":{"key":"incoming/daily+report%2B2024%C3%A9.csv","size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e",
                  "versionId":"096fKKXTRTtl3on89fVO.nfljtsv6qko","sequencer":"0055AED6DCD90281E5"}}}]}
            """;

    @Test
    void anObjectCreatedRecordGivesBucketDecodedKeySizeAndETag() throws Exception {
        S3EventMessage message = S3EventMessage.parse(PUT);
        assertFalse(message.testEvent());
        assertEquals(List.of(new ObjectCreated("landing", "incoming/daily report+2024é.csv", 1024, "d41d8cd98f00b204e9800998ecf8427e")),
                message.created());
        assertEquals(List.of(), message.otherEvents());
    }

    @Test
    void everyRecordIsReadAndOnlyObjectCreatedEventsAnnounceObjects() throws Exception {
        S3EventMessage message = S3EventMessage.parse("""
                {"Records":[
                  {"eventName":"ObjectCreated:CompleteMultipartUpload","s3":{"bucket":{"name":"b"},"object":{"key":"incoming/a.csv","size":5}}},
                  {"eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"b"},"object":{"key":"incoming/b.csv"}}},
                  {"eventName":"ObjectCreated:Copy","s3":{"bucket":{"name":"b"},"object":{"key":"incoming/c.csv.gz","size":7,"eTag":"e"}}}]}
                """);
        assertEquals(List.of(new ObjectCreated("b", "incoming/a.csv", 5, null), new ObjectCreated("b", "incoming/c.csv.gz", 7, "e")),
                message.created());
        assertEquals(List.of("ObjectRemoved:Delete"), message.otherEvents());
    }

    @Test
    void theTestEventS3SendsWhenNotificationsAreConfiguredAnnouncesNothing() throws Exception {
        S3EventMessage message = S3EventMessage.parse("""
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2014-10-13T15:57:02.089Z","Bucket":"landing",
                 "RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}
                """);
        assertTrue(message.testEvent());
        assertEquals(List.of(), message.created());
    }

    @Test
    void anEventWrappedInAnSnsNotificationIsUnwrapped() throws Exception {
        String envelope = "{\"Type\":\"Notification\",\"MessageId\":\"1\",\"TopicArn\":\"arn:aws:sns:us-west-2:123456789012:s3\","
                + "\"Message\":" + new ObjectMapper().writeValueAsString(PUT) + "}";
        assertEquals("incoming/daily report+2024é.csv", S3EventMessage.parse(envelope).created().get(0).key());
    }

    @Test
    void aMessageThatIsNotAnS3EventIsRefusedWithAReason() {
        assertEquals("it is not JSON", assertThrows(NotAnS3EventException.class, () -> S3EventMessage.parse("hello")).getMessage());
        assertEquals("it is not a JSON object", assertThrows(NotAnS3EventException.class, () -> S3EventMessage.parse("[1]")).getMessage());
        assertEquals("it has no Records array", assertThrows(NotAnS3EventException.class,
                () -> S3EventMessage.parse("{\"status\":\"SUCCEEDED\"}")).getMessage());
        assertThrows(NotAnS3EventException.class, () -> S3EventMessage.parse(""));
        assertThrows(NotAnS3EventException.class, () -> S3EventMessage.parse(null));
    }

    @Test
    void anObjectCreatedRecordWithoutBucketOrKeyOrWithABadEncodingIsRefused() {
        assertThrows(NotAnS3EventException.class, () -> S3EventMessage.parse(
                "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"object\":{\"key\":\"incoming/a.csv\"}}}]}"));
        assertThrows(NotAnS3EventException.class, () -> S3EventMessage.parse(
                "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{}}}]}"));
        assertThrows(NotAnS3EventException.class, () -> S3EventMessage.parse(
                "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"a%zz.csv\"}}}]}"));
    }
}
