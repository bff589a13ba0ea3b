package io.s3redshiftloader.routes;

/**
 * The names under which the routes (routes/*.yaml) find the loader's beans: {@code ref:}, {@code onRedeliveryRef:},
 * {@code executorService:} and {@code ${bean:name}}; the application is to bind each bean under its name here.
 * RouteContractTest fails on a route that names a bean not declared here.
 */
public final class RouteBeans {
    /** Whether the loader takes files now: not while starting or stopping. */
    public static final String INTAKE = "intake";
    /** Lists the CSV keys waiting under the prefix. */
    public static final String INCOMING_OBJECTS = "incomingObjects";
    /** Run-once mode: which files are still to load, and when to stop. */
    public static final String RUN_ONCE = "runOnce";
    /** The threads that load files side by side. */
    public static final String FILE_LOADERS = "fileLoaders";
    /** Reads S3 event messages from the queue and decides when one is deleted. */
    public static final String QUEUE_DELIVERY = "queueDelivery";
    /** Resumes a dropped S3 read at the byte it stopped. */
    public static final String RESUMABLE_BODIES = "resumableBodies";
    /** Begins, commits and ends a file's one transaction, with its ledger entry. */
    public static final String LOAD_SESSION = "loadSession";
    /** Cuts the streamed CSV into chunks of records. */
    public static final String CSV_CHUNKS = "csvChunks";
    /** Parses and validates a chunk's rows. */
    public static final String CHUNK_PARSER = "chunkParser";
    /** Keeps the rows the filter accepts. */
    public static final String ROW_FILTER = "rowFilter";
    /** Writes a chunk's rows into the file's transaction. */
    public static final String CHUNK_WRITER = "chunkWriter";
    /** The threads that parse and write chunks side by side. */
    public static final String CHUNK_WRITERS = "chunkWriters";
    /** Decides a file's outcome: SUCCEEDED, SKIPPED or FAILED. */
    public static final String OUTCOMES = "outcomes";
    /** Logs each retry and each step given up on. */
    public static final String RETRY_LOG = "retryLog";
    /** Gives a settled file fresh retries for its reports, move and notification. */
    public static final String RETRY_BUDGET = "retryBudget";
    /** The notification and the error report of an outcome. */
    public static final String NOTIFICATION_MESSAGE = "notificationMessage";
    /** Moves a settled file to the processed or failed prefix. */
    public static final String OBJECT_MOVE = "objectMove";

    private RouteBeans() {
    }
}
