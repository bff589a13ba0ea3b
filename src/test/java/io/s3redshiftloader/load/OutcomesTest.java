package io.s3redshiftloader.load;

import io.s3redshiftloader.csv.ParsedChunk;
import io.s3redshiftloader.csv.RejectedRow;
import io.s3redshiftloader.csv.UnloadableFileException;
import io.s3redshiftloader.notify.LoadOutcome.Status;
import io.s3redshiftloader.notify.LoadOutcome;
import io.s3redshiftloader.observe.LoadMetrics;
import io.s3redshiftloader.routes.ExchangeProperties;
import io.s3redshiftloader.s3.ObjectKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each file's outcome as its notification and the metrics report it: SUCCEEDED with its counts, SKIPPED with the earlier
 * load, FAILED with one sentence and the keys of its reports, and the tally the run-once exit code is made from.
 */
class OutcomesTest {
    private static final String KEY = "incoming/tx.csv";
    private static final String PASSWORD = "s3cr3t-Passw0rd";

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final Outcomes outcomes = new Outcomes("bucket", "public.transactions", new ObjectKeys("processed/", "failed/", "rejected/"),
            new ErrorSentences(List.of(PASSWORD)), new LoadMetrics(registry, new LoadsInFlight()));
    private final List<LoadContext> loads = new ArrayList<>();

    @AfterEach
    void deleteRejectsReports() throws Exception {
        loads.forEach(LoadContext::close);
        camel.close();
    }

    @Test
    void aCommittedLoadSucceedsWithItsCountsItsRejectsReportAndItsOwnLoadId() {
        LoadContext load = loadWithCounts(10, 4, 2, 4);
        Exchange exchange = exchangeWith(load);

        outcomes.finished(exchange);

        LoadOutcome outcome = outcomeOf(exchange);
        assertEquals(Status.SUCCEEDED, outcome.status());
        assertEquals("bucket", outcome.bucket());
        assertEquals(KEY, outcome.key());
        assertEquals("public.transactions", outcome.table());
        assertEquals(List.of(10L, 4L, 2L, 4L), List.of(outcome.rowsRead(), outcome.rowsFiltered(), outcome.rowsRejected(), outcome.rowsLoaded()));
        assertEquals("rejected/incoming/tx.csv.rejects.csv", outcome.rejectsKey());
        assertEquals(load.loadId(), outcome.loadId());
        assertNull(outcome.error());
        assertNull(outcome.errorKey());
        assertEquals(1, outcomes.filesFinished());
        assertEquals(0, outcomes.filesFailed());
    }

    @Test
    void aLoadWithoutRejectedRowsNamesNoRejectsReport() {
        Exchange exchange = exchangeWith(loadWithCounts(5, 1, 0, 4));

        outcomes.finished(exchange);

        assertNull(outcomeOf(exchange).rejectsKey());
    }

    @Test
    void anObjectLoadedBeforeIsSkippedWithNoRowsAndTheEarlierLoadId() {
        LoadContext load = loadWithCounts(10, 4, 2, 4);
        load.alreadyLoadedBy("earlier-load");
        Exchange exchange = exchangeWith(load);

        outcomes.finished(exchange);

        LoadOutcome outcome = outcomeOf(exchange);
        assertEquals(Status.SKIPPED, outcome.status());
        assertEquals(List.of(0L, 0L, 0L, 0L), List.of(outcome.rowsRead(), outcome.rowsFiltered(), outcome.rowsRejected(), outcome.rowsLoaded()));
        assertNull(outcome.rejectsKey());
        assertEquals("earlier-load", outcome.loadId());
        assertEquals(0, outcomes.filesFailed());
    }

    @Test
    void aFailedLoadLoadsNoRowsSaysWhyInOneSentenceAndNamesItsReports() {
        LoadContext load = loadWithCounts(10, 4, 2, 4);
        Exchange exchange = exchangeWith(load);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new UnloadableFileException("The header lacks the required column amount."));

        outcomes.failed(exchange);

