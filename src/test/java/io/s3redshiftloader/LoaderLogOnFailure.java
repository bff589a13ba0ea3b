package io.s3redshiftloader;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;
import org.slf4j.LoggerFactory;

/**
 * The loader running in the test JVM logs into a file (logback-test.xml), so a passing build prints none of it; a
 * failing test carries the lines logged while it ran, as a suppressed exception the build prints with the failure.
 */
public final class LoaderLogOnFailure implements BeforeEachCallback, TestExecutionExceptionHandler {
    private static final int MAX_LINES = 400;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LoaderLogOnFailure.class);

    /** The lines, as one message without a stack trace of its own. */
    private static final class LoaderLog extends Exception {
        LoaderLog(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Path log = logFile();
        context.getStore(NAMESPACE).put("start", log == null ? 0L : log.toFile().length());
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Path log = logFile();
        Long start = context.getStore(NAMESPACE).get("start", Long.class);
        if (log != null && start != null && !(failure instanceof TestAbortedException) && Files.exists(log)) {
            List<String> lines = linesFrom(log, start);
            List<String> tail = lines.subList(Math.max(0, lines.size() - MAX_LINES), lines.size());
            failure.addSuppressed(new LoaderLog("The loader's log while the test ran (" + log + (tail.size() < lines.size()
                    ? ", last " + tail.size() + " of " + lines.size() + " lines" : "") + "):\n" + String.join("\n", tail)));
        }
        throw failure;
    }

    /** The file logback-test.xml writes; null when the tests run with another configuration. */
    private static Path logFile() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback
                && logback.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("file") instanceof FileAppender<?> file) {
            return Path.of(file.getFile());
        }
        return null;
    }

    private static List<String> linesFrom(Path log, long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            byte[] bytes = new byte[(int) Math.max(0, Math.min(Integer.MAX_VALUE, length - offset))];
            file.seek(Math.min(offset, length));
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        }
    }
}
