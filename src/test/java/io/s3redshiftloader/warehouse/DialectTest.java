package io.s3redshiftloader.warehouse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DialectTest {
    @Test
    void redshiftCountsUtf8BytesAtTheLimit() {
        assertFalse(Dialect.REDSHIFT.longerThan("€".repeat(85), 256), "255 bytes");
        assertTrue(Dialect.REDSHIFT.longerThan("€".repeat(86), 256), "258 bytes in 86 characters");
        assertFalse(Dialect.REDSHIFT.longerThan("a".repeat(256), 256));
        assertTrue(Dialect.REDSHIFT.longerThan("a".repeat(256) + "é", 256), "258 bytes");
        assertTrue(Dialect.REDSHIFT.longerThan("😀".repeat(65), 256), "260 bytes in 130 UTF-16 units");
    }

    @Test
    void postgresqlCountsCharactersNotUtf16Units() {
        assertFalse(Dialect.POSTGRESQL.longerThan("😀".repeat(256), 256), "512 UTF-16 units, 256 characters");
        assertTrue(Dialect.POSTGRESQL.longerThan("😀".repeat(257), 256));
        assertFalse(Dialect.POSTGRESQL.longerThan("€".repeat(256), 256));
        assertTrue(Dialect.POSTGRESQL.longerThan("a".repeat(257), 256));
    }
}
