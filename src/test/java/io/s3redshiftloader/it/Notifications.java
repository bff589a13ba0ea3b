package io.s3redshiftloader.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;

/** Reads the loader's SNS notifications as delivered to an SQS queue subscribed to the topic. */
public final class Notifications {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Notifications() {
    }

    /** One notification: subject, status message attribute, and the JSON body. */
    public record Notification(String subject, String statusAttribute, JsonNode body) {
    }

    /**
     * Waits for the loader's notifications. The bound only keeps a broken test from hanging: on a busy 2-core machine a
     * loader JVM may take tens of seconds to start and load, so it is generous.
     */
    public static List<Notification> receive(String queueUrl, int expected) {
        return TestStack.aws().receiveAll(queueUrl, expected, Duration.ofSeconds(90)).stream().map(Notifications::parse).toList();
    }

    private static Notification parse(String envelope) {
        try {
            JsonNode sns = JSON.readTree(envelope);
            return new Notification(sns.path("Subject").asText(), sns.path("MessageAttributes").path("status").path("Value").asText(),
                    JSON.readTree(sns.path("Message").asText()));
        } catch (Exception e) {
            throw new AssertionError("Not an SNS envelope: " + envelope, e);
        }
    }
}
