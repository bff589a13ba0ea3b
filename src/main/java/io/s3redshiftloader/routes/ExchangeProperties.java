package io.s3redshiftloader.routes;

/**
 * The exchange properties the routes (routes/*.yaml) and the Java beans share, each named once here. A route reads
 * them as {@code ${exchangeProperty.name}} and sets them with {@code setProperty}; a bean takes them with
 * {@code @ExchangeProperty}. RouteContractTest fails on a route that uses a name not declared here.
 */
public final class ExchangeProperties {
    /** The S3 key of the file being loaded; set first, by the route that takes the file. */
    public static final String OBJECT_KEY = "objectKey";
    /** One attempt's load id, new for each attempt at a file. */
    public static final String LOAD_ID = "loadId";
    /** The file's {@link LoadContext}: its transaction, counts and rejected rows; set when its load begins. */
    public static final String LOAD_CONTEXT = "loadContext";
    /** The Simple predicate a row must pass to be loaded; set by routes/filter.yaml. */
    public static final String ROW_FILTER = "rowFilter";
    /** How the file ended ({@code notify.LoadOutcome}); set once the load succeeded or failed. */
    public static final String LOAD_OUTCOME = "loadOutcome";
    /** The prefix a settled file moves under: processed or failed. */
    public static final String MOVE_TO_PREFIX = "moveToPrefix";
    /** The keys a queue message announced, kept until the message is deleted or left on the queue. */
    public static final String QUEUE_MESSAGE_KEYS = "queueMessageKeys";

    private ExchangeProperties() {
    }
}
