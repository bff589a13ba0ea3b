package io.s3redshiftloader.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The AWS emulator (fauxqs: S3, SNS and SQS on one port) as a child process, with clients for setting up and
 * inspecting what the loader did. Installed by {@code npm ci} from the project's package.json.
 */
public final class LocalAws implements AutoCloseable {
    static final String ACCESS_KEY = "test";
    static final String SECRET_KEY = "test";
    private static final Path CLI = Path.of("node_modules", "fauxqs", "dist", "cli.js");
    private static final int PART_SIZE = 8 * 1024 * 1024;

    private final Process process;
    private final URI endpoint;
    private final S3Client s3;
    private final SnsClient sns;
    private final SqsClient sqs;

    private LocalAws(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        this.s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials).httpClientBuilder(ApacheHttpClient.builder()).build();
        this.sns = SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder()).build();
        this.sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    public static LocalAws start() {
        if (!Files.isRegularFile(CLI)) {
            throw new IllegalStateException("The AWS emulator is not installed: run 'npm ci' in the project folder first (missing " + CLI + ")");
        }
        int port = freePort();
        try {
            Path log = Files.createTempFile("fauxqs-", ".log");
            ProcessBuilder builder = new ProcessBuilder("node", CLI.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(Map.of("FAUXQS_PORT", Integer.toString(port), "FAUXQS_LOGGER", "false"));
            Process process = builder.start();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            awaitHealthy(process, endpoint, log);
            return new LocalAws(process, endpoint);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the AWS emulator: " + e.getMessage(), e);
        }
    }

    private static void awaitHealthy(Process process, URI endpoint, Path log) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The AWS emulator exited at start: " + Files.readString(log));
            }
            try {
                var response = http.send(HttpRequest.newBuilder(endpoint.resolve("/health")).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(Duration.ofMillis(100));
        }
        process.destroyForcibly();
        throw new IllegalStateException("The AWS emulator did not become healthy within 60 s: " + Files.readString(log));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free local port", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public String region() {
        return Region.US_EAST_1.id();
    }

    public S3Client s3() {
        return s3;
    }

    public SnsClient sns() {
        return sns;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public void createBucket(String bucket) {
        s3.createBucket(b -> b.bucket(bucket));
    }

    public String createTopic(String name) {
        return sns.createTopic(b -> b.name(name)).topicArn();
    }

    /** Creates a queue and subscribes it to the topic, so a test can read what was published. */
    public String subscribeNewQueue(String topicArn, String queueName) {
        String queueUrl = sqs.createQueue(b -> b.queueName(queueName)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        return queueUrl;
    }

    /** Waits until {@code expected} messages arrived (or the timeout passed), deletes and returns them. */
    public List<String> receiveAll(String queueUrl, int expected, Duration timeout) {
        List<String> bodies = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (bodies.size() < expected && Instant.now().isBefore(deadline)) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            for (Message message : messages) {
                bodies.add(message.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        if (bodies.size() != expected) {
            throw new AssertionError("Expected " + expected + " messages on " + queueUrl + " but got " + bodies.size() + ": " + bodies);
        }
        return bodies;
    }

    /** Messages that arrive within {@code wait}; for asserting that nothing more was published. */
    public List<String> receiveWithin(String queueUrl, Duration wait) {
        List<String> bodies = new ArrayList<>();
        Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline)) {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                bodies.add(message.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return bodies;
    }

    /** Uploads an object and returns its ETag. */
    public String putObject(String bucket, String key, byte[] content) {
        return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content)).eTag();
    }

    /** A queue whose redrive policy moves a message received more than {@code maxReceiveCount} times to a dead-letter queue. */
    public EventQueue createQueueWithDeadLetterQueue(String name, int maxReceiveCount) {
        String deadLetterUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        String deadLetterArn = sqs.getQueueAttributes(b -> b.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrivePolicy = "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
        String url = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrivePolicy))).queueUrl();
        return new EventQueue(url, deadLetterUrl);
    }

    /** A queue of S3 events and the dead-letter queue its redrive policy names. */
    public record EventQueue(String url, String deadLetterUrl) {
    }

    public void sendMessage(String queueUrl, String body) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
    }

    /** Messages on the queue, waiting or in flight (received, not yet deleted). */
    public int messagesOnQueue(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Multipart upload: the emulator refuses single request bodies over 11 MiB. */
    public void putLargeObject(String bucket, String key, Path file) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer;
            int number = 1;
            while ((buffer = in.readNBytes(PART_SIZE)).length > 0) {
                int partNumber = number++;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                        RequestBody.fromBytes(buffer)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
        } catch (IOException e) {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            throw new IllegalStateException("Could not read " + file, e);
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    }

    public List<String> listKeys(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key).sorted().toList();
    }

    public String getObjectAsString(String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        s3.close();
        sns.close();
        sqs.close();
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(5).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
