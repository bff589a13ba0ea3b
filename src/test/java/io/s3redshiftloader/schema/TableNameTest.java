package io.s3redshiftloader.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TABLE_NAME is written into SQL as is, so anything but a plain identifier is refused before any SQL is built. */
class TableNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"public.t; DROP TABLE x", "public.t;DROP TABLE x", "a\"b", "public.\"t\"", "x--", "x/*", "public.t x",
            "t'", "public.t)", "1abc", "public.9t", "tåble", "t-x", "t\u0000x", ".t", "public.", "", "   ", "."})
    void hostileOrMalformedNamesAreRefusedNamingTheBadPart(String name) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TableName.parse(name), name);
        assertTrue(refused.getMessage().contains("is not a plain SQL identifier (1 to 127 lower-case letters, digits, _ or $, not starting with a digit)"),
                refused.getMessage());
    }

    @Test
    void aThirdPartIsRefusedAsSuch() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TableName.parse("schema.table.extra"));
        assertEquals("'schema.table.extra' has more than two parts; write schema.table", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TableName.parse("public.t.; DROP TABLE x"));
    }

    @Test
    void namesLongerThanRedshifts127BytesAreRefused() {
        String longest = "t" + "x".repeat(126);
        assertEquals("public." + longest, TableName.parse(longest).qualified());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TableName.parse(longest + "x"));
        assertTrue(refused.getMessage().contains("1 to 127"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TableName.parse(longest + "x.t"), "a long schema too");
    }

    @Test
    void theRecordItselfRefusesWhatParseWouldRefuse() {
        // Every TableName, however built (sibling, withSuffix, new), went through the same check.
        assertThrows(IllegalArgumentException.class, () -> new TableName("public", "t; DROP TABLE x"));
        assertThrows(IllegalArgumentException.class, () -> TableName.parse("public.t").sibling("x\"y"));
        assertThrows(IllegalArgumentException.class, () -> TableName.parse("public.t").withSuffix(" --"));
    }

    @Test
    void plainNamesAreFoldedToLowerCaseAsRedshiftDoes() {
        assertEquals("sales.daily_tx$2", TableName.parse("  Sales.Daily_TX$2 ").qualified());
        assertEquals("public._events", TableName.parse("_events").qualified());
    }
}
