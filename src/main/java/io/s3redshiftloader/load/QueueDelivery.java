package io.s3redshiftloader.load;

import io.s3redshiftloader.csv.SourceReadException;
import io.s3redshiftloader.csv.UnloadableFileException;
import io.s3redshiftloader.routes.ExchangeProperties;
import io.s3redshiftloader.s3.IncomingObjects;
import io.s3redshiftloader.s3.S3EventMessage.NotAnS3EventException;
import io.s3redshiftloader.s3.S3EventMessage;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of an S3 event message taken from the queue (LOADER_SQS_QUEUE_URL): which of its objects to load, and
 * whether the message may be deleted. It is deleted only once none of its objects waits under the prefix any more
 * (each was moved to the processed or failed prefix, or was already gone); otherwise it stays on the queue, SQS
 * delivers it again after the visibility timeout, and after the queue's maxReceiveCount its redrive policy moves it to
 * the dead-letter queue. A message that is not an S3 event is never deleted, so it ends up there too.
 */
public final class QueueDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(QueueDelivery.class);

    private final boolean enabled;
    private final String bucket;
    private final String prefix;
    private final IncomingObjects incoming;
    private final ErrorSentences errors;
    private final Intake intake;

    /**
     * @param enabled whether the loader reads a queue; when polling, every failure is dead-lettered, unless the loader is
     *                stopping
     * @param intake  closed once the loader is stopping: a load cut short by that is no failure of the file
     */
    public QueueDelivery(boolean enabled, String bucket, String prefix, IncomingObjects incoming, ErrorSentences errors, Intake intake) {
        this.enabled = enabled;
        this.bucket = bucket;
        this.prefix = prefix;
        this.incoming = incoming;
        this.errors = errors;
        this.intake = intake;
    }

    /** The keys to load: created CSV objects under the prefix of this bucket. Everything else is logged and ignored. */
    public List<String> keysToLoad(Exchange exchange) {
        String messageId = exchange.getMessage().getHeader(Sqs2Constants.MESSAGE_ID, String.class);
        S3EventMessage message;
        try {
            message = S3EventMessage.parse(exchange.getMessage().getBody(String.class));
        } catch (NotAnS3EventException e) {
            LOG.warn("Queue message {} is not an S3 event notification ({}); it stays on the queue for its dead-letter queue",
                    messageId, e.getMessage());
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        if (message.testEvent()) {
            LOG.info("Queue message {} is S3's test event; deleted", messageId);
        }
        for (String other : message.otherEvents()) {
            LOG.info("Queue message {}: ignored {} event", messageId, other);
        }
        for (S3EventMessage.ObjectCreated created : message.created()) {
            String ignored = whyIgnored(created);
            if (ignored != null) {
                LOG.info("Queue message {}: ignored s3://{}/{}: {}", messageId, created.bucket(), created.key(), ignored);
            } else {
                keys.add(created.key());
            }
        }
        exchange.setProperty(ExchangeProperties.QUEUE_MESSAGE_KEYS, List.copyOf(keys));
        return keys;
    }

    private String whyIgnored(S3EventMessage.ObjectCreated created) {
        if (!created.bucket().equals(bucket)) {
            return "not in bucket " + bucket;
        }
        if (!created.key().startsWith(prefix)) {
            return "not under prefix " + prefix;
        }
        if (!IncomingObjects.isCsv(created.key())) {
            return "not a .csv or .csv.gz key";
        }
        return null;
    }

    /**
     * Whether a failed load is left where it is instead of dead-lettered: a load cut short because the loader is
     * stopping, and, with a queue, a fault of the database or AWS that outlasted the retries (the queue delivers it
     * again); otherwise, and for bad input with a queue, the file is dead-lettered.
     */
    public boolean redeliversFault(Exchange exchange) {
        if (intake.state() == Intake.State.STOPPING) {
            return true;
        }
        if (!enabled) {
            return false;
        }
        for (Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnloadableFileException || cause instanceof SourceReadException) {
                return false;
            }
        }
        return true;
    }

    public void leftForRedelivery(Exchange exchange) {
        LOG.warn("{} It stays under the prefix{}, to be loaded again.",
                errors.describe(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)),
                enabled ? " and its message on the queue" : "");
    }

    /** Marks the message for deletion when none of its objects waits under the prefix any more. */
    public void deleteWhenSettled(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<String> keys = exchange.getProperty(ExchangeProperties.QUEUE_MESSAGE_KEYS, List.class);
        if (keys == null) {
            return;
        }
        for (String key : keys) {
            if (incoming.isWaiting(key)) {
                LOG.debug("{} still waits under the prefix; its message stays on the queue", key);
                return;
            }
        }
        exchange.setProperty(Sqs2Constants.SQS_DELETE_FILTERED, true);
    }
}
