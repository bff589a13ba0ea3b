package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The smoke test of a real Redshift cluster, written once and run two ways: against a real cluster with the packaged
 * jar ({@code mvn -B verify -Predshift-smoke}, see {@link RedshiftClusterSmokeIT}), and on every build against the
 * stand-in, so that this code is never dead. In a scratch schema it loads three generated files (one good, one with
 * rejected rows, one that fails) through the COPY path and the INSERT path, checks the exact rows, the ledger, the
 * moved objects and the notifications, and drops everything it created.
 */
final class ClusterSmoke {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration NOTIFICATIONS = Duration.ofSeconds(60);

    /** Runs the loader once with these settings (on top of the smoke's own) and returns its exit code. */
    @FunctionalInterface
    interface LoaderRun {
        int run(Map<String, String> environment) throws Exception;
    }

    /** A connection to the cluster, for checking and for dropping the scratch schema. */
    @FunctionalInterface
    interface Warehouse {
        Connection connect() throws SQLException;
    }

    private final S3Client s3;
    private final SnsClient sns;
    private final SqsClient sqs;
    private final String bucket;
    private final String topicArn;
    private final String copyRole;
    private final Warehouse warehouse;
    private final String id = UUID.randomUUID().toString().substring(0, 8);

    ClusterSmoke(S3Client s3, SnsClient sns, SqsClient sqs, String bucket, String topicArn, String copyRole, Warehouse warehouse) {
        this.s3 = s3;
        this.sns = sns;
        this.sqs = sqs;
        this.bucket = bucket;
        this.topicArn = topicArn;
        this.copyRole = copyRole;
        this.warehouse = warehouse;
    }

