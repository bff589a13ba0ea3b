package io.s3redshiftloader.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.s3redshiftloader.load.LogText;

/**
 * The console, one line per event whoever logs it (the loader, Camel, HikariCP, a JDBC driver): a logged exception
 * becomes its class and first message line, with its root cause's, instead of a stack trace; a message over several
 * lines is joined into one; and row values a database quotes in an error are taken out. A retried fault is then one
 * line, and a file's rows never reach the log through a library's exception. Works for the text and the JSON encoder.
 */
public final class OneLineConsoleAppender extends ConsoleAppender<ILoggingEvent> {
    private static final int MAX_FAULT_LENGTH = 600;

    @Override
    protected void subAppend(ILoggingEvent event) {
        super.subAppend(oneLine(event));
    }

    static ILoggingEvent oneLine(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        IThrowableProxy fault = event.getThrowableProxy();
        boolean multiLine = message != null && (message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0);
        if (fault == null && !multiLine) {
            return event;
        }
        String text = LogText.oneLine(message);
        if (fault != null) {
            text = text + " (" + describe(fault) + ")";
        }
        LoggingEvent copy = new LoggingEvent();
        copy.setLoggerName(event.getLoggerName());
        copy.setLoggerContextRemoteView(event.getLoggerContextVO());
        copy.setLevel(event.getLevel());
        copy.setThreadName(event.getThreadName());
        copy.setInstant(event.getInstant());
        copy.setMDCPropertyMap(event.getMDCPropertyMap());
        copy.setKeyValuePairs(event.getKeyValuePairs());
        copy.setMessage(LogText.withoutValues(text));
        return copy;
    }

    /** "Type: first line", and the root cause's the same way when there is one. */
    private static String describe(IThrowableProxy fault) {
        IThrowableProxy root = fault;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = firstLine(fault);
        return root == fault ? top : top + "; cause: " + firstLine(root);
    }

    private static String firstLine(IThrowableProxy fault) {
        String type = fault.getClassName().substring(fault.getClassName().lastIndexOf('.') + 1);
        String message = fault.getMessage() == null ? "" : LogText.withoutValues(fault.getMessage().strip()).lines().findFirst().orElse("");
        String line = message.isEmpty() ? type : type + ": " + message;
        return line.length() <= MAX_FAULT_LENGTH ? line : line.substring(0, MAX_FAULT_LENGTH) + "...";
    }
}
