package io.s3redshiftloader.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OneLineConsoleAppenderTest {
    private static final LoggerContext CONTEXT = new LoggerContext();
    private static final Logger POOL = CONTEXT.getLogger("com.zaxxer.hikari.pool.ProxyConnection");

    /** What a pool logs when a load's batch broke the connection: the statement, its values and a stack trace. */
    private static ILoggingEvent brokenConnection() {
        SQLException cause = new SQLException("ERROR: new row violates check constraint \"small\"\n"
                + "  Detail: Failing row contains (TX-SECRET-1, ACC-77, 523.10).", "23514");
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO t VALUES ('TX-SECRET-1','ACC-77',"
                + "'523.10') was aborted: ERROR: new row violates check constraint \"small\"", "23514", 0, new int[0], cause);
        LoggingEvent event = new LoggingEvent("test", POOL, Level.WARN, "{} - Connection {} marked as broken", batch,
                new Object[] {"HikariPool-1", "PgConnection@1"});
        event.setMDCPropertyMap(Map.of("objectKey", "incoming/a.csv", "loadId", "id-1"));
        return event;
    }

    @Test
    void anExceptionIsOneLineWithoutRowValuesInText() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(CONTEXT);
        encoder.setPattern("%-5level %X{objectKey} %msg%n");
        encoder.start();
        String line = encode(encoder, OneLineConsoleAppender.oneLine(brokenConnection()));

        assertEquals("WARN  incoming/a.csv HikariPool-1 - Connection PgConnection@1 marked as broken (BatchUpdateException: Batch entry 0 "
                + "(statement not shown) was aborted: ERROR: new row violates check constraint \"small\"; cause: SQLException: ERROR: new "
                + "row violates check constraint \"small\")\n", line);
    }

    @Test
    void anExceptionIsOneJsonLineWithoutRowValuesOrStackFrames() {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(CONTEXT);
        encoder.start();
        String line = encode(encoder, OneLineConsoleAppender.oneLine(brokenConnection()));

        assertEquals(1, line.strip().lines().count(), line);
        assertTrue(line.contains("\"loadId\":\"id-1\"") && line.contains("marked as broken (BatchUpdateException: "), line);
        for (String value : new String[] {"TX-SECRET-1", "ACC-77", "523.10", "OneLineConsoleAppenderTest", "stepArray"}) {
            assertFalse(line.contains(value), value + " in " + line);
        }
    }

    @Test
    void aMessageOverSeveralLinesIsJoinedAndASingleLineIsLeftAlone() {
        LoggingEvent multi = new LoggingEvent("test", POOL, Level.WARN, "Error reloading routes\nwhile parsing\n  line 3", null, null);
        multi.setMDCPropertyMap(Map.of());
        assertEquals("Error reloading routes / while parsing / line 3", OneLineConsoleAppender.oneLine(multi).getFormattedMessage());
        LoggingEvent single = new LoggingEvent("test", POOL, Level.INFO, "loading {}", null, new Object[] {"x"});
        assertTrue(OneLineConsoleAppender.oneLine(single) == single);
    }

    private static String encode(Encoder<ILoggingEvent> encoder, ILoggingEvent event) {
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }
}
