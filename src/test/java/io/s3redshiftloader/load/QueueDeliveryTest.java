package io.s3redshiftloader.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.csv.SourceReadException;
import io.s3redshiftloader.csv.UnloadableFileException;
import io.s3redshiftloader.s3.IncomingObjects;
import java.io.IOException;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * What becomes of a queue message: which of its objects are loaded, when it may be deleted (only once none of them
 * waits under the prefix), and which failed loads are left for the queue to deliver again.
 */
class QueueDeliveryTest {
    private static final String BUCKET = "bucket";

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final WaitingObjects s3 = new WaitingObjects();
    private final Intake intake = new Intake();
    private final QueueDelivery queue = delivery(true);

    @AfterEach
    void closeCamel() throws Exception {
        camel.close();
    }

    @Test
    void createdCsvObjectsUnderThePrefixOfThisBucketAreLoadedAndEverythingElseIgnored() {
        Exchange exchange = message(event(
                created(BUCKET, "incoming/a.csv"),
                created(BUCKET, "incoming/b.CSV.GZ"),
                created(BUCKET, "incoming/day+1%2B2.csv"),
                created("other-bucket", "incoming/c.csv"),
                created(BUCKET, "elsewhere/d.csv"),
                created(BUCKET, "incoming/notes.txt"),
                record("ObjectRemoved:Delete", BUCKET, "incoming/e.csv")));

        assertEquals(List.of("incoming/a.csv", "incoming/b.CSV.GZ", "incoming/day 1+2.csv"), queue.keysToLoad(exchange),
                "keys arrive URL-encoded, + for a space");
    }

    @Test
    void aMessageIsDeletedOnlyOnceNoneOfItsObjectsWaitsUnderThePrefix() {
        Exchange exchange = message(event(created(BUCKET, "incoming/a.csv"), created(BUCKET, "incoming/b.csv")));
        queue.keysToLoad(exchange);
        s3.waiting.add("incoming/b.csv");

        queue.deleteWhenSettled(exchange);
        assertNull(exchange.getProperty(Sqs2Constants.SQS_DELETE_FILTERED), "b still waits: the queue delivers the message again");

        s3.waiting.remove("incoming/b.csv");
        queue.deleteWhenSettled(exchange);
        assertEquals(Boolean.TRUE, exchange.getProperty(Sqs2Constants.SQS_DELETE_FILTERED));
    }

    @Test
    void anEventForObjectsThatAreNotOursIsDeletedWithNothingLoaded() {
        Exchange exchange = message(event(created("other-bucket", "incoming/a.csv"), record("ObjectRemoved:Delete", BUCKET, "incoming/b.csv")));

        assertEquals(List.of(), queue.keysToLoad(exchange));
        queue.deleteWhenSettled(exchange);

        assertEquals(Boolean.TRUE, exchange.getProperty(Sqs2Constants.SQS_DELETE_FILTERED));
    }

    @Test
    void theTestEventS3SendsWhenNotificationsAreConfiguredIsDeleted() {
        Exchange exchange = message("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"bucket\"}");

        assertEquals(List.of(), queue.keysToLoad(exchange));
        queue.deleteWhenSettled(exchange);

        assertEquals(Boolean.TRUE, exchange.getProperty(Sqs2Constants.SQS_DELETE_FILTERED));
    }

    @Test
    void aMessageThatIsNotAnS3EventStaysOnTheQueueForItsDeadLetterQueue() {
        for (String body : List.of("not json", "{\"hello\":\"world\"}", "[1,2]")) {
            Exchange exchange = message(body);

            assertEquals(List.of(), queue.keysToLoad(exchange), body);
            queue.deleteWhenSettled(exchange);

            assertNull(exchange.getProperty(Sqs2Constants.SQS_DELETE_FILTERED), body);
        }
    }

    @Test
    void withAQueueFaultsOfTheDatabaseOrAwsAreLeftForRedeliveryAndBadInputIsDeadLettered() {
        intake.open();

        assertTrue(queue.redeliversFault(failedWith(new SQLException("connection refused", "08001"))));
        assertTrue(queue.redeliversFault(failedWith(SdkClientException.create("Unable to execute HTTP request"))));
        assertFalse(queue.redeliversFault(failedWith(new UnloadableFileException("The file is empty."))));
        assertFalse(queue.redeliversFault(failedWith(new IllegalStateException("wrapped", new UnloadableFileException("The file is empty.")))),
                "bad input, however deep in the causes");
        assertFalse(queue.redeliversFault(failedWith(new SourceReadException("The file is not valid gzip.", new IOException("bad header")))));
    }

    @Test
    void whenPollingEveryFailureIsDeadLettered() {
        intake.open();
        QueueDelivery polling = delivery(false);

        assertFalse(polling.redeliversFault(failedWith(new SQLException("connection refused", "08001"))));
        assertFalse(polling.redeliversFault(failedWith(new UnloadableFileException("The file is empty."))));
    }

    @Test
    void aLoadCutShortBecauseTheLoaderIsStoppingIsNoFailureOfTheFile() {
        intake.open();
        intake.close();

        assertTrue(delivery(false).redeliversFault(failedWith(new UnloadableFileException("The file is empty."))));
        assertTrue(delivery(true).redeliversFault(failedWith(new UnloadableFileException("The file is empty."))));
    }

    private QueueDelivery delivery(boolean enabled) {
        return new QueueDelivery(enabled, BUCKET, "incoming/", new IncomingObjects(s3, BUCKET, "incoming/"), new ErrorSentences(List.of()),
                intake);
    }

    private Exchange message(String body) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Sqs2Constants.MESSAGE_ID, "message-1");
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private Exchange failedWith(Exception cause) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, cause);
        return exchange;
    }

    private static String event(String... records) {
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    private static String created(String bucket, String key) {
        return record("ObjectCreated:Put", bucket, key);
    }

    private static String record(String eventName, String bucket, String key) {
        return "{\"eventName\":\"" + eventName + "\",\"s3\":{\"bucket\":{\"name\":\"" + bucket + "\"},"
                + "\"object\":{\"key\":\"" + key + "\",\"size\":10,\"eTag\":\"etag\"}}}";
    }

    /** Answers HeadObject as S3 does: found for the keys still waiting, 404 for the rest. */
    private static final class WaitingObjects implements S3Client {
        final Set<String> waiting = new HashSet<>();

        @Override
        public HeadObjectResponse headObject(HeadObjectRequest request) {
            if (!waiting.contains(request.key())) {
                throw NoSuchKeyException.builder().statusCode(404).message("Not Found").build();
            }
            return HeadObjectResponse.builder().build();
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
