package io.s3redshiftloader.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Arrays;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.LogManager;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class JavaLoggingTest {

    @Test
    void aDriversJavaUtilLoggingLineReachesLogbackAndNotJulsConsole() {
        Logger logback = (Logger) LoggerFactory.getLogger("org.postgresql.core.Example");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logback.addAppender(events);
        try {
            JavaLogging.toSlf4j();
            java.util.logging.Logger.getLogger("org.postgresql.core.Example").warning("the driver says something");

            assertEquals(List.of("the driver says something"), events.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
            assertTrue(Arrays.stream(LogManager.getLogManager().getLogger("").getHandlers()).noneMatch(ConsoleHandler.class::isInstance));
        } finally {
            logback.detachAppender(events);
        }
    }
}