        LoadOutcome outcome = outcomeOf(exchange);
        assertEquals(Status.FAILED, outcome.status());
        assertEquals(List.of(10L, 4L, 2L, 0L), List.of(outcome.rowsRead(), outcome.rowsFiltered(), outcome.rowsRejected(), outcome.rowsLoaded()),
                "how far it got, and nothing loaded");
        assertEquals("The header lacks the required column amount.", outcome.error());
        assertEquals("failed/incoming/tx.csv.error.json", outcome.errorKey());
        assertEquals("rejected/incoming/tx.csv.rejects.csv", outcome.rejectsKey());
        assertEquals(load.loadId(), outcome.loadId());
        assertEquals(1, outcomes.filesFailed());
        assertEquals(1, outcomes.filesFinished());
    }

    @Test
    void aFailureBeforeTheLoadBeganIsReportedUnderTheKeyBeingLoaded() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(ExchangeProperties.OBJECT_KEY, KEY);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT,
                new SQLException("password authentication failed for user \"loader\" with " + PASSWORD, "28P01"));

        outcomes.failed(exchange);

        LoadOutcome outcome = outcomeOf(exchange);
        assertEquals(Status.FAILED, outcome.status());
        assertEquals(KEY, outcome.key());
        assertNull(outcome.loadId());
        assertNull(outcome.rejectsKey());
        assertEquals(List.of(0L, 0L, 0L, 0L), List.of(outcome.rowsRead(), outcome.rowsFiltered(), outcome.rowsRejected(), outcome.rowsLoaded()));
        assertTrue(outcome.error().startsWith("The database refused the load after retries: "), outcome.error());
        assertFalse(outcome.error().contains(PASSWORD), "secrets are masked: " + outcome.error());
        assertEquals("failed/incoming/tx.csv.error.json", outcome.errorKey());
    }

    @Test
    void aFailureWithoutACauseStillGetsASentence() {
        Exchange exchange = exchangeWith(loadWithCounts(0, 0, 0, 0));

        outcomes.failed(exchange);

        assertEquals("The load failed for an unknown reason.", outcomeOf(exchange).error());
    }

    @Test
    void theMetricsCountEachFileByOutcomeAndTheRowsItsNotificationReports() {
        outcomes.finished(exchangeWith(loadWithCounts(10, 4, 2, 4)));
        LoadContext skipped = loadWithCounts(7, 0, 0, 7);
        skipped.alreadyLoadedBy("earlier-load");
        outcomes.finished(exchangeWith(skipped));
        Exchange failed = exchangeWith(loadWithCounts(5, 1, 1, 3));
        failed.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("boom"));
        outcomes.failed(failed);

        assertEquals(1, files("succeeded"));
        assertEquals(1, files("skipped"));
        assertEquals(1, files("failed"));
        assertEquals(15, rows("read"), "the succeeded and the failed file's rows; none of the skipped one");
        assertEquals(5, rows("filtered"));
        assertEquals(3, rows("rejected"));
        assertEquals(4, rows("loaded"), "only the succeeded file's");
        assertEquals(1, registry.get("loader.load.duration").tag("outcome", "failed").timer().count());
        assertEquals(3, outcomes.filesFinished());
        assertEquals(1, outcomes.filesFailed());
    }

    /** A load whose counts add up as after its commit: read = filtered + rejected + written. */
    private LoadContext loadWithCounts(int read, int filtered, int rejected, int written) {
        LoadContext load = new LoadContext("bucket", KEY, "etag-1", 1000);
        loads.add(load);
        List<RejectedRow> rejects = new ArrayList<>();
        for (int i = 0; i < rejected; i++) {
            rejects.add(new RejectedRow(i + 2, "amount is not a number", new String[] {"t", "abc"}));
        }
        load.countParsed(new ParsedChunk(1, read, List.of(), rejects));
        load.countFiltered(filtered);
        load.countWritten(written);
        return load;
    }

    private Exchange exchangeWith(LoadContext load) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(ExchangeProperties.LOAD_CONTEXT, load);
        return exchange;
    }

    private static LoadOutcome outcomeOf(Exchange exchange) {
        return exchange.getProperty(ExchangeProperties.LOAD_OUTCOME, LoadOutcome.class);
    }

    private double files(String outcome) {
        return registry.get("loader.files").tag("outcome", outcome).counter().count();
    }

    private double rows(String kind) {
        return registry.get("loader.rows." + kind).counter().count();
    }
}
