package io.s3redshiftloader.load;

import io.s3redshiftloader.csv.SourceReadException;
import io.s3redshiftloader.csv.UnloadableFileException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Says in one human sentence why a file failed: no stack trace, no class names where a sentence will do, no row value a
 * database quoted, and never a secret (known secret values are masked wherever they might have crept in).
 */
public final class ErrorSentences {
    private static final int MAX_LENGTH = 600;
    private final List<String> secrets;

    public ErrorSentences(Collection<String> secrets) {
        // Longest first: a secret that contains a shorter one must not be left half masked.
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public String describe(Throwable failure) {
        return mask(sentence(failure));
    }

    private static String sentence(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnloadableFileException || cause instanceof SourceReadException) {
                return cause.getMessage();
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                SQLException deepest = deepestSqlException(sql);
                return (unreachable(sql) ? "The database could not be reached after retries: " : "The database refused the load after retries: ")
                        + firstLine(deepest.getMessage());
            }
            if (cause instanceof SdkException) {
                return "An AWS request failed after retries: " + firstLine(cause.getMessage());
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "The load failed unexpectedly: " + firstLine(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }

    /** Connection pools wrap the driver's own, more telling, exception. */
    private static SQLException deepestSqlException(SQLException failure) {
        SQLException deepest = failure;
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                deepest = sql;
            }
        }
        return deepest;
    }

    /** SQLState class 08 is "connection exception"; a pool that cannot open a connection says so by its type. */
    private static boolean unreachable(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** The fault in one line, for logs: what failed and, when it differs, the root cause. */
    public String reason(Throwable fault) {
        Throwable root = fault;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = fault.getClass().getSimpleName() + ": " + firstLine(fault.getMessage());
        return root == fault ? top : top + " (cause: " + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage()) + ")";
    }

    /** Replaces every known secret value with ***. */
    public String mask(String text) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, "***");
        }
        return masked;
    }

    private static String firstLine(String message) {
        // A database's error may quote the file's values; its first line does too ("for type numeric: "abc"").
        String line = message == null ? "no detail given" : LogText.withoutValues(message.strip()).lines().findFirst().orElse("");
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH) + "...";
    }
}
