package io.s3redshiftloader.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.s3redshiftloader.routes.ExchangeProperties;
import java.io.UncheckedIOException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;

/** Turns a file's outcome into the SNS message: JSON body, subject, and a {@code status} message attribute. */
public final class NotificationMessage {
    private static final String SUBJECT_HEADER = "CamelAwsSnsSubject";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static String json(LoadOutcome outcome) {
        try {
            return JSON.writeValueAsString(outcome);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of a failed file's {@code .error.json}: the same JSON as its notification. */
    public String errorReport(@ExchangeProperty(ExchangeProperties.LOAD_OUTCOME) LoadOutcome outcome) {
        return json(outcome);
    }

    /** Replaces the message with the notification; headers other than the subject and status would become attributes. */
    public void prepare(Exchange exchange, @ExchangeProperty(ExchangeProperties.LOAD_OUTCOME) LoadOutcome outcome) {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setBody(json(outcome));
        message.setHeader(SUBJECT_HEADER, outcome.subject());
        message.setHeader("status", outcome.status().name());
    }
}
