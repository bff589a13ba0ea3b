package io.s3redshiftloader.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An HTTP front for the emulator's S3 that adds what fauxqs 1.9.2 lacks for moving objects, the way S3 does it:
 * UploadPartCopy (fauxqs answers it with a 500: it has no such operation) as a ranged GET of the source, pinned with
 * If-Match, uploaded as the part; and the {@code x-amz-copy-source-if-match} condition of CopyObject (ignored by
 * fauxqs). Every other request passes through unchanged. A test can run code before each copy, to replace the source
 * meanwhile or to fail the copy with a 500.
 */
public final class PartCopyFront implements AutoCloseable {
    /** Headers the JDK client sets itself, and hop-by-hop headers. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "date");

    private final HttpServer server;
    private final ExecutorService threads;
    private final URI emulator;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger partCopies = new AtomicInteger();
    private final AtomicInteger aborts = new AtomicInteger();
    private volatile IntConsumer beforeCopy = partNumber -> { };

    private PartCopyFront(HttpServer server, ExecutorService threads, URI emulator) {
        this.server = server;
        this.threads = threads;
        this.emulator = emulator;
    }

    public static PartCopyFront to(URI emulator) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService threads = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "part-copy-front");
                thread.setDaemon(true);
                return thread;
            });
            PartCopyFront front = new PartCopyFront(server, threads, emulator);
            server.createContext("/", front::handle);
            server.setExecutor(threads);
            server.start();
            return front;
        } catch (IOException e) {
            throw new IllegalStateException("Could not open the front's port", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A client of the front, as the loader's: path-style, any credentials. */
    public S3Client s3() {
        return S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    /** Runs before each copy with its part number (0 for a CopyObject); a RuntimeException fails that copy with a 500. */
    public void beforeCopy(IntConsumer hook) {
        this.beforeCopy = hook;
    }

    /** Part copies served. */
    public int partCopies() {
        return partCopies.get();
    }

    /** Multipart uploads aborted. */
    public int aborts() {
        return aborts.get();
    }

    private record Response(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.getOrDefault(name, List.of()).stream().findFirst().orElse(null);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            Map<String, List<String>> headers = exchange.getRequestHeaders();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String copySource = exchange.getRequestHeaders().getFirst("x-amz-copy-source");
            Response response;
            if (method.equals("PUT") && copySource != null) {
                response = copy(pathAndQuery, headers, body, copySource);
            } else {
                if (method.equals("DELETE") && pathAndQuery.contains("uploadId=")) {
                    aborts.incrementAndGet();
                }
                response = send(method, pathAndQuery, headers, body);
            }
            respond(exchange, method, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Response copy(String pathAndQuery, Map<String, List<String>> headers, byte[] body, String copySource)
            throws IOException, InterruptedException {
        String source = "/" + (copySource.startsWith("/") ? copySource.substring(1) : copySource);
        String ifMatch = first(headers, "x-amz-copy-source-if-match");
        boolean part = pathAndQuery.contains("uploadId=") && pathAndQuery.contains("partNumber=");
        int partNumber = part ? Integer.parseInt(pathAndQuery.replaceAll(".*[?&]partNumber=(\\d+).*", "$1")) : 0;
        try {
            beforeCopy.accept(partNumber);
        } catch (RuntimeException e) {
            return error(500, "InternalError", "We encountered an internal error. Please try again.");
        }
        if (!part) {
            if (ifMatch != null) {
                Response head = send("HEAD", source, Map.of(), new byte[0]);
                if (head.status() == 200 && !ifMatch.equals(head.header("etag"))) {
                    return error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
                }
            }
            return send("PUT", pathAndQuery, headers, body);
        }
        Map<String, List<String>> conditions = new java.util.HashMap<>();
        if (first(headers, "x-amz-copy-source-range") != null) {
            conditions.put("Range", List.of(first(headers, "x-amz-copy-source-range")));
        }
        if (ifMatch != null) {
            conditions.put("If-Match", List.of(ifMatch));
        }
        Response read = send("GET", source, conditions, new byte[0]);
        if (read.status() != 200 && read.status() != 206) {
            return read;
        }
        Response uploaded = send("PUT", pathAndQuery, Map.of(), read.body());
        if (uploaded.status() != 200) {
            return uploaded;
        }
        partCopies.incrementAndGet();
        String etag = uploaded.header("etag").replace("\"", "&quot;");
        return xml(200, "<CopyPartResult><ETag>" + etag + "</ETag><LastModified>" + Instant.now() + "</LastModified></CopyPartResult>");
    }

    private Response send(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator + pathAndQuery))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(response.statusCode(), response.headers().map(), response.body());
    }

    private static void respond(HttpExchange exchange, String method, Response response) throws IOException {
        response.headers().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        if (method.equals("HEAD")) {
            // A HEAD answer's length is the object's; the JDK server leaves a header set here alone.
            String length = response.header("content-length");
            if (length != null) {
                exchange.getResponseHeaders().set("Content-Length", length);
            }
            exchange.sendResponseHeaders(response.status(), -1);
        } else if (response.body().length == 0) {
            exchange.sendResponseHeaders(response.status(), -1);
        } else {
            exchange.sendResponseHeaders(response.status(), response.body().length);
            exchange.getResponseBody().write(response.body());
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name)).flatMap(header -> header.getValue().stream())
                .findFirst().orElse(null);
    }

    private static Response error(int status, String code, String message) {
        return xml(status, "<Error><Code>" + code + "</Code><Message>" + message + "</Message></Error>");
    }

    private static Response xml(int status, String element) {
        return new Response(status, Map.of("content-type", List.of("application/xml")),
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
