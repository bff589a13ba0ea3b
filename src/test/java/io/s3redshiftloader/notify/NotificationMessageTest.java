package io.s3redshiftloader.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.s3redshiftloader.notify.LoadOutcome.Status;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sns.Sns2Constants;
import org.apache.camel.component.aws2.sns.Sns2HeaderFilterStrategy;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotificationMessageTest {
    private static final String KEY = "incoming/tx.csv";
    private static final Set<String> CONTRACT_FIELDS = Set.of("status", "bucket", "key", "table", "rowsRead", "rowsFiltered",
            "rowsRejected", "rowsLoaded", "rejectsKey", "loadId", "durationMs");

    private final CamelContext context = new DefaultCamelContext();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    private static LoadOutcome succeeded(String key) {
        return new LoadOutcome(Status.SUCCEEDED, "b", key, "public.transactions", 1000, 480, 3, 517,
                "rejected/" + key + ".rejects.csv", "load-42", 812, null, null);
    }

    private static LoadOutcome skipped(String key) {
        return new LoadOutcome(Status.SKIPPED, "b", key, "public.transactions", 0, 0, 0, 0, null, "load-41", 15, null, null);
    }

    private static LoadOutcome failed(String key) {
        return new LoadOutcome(Status.FAILED, "b", key, "public.transactions", 10, 2, 8, 0, "rejected/" + key + ".rejects.csv",
                "load-43", 90, "More rows were rejected than MAX_REJECTED_ROWS allows.", "failed/" + key + ".error.json");
    }

    private JsonNode body(LoadOutcome outcome) throws Exception {
        return json.readTree(NotificationMessage.json(outcome));
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void succeededBodyHasExactlyTheContractFieldsAndValues() throws Exception {
        JsonNode body = body(succeeded(KEY));
        assertEquals(CONTRACT_FIELDS, names(body));
        assertEquals("SUCCEEDED", body.get("status").asText());
        assertEquals("b", body.get("bucket").asText());
        assertEquals(KEY, body.get("key").asText());
        assertEquals("public.transactions", body.get("table").asText());
        assertEquals(1000, body.get("rowsRead").asLong());
        assertEquals(480, body.get("rowsFiltered").asLong());
        assertEquals(3, body.get("rowsRejected").asLong());
        assertEquals(517, body.get("rowsLoaded").asLong());
        assertEquals("rejected/incoming/tx.csv.rejects.csv", body.get("rejectsKey").asText());
        assertEquals("load-42", body.get("loadId").asText());
        assertEquals(812, body.get("durationMs").asLong());
    }

    @Test
    void countsAreJsonNumbersAndStatusIsAString() throws Exception {
        JsonNode body = body(succeeded(KEY));
        for (String count : new String[] {"rowsRead", "rowsFiltered", "rowsRejected", "rowsLoaded", "durationMs"}) {
            assertTrue(body.get(count).isIntegralNumber(), count);
        }
        assertTrue(body.get("status").isTextual());
    }

    @Test
    void failedBodyAddsErrorAndErrorKey() throws Exception {
        JsonNode body = body(failed(KEY));
        Set<String> expected = new HashSet<>(CONTRACT_FIELDS);
        expected.add("error");
        expected.add("errorKey");
        assertEquals(expected, names(body));
        assertEquals("FAILED", body.get("status").asText());
        assertEquals("More rows were rejected than MAX_REJECTED_ROWS allows.", body.get("error").asText());
        assertEquals("failed/incoming/tx.csv.error.json", body.get("errorKey").asText());
    }

    @Test
    void nullFieldsAreOmittedRatherThanWrittenAsNull() throws Exception {
        String text = NotificationMessage.json(skipped(KEY));
        JsonNode body = json.readTree(text);
        assertFalse(body.has("rejectsKey"), text);
        assertFalse(body.has("error"), text);
        assertFalse(body.has("errorKey"), text);
        assertFalse(text.contains("null"), text);
        assertEquals("SKIPPED", body.get("status").asText());
        assertEquals(0, body.get("rowsLoaded").asLong());
    }

    @Test
    void subjectSaysHowTheFileEnded() {
        assertEquals("Data loaded successfully: incoming/tx.csv", succeeded(KEY).subject());
        assertEquals("Data load FAILED: incoming/tx.csv", failed(KEY).subject());
        assertEquals("Data already loaded: incoming/tx.csv", skipped(KEY).subject());
    }

    @Test
    void subjectOfExactlyOneHundredCharactersIsNotCut() {
        String lead = "Data loaded successfully: ";
        String key = "incoming/" + "k".repeat(100 - lead.length() - "incoming/".length());
        assertEquals(lead + key, succeeded(key).subject());
        assertEquals(100, succeeded(key).subject().length());
    }

    @Test
    void longKeyIsCutToOneHundredCharactersKeepingTheFileNameAtTheEnd() {
        String key = "incoming/" + "deep/".repeat(40) + "transactions-2024-06-30.csv";
        for (LoadOutcome outcome : new LoadOutcome[] {succeeded(key), failed(key), skipped(key)}) {
            String subject = outcome.subject();
            assertEquals(100, subject.length(), subject);
            assertTrue(subject.startsWith(outcome.subject().substring(0, subject.indexOf(": ") + 2) + "..."), subject);
            assertTrue(subject.endsWith("/deep/transactions-2024-06-30.csv"), subject);
        }
    }

    @Test
    void nonAsciiAndControlCharactersInTheKeyBecomeQuestionMarks() {
        assertEquals("Data load FAILED: incoming/donn?es-?.csv", failed("incoming/données-\uD83D\uDCB0.csv").subject());
        assertEquals("Data loaded successfully: incoming/a?b.csv", succeeded("incoming/a\nb.csv").subject());
    }

    @Test
    void longNonAsciiKeyGivesAPrintableAsciiSubjectOfAtMostOneHundredCharacters() {
        String key = "incoming/" + "日本語のファイル名".repeat(30) + ".csv";
        for (LoadOutcome outcome : new LoadOutcome[] {succeeded(key), failed(key), skipped(key)}) {
            String subject = outcome.subject();
            assertTrue(subject.length() <= 100, subject);
            assertTrue(subject.chars().allMatch(c -> c >= 0x20 && c <= 0x7E), subject);
        }
    }

    @Test
    void prepareReplacesTheMessageWithTheNotification() {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody("the CSV being loaded");
        exchange.getMessage().setHeader("CamelAwsS3Key", KEY);
        exchange.getMessage().setHeader("CamelAwsS3ETag", "\"abc\"");
        exchange.getMessage().setHeader("leftover", "from an earlier step");
        LoadOutcome outcome = failed(KEY);

        new NotificationMessage().prepare(exchange, outcome);

        assertEquals(NotificationMessage.json(outcome), exchange.getMessage().getBody(String.class));
        assertEquals(Map.of(Sns2Constants.SUBJECT, "Data load FAILED: incoming/tx.csv", "status", "FAILED"),
                new TreeMap<>(exchange.getMessage().getHeaders()));
    }

    @Test
    void prepareSetsTheStatusAttributeForEachOutcome() {
        for (LoadOutcome outcome : new LoadOutcome[] {succeeded(KEY), failed(KEY), skipped(KEY)}) {
            Exchange exchange = new DefaultExchange(context);
            new NotificationMessage().prepare(exchange, outcome);
            assertEquals(outcome.status().name(), exchange.getMessage().getHeader("status"));
            assertEquals(outcome.subject(), exchange.getMessage().getHeader(Sns2Constants.SUBJECT));
        }
    }

    @Test
    void onlyStatusIsLeftForTheSnsProducerToTurnIntoAMessageAttribute() {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader("CamelAwsS3Key", KEY);
        exchange.getMessage().setHeader("leftover", "x");
        new NotificationMessage().prepare(exchange, succeeded(KEY));

        // The aws2-sns producer sends as attributes exactly the headers its filter strategy lets through.
        Sns2HeaderFilterStrategy filter = new Sns2HeaderFilterStrategy();
        Set<String> attributes = new HashSet<>();
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (!filter.applyFilterToCamelHeaders(name, value, exchange)) {
                attributes.add(name);
            }
        });
        assertEquals(Set.of("status"), attributes);
    }

    @Test
    void errorReportIsTheSameJsonAsTheNotification() {
        LoadOutcome outcome = failed(KEY);
        assertEquals(NotificationMessage.json(outcome), new NotificationMessage().errorReport(outcome));
    }
}