    /** Both paths, checked, then everything the smoke created removed, whether it passed or not. */
    void run(Map<String, String> settings, LoaderRun loader) throws Exception {
        String schema = "loader_smoke_" + id;
        String queueUrl = sqs.createQueue(queue -> queue.queueName("loader-smoke-" + id)).queueUrl();
        String subscription = subscribe(queueUrl);
        try {
            for (String path : List.of("copy", "insert")) {
                Map<String, String> env = new HashMap<>(settings);
                String root = "loader-smoke-" + id + "/" + path + "/";
                env.put("AWS_BUCKET_NAME", bucket);
                env.put("ARN_SNS_URL_IN_AWS", topicArn);
                env.put("TABLE_NAME", schema + ".transactions");
                env.put("S3_PREFIX", root + "incoming/");
                env.put("S3_PROCESSED_PREFIX", root + "processed/");
                env.put("S3_FAILED_PREFIX", root + "failed/");
                env.put("S3_REJECTED_PREFIX", root + "rejected/");
                env.put("LOADER_STAGING_PREFIX", root + "staging/");
                env.put("LOADER_RUN_ONCE", "true");
                env.put("MAX_REJECTED_ROWS", "5");
                if (path.equals("copy")) {
                    env.put("REDSHIFT_COPY_IAM_ROLE", copyRole);
                }
                loadAndCheck(path, root, schema, env, loader, queueUrl);
            }
        } finally {
            try (Connection connection = warehouse.connect(); Statement drop = connection.createStatement()) {
                drop.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            for (S3Object object : s3.listObjectsV2Paginator(list -> list.bucket(bucket).prefix("loader-smoke-" + id + "/")).contents()) {
                s3.deleteObject(delete -> delete.bucket(bucket).key(object.key()));
            }
            sns.unsubscribe(unsubscribe -> unsubscribe.subscriptionArn(subscription));
            sqs.deleteQueue(delete -> delete.queueUrl(queueUrl));
        }
    }

    private void loadAndCheck(String path, String root, String schema, Map<String, String> env, LoaderRun loader, String queueUrl)
            throws Exception {
        TransactionsFile good = new TransactionsFile(path.toUpperCase() + "G", 40);
        String prefix = path.toUpperCase() + "R";
        String withRejects = "transaction_id,account_id,amount,currency,transaction_ts\n"
                + prefix + "1,ACC1,900.00,NZD,2024-03-01T10:00:00Z\n" + prefix + "2,ACC2,12,50,NZD,2024-03-01T10:00:00Z\n"
                + prefix + "3,ACC3,abc,NZD,2024-03-01T10:00:00Z\n" + prefix + "4,ACC4,650.5,EUR,2024-03-01T12:00:00+13:00\n";
        put(root + "incoming/good.csv", good.bytes());
        put(root + "incoming/with-rejects.csv", withRejects.getBytes(StandardCharsets.UTF_8));
        put(root + "incoming/failing.csv", "transaction_id,account_id\nX1,ACC1\n".getBytes(StandardCharsets.UTF_8));

        assertEquals(1, loader.run(env), path + ": one file failed, so run-once exits 1");

        List<String> expected = new ArrayList<>(good.loadedIds());
        expected.addAll(List.of(prefix + "1", prefix + "4"));
        assertEquals(expected, query("SELECT transaction_id FROM " + schema + ".transactions WHERE transaction_id LIKE '"
                + path.toUpperCase() + "%' ORDER BY 1"), path + ": exactly the good rows, once");
        assertEquals(List.of(root + "incoming/good.csv", root + "incoming/with-rejects.csv"),
                query("SELECT object_key FROM " + schema + ".loader_ledger WHERE object_key LIKE '" + root + "%' ORDER BY 1"), path + ": the ledger");
        assertEquals(List.of(), keys(root + "incoming/"), path);
        assertEquals(List.of(root + "processed/" + root + "incoming/good.csv", root + "processed/" + root + "incoming/with-rejects.csv"),
                keys(root + "processed/"), path);
        assertEquals(List.of(root + "failed/" + root + "incoming/failing.csv", root + "failed/" + root + "incoming/failing.csv.error.json"),
                keys(root + "failed/"), path);
        assertEquals(List.of(root + "rejected/" + root + "incoming/with-rejects.csv.rejects.csv"), keys(root + "rejected/"), path);
        assertEquals(List.of(), keys(root + "staging/"), path + ": staged parts removed");
        Map<String, String> statuses = new HashMap<>();
        for (JsonNode notification : notifications(queueUrl, 3)) {
            statuses.put(notification.path("key").asText(), notification.path("status").asText());
        }
        assertEquals(Map.of(root + "incoming/good.csv", "SUCCEEDED", root + "incoming/with-rejects.csv", "SUCCEEDED",
                root + "incoming/failing.csv", "FAILED"), statuses, path);
    }

    /** Subscribes the queue to the topic, with the queue policy SNS needs to deliver to it. */
    private String subscribe(String queueUrl) {
        String queueArn = sqs.getQueueAttributes(attributes -> attributes.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},"
                + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queueArn + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\""
                + topicArn + "\"}}}]}";
        sqs.setQueueAttributes(attributes -> attributes.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY, policy)));
        return sns.subscribe(subscribe -> subscribe.topicArn(topicArn).protocol("sqs").endpoint(queueArn).returnSubscriptionArn(true))
                .subscriptionArn();
    }

    private List<JsonNode> notifications(String queueUrl, int expected) throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        Instant deadline = Instant.now().plus(NOTIFICATIONS);
        while (bodies.size() < expected && Instant.now().isBefore(deadline)) {
            for (Message message : sqs.receiveMessage(receive -> receive.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                bodies.add(JSON.readTree(JSON.readTree(message.body()).path("Message").asText()));
                sqs.deleteMessage(delete -> delete.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        assertTrue(bodies.size() == expected, "expected " + expected + " notifications, got " + bodies);
        return bodies;
    }

    private void put(String key, byte[] content) {
        s3.putObject(put -> put.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    private List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key).sorted().toList();
    }

    private List<String> query(String sql) throws SQLException {
        try (Connection connection = warehouse.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
