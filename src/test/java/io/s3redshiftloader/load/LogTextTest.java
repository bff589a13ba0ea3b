package io.s3redshiftloader.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void aBatchsStatementIsNotShown() {
        assertEquals("Batch entry 0 (statement not shown) was aborted: ERROR: value too long for type character varying(3)  "
                + "Call getNextException to see other errors in the batch.",
                LogText.withoutValues("Batch entry 0 INSERT INTO public.t (transaction_id,amount) VALUES ('TX-1','523.10'),('TX-2',"
                        + "'9.99') was aborted: ERROR: value too long for type character varying(3)  Call getNextException to see other "
                        + "errors in the batch."));
    }

    @Test
    void anInsertsValuesAreNotShownEvenWhenTheStatementIsCutShort() {
        assertEquals("INSERT INTO t (a, b) VALUES (value not shown)", LogText.withoutValues("INSERT INTO t (a, b) VALUES ('TX-1', 'Caf"));
    }

    @Test
    void valuesPostgresqlQuotesAreNotShownButItsIdentifiersAre() {
        assertEquals("ERROR: invalid input syntax for type numeric: (value not shown)",
                LogText.withoutValues("ERROR: invalid input syntax for type numeric: \"12,50\""));
        assertEquals("Where: COPY transactions, line 5, column amount: (value not shown)",
                LogText.withoutValues("Where: COPY transactions, line 5, column amount: \"a\"\"bc\""));
        assertEquals("Where: COPY transactions, line 2: (value not shown)",
                LogText.withoutValues("Where: COPY transactions, line 2: \"TX-1,ACC-9,523.10\""));
        assertEquals("ERROR: new row for relation \"transactions\" violates check constraint \"small\"\n  Detail: Failing row contains (value not shown).",
                LogText.withoutValues("ERROR: new row for relation \"transactions\" violates check constraint \"small\"\n"
                        + "  Detail: Failing row contains (TX-1, ACC-9, 523.10, NZD, null, null, null)."));
        assertEquals("Detail: Key (transaction_id)=(value not shown) already exists.",
                LogText.withoutValues("Detail: Key (transaction_id)=(TX-1) already exists."));
        assertEquals("column \"amount\" is of type numeric but expression is of type (value not shown)",
                LogText.withoutValues("column \"amount\" is of type numeric but expression is of type 'abc'"));
    }

    @Test
    void anApostropheInAWordIsNoQuote() {
        String text = "The database couldn't be reached; it's down";
        assertEquals(text, LogText.withoutValues(text));
    }

    @Test
    void linesAreJoinedIntoOne() {
        assertEquals("while parsing a flow sequence / in reader, line 3, column 11: / from: [unclosed",
                LogText.oneLine("while parsing a flow sequence\n in reader, line 3, column 11:\r\n    from: [unclosed\n"));
    }
}
