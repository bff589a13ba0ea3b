package io.s3redshiftloader.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An S3 event notification as S3 sends it to SQS: {@code Records[]}, each with {@code eventName} and
 * {@code s3.bucket.name}, {@code s3.object.key} (URL-encoded, {@code +} for a space), {@code size} and {@code eTag};
 * or the {@code s3:TestEvent} S3 sends once when notifications are configured. The same body wrapped in an SNS
 * notification (S3 → SNS → SQS without raw delivery) is unwrapped.
 *
 * @param testEvent  the message only tests the notification configuration
 * @param created    the objects the message announces as created
 * @param otherEvents the names of other events in it (removals, restores…), which announce nothing to load
 */
public record S3EventMessage(boolean testEvent, List<ObjectCreated> created, List<String> otherEvents) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One created object. */
    public record ObjectCreated(String bucket, String key, long size, String eTag) {
    }

    /** A queue message that is not an S3 event notification. */
    public static final class NotAnS3EventException extends Exception {
        NotAnS3EventException(String reason) {
            super(reason);
        }
    }

    public static S3EventMessage parse(String body) throws NotAnS3EventException {
        JsonNode message = json(body);
        if ("Notification".equals(message.path("Type").asText()) && message.path("Message").isTextual()) {
            message = json(message.path("Message").asText());
        }
        if ("s3:TestEvent".equals(message.path("Event").asText())) {
            return new S3EventMessage(true, List.of(), List.of());
        }
        JsonNode records = message.path("Records");
        if (!records.isArray()) {
            throw new NotAnS3EventException("it has no Records array");
        }
        List<ObjectCreated> created = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (JsonNode record : records) {
            String eventName = record.path("eventName").asText();
            if (!eventName.startsWith("ObjectCreated:")) {
                other.add(eventName.isEmpty() ? "(no eventName)" : eventName);
                continue;
            }
            JsonNode object = record.path("s3").path("object");
            String bucket = record.path("s3").path("bucket").path("name").asText();
            if (bucket.isEmpty() || !object.path("key").isTextual()) {
                throw new NotAnS3EventException("an " + eventName + " record lacks s3.bucket.name or s3.object.key");
            }
            created.add(new ObjectCreated(bucket, decodedKey(object.path("key").asText()), object.path("size").asLong(),
                    object.path("eTag").asText(null)));
        }
        return new S3EventMessage(false, List.copyOf(created), List.copyOf(other));
    }

    /** Keys arrive URL-encoded as in a form: {@code +} for a space, {@code %2B} for a plus. */
    private static String decodedKey(String encoded) throws NotAnS3EventException {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new NotAnS3EventException("an object key is not URL-encoded: " + encoded);
        }
    }

    private static JsonNode json(String text) throws NotAnS3EventException {
        try {
            JsonNode node = JSON.readTree(text == null ? "" : text);
            if (node == null || !node.isObject()) {
                throw new NotAnS3EventException("it is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new NotAnS3EventException("it is not JSON");
        }
    }
}
