package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3redshiftloader.local.RedshiftStartupRelay;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every statement the Redshift path sends for one file, captured on the wire between the Redshift JDBC driver and the
 * stand-in. The file's transaction must lock the ledger before anything reads or writes (Redshift's snapshot starts at
 * the first such statement), then check it, then write the rows, then record the object, then commit. Nothing the
 * loader sends may use what Redshift lacks, even where PostgreSQL would accept it.
 */
class RedshiftStatementsIT {
    private static final Pattern NOT_ON_REDSHIFT = Pattern.compile(
            "(?i).*(\\bUNLOGGED\\b|\\bON\\s+CONFLICT\\b|pg_advisory|\\bFROM\\s+STDIN\\b|\\bRETURNING\\b|\\bTRUNCATE\\b).*", Pattern.DOTALL);

    @Test
    void theInsertPathLocksAndChecksTheLedgerBeforeItsRowsAndCommitsOnce() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        TransactionsFile file = new TransactionsFile("S", 1200);
        TestStack.aws().putObject(scenario.bucket(), "incoming/statements.csv", file.bytes());

        List<String> statements;
        try (RedshiftStartupRelay relay = RedshiftStartupRelay.start(TestStack.warehouse().port())) {
            assertEquals(0, SampleFileLoadsEndToEndIT.runOnce(scenario.environment(relay.jdbcUrl(TestStack.warehouse().database()))));
            statements = loadConnection(relay.statementsByConnection(), scenario);
        }

        List<String> transaction = fileTransaction(statements, scenario);
        assertEquals(List.of("BEGIN", "LOCK", "CHECK", "ROWS", "RECORD", "COMMIT"), kinds(transaction, scenario), String.join("\n", transaction));
        assertIsolationSetBeforeTheTransaction(statements, transaction);
        assertNothingRedshiftLacks(statements);
        assertEquals(file.loadedIds(), Tables.transactionIds(TestStack.warehouse(), scenario.table()));
    }

    @Test
    void theCopyPathLocksAndChecksTheLedgerBeforeItsCopyAndCommitsOnce() throws Exception {
        TestStack.Scenario scenario = TestStack.scenario();
        TransactionsFile file = new TransactionsFile("M", 1200);
        TestStack.aws().putObject(scenario.bucket(), "incoming/statements.csv", file.bytes());
        S3CopyStandIn standIn = new S3CopyStandIn(null, false);

        List<String> statements;
        try (RedshiftStartupRelay relay = RedshiftStartupRelay.start(TestStack.warehouse().port())) {
            assertEquals(0, RedshiftS3CopyIT.runOnce(scenario, relay, standIn, Map.of()));
            statements = loadConnection(relay.statementsByConnection(), scenario);
        }

        List<String> transaction = fileTransaction(statements, scenario);
        assertEquals(List.of("BEGIN", "LOCK", "CHECK", "COPY", "RECORD", "COMMIT"), kinds(transaction, scenario), String.join("\n", transaction));
        assertIsolationSetBeforeTheTransaction(statements, transaction);
        assertNothingRedshiftLacks(statements);
        assertEquals(1, standIn.statements().size());
        assertNothingRedshiftLacks(standIn.statements());
        assertEquals(file.loadedIds(), Tables.transactionIds(TestStack.warehouse(), scenario.table()));
    }

    /** Everything sent on the connection that carried the file's transaction (the one that locked the ledger). */
    private static List<String> loadConnection(List<List<String>> connections, TestStack.Scenario scenario) {
        List<List<String>> locking = connections.stream()
                .filter(sent -> sent.stream().anyMatch(statement -> statement.startsWith("LOCK TABLE " + scenario.ledger()))).toList();
        assertEquals(1, locking.size(), "one connection locks the ledger, once: " + connections);
        return locking.get(0);
    }

    /** The file's transaction: from the BEGIN before the ledger lock to the COMMIT after it. */
    private static List<String> fileTransaction(List<String> statements, TestStack.Scenario scenario) {
        int lock = -1;
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).startsWith("LOCK TABLE " + scenario.ledger())) {
                lock = i;
            }
        }
        assertTrue(lock > 0, "the ledger is locked: " + statements);
        int begin = lock;
        while (begin > 0 && !statements.get(begin).equals("BEGIN")) {
            begin--;
        }
        int commit = lock;
        while (commit < statements.size() - 1 && !statements.get(commit).equals("COMMIT")) {
            commit++;
        }
        return new ArrayList<>(statements.subList(begin, commit + 1));
    }

    /** Each statement of the transaction by what it does; consecutive row writes, and the stand-in's own work, as one. */
    private static List<String> kinds(List<String> transaction, TestStack.Scenario scenario) {
        List<String> kinds = new ArrayList<>();
        for (String statement : transaction) {
            String kind;
            if (statement.equals("BEGIN") || statement.equals("COMMIT")) {
                kind = statement;
            } else if (statement.startsWith("LOCK TABLE " + scenario.ledger())) {
                kind = "LOCK";
            } else if (statement.startsWith("SELECT load_id FROM " + scenario.ledger())) {
                kind = "CHECK";
            } else if (statement.startsWith("INSERT INTO " + scenario.ledger())) {
                kind = "RECORD";
            } else if (statement.startsWith("INSERT INTO " + scenario.table() + " ")) {
                kind = "ROWS";
            } else if (statement.startsWith(S3CopyStandIn.MARK)) {
                kind = "COPY";
            } else {
                kind = statement;
            }
            if (kinds.isEmpty() || !kinds.get(kinds.size() - 1).equals(kind)) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** The isolation level the lock order relies on is set on the connection, not taken from the server's default. */
    private static void assertIsolationSetBeforeTheTransaction(List<String> statements, List<String> transaction) {
        int begin = statements.lastIndexOf("BEGIN");
        boolean set = statements.subList(0, begin).stream()
                .anyMatch(statement -> statement.toUpperCase(Locale.ROOT).matches("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
        assertTrue(set, "snapshot isolation set before the file's transaction: " + statements.subList(Math.max(0, begin - 5), begin + 1));
    }

    private static void assertNothingRedshiftLacks(List<String> statements) {
        for (String statement : statements) {
            if (!statement.startsWith(S3CopyStandIn.MARK)) {
                assertTrue(!NOT_ON_REDSHIFT.matcher(statement).matches(), "Redshift lacks what this uses: " + statement);
            }
        }
    }
}
