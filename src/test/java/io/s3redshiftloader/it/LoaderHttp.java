package io.s3redshiftloader.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.s3redshiftloader.local.LocalAws;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The loader's management port as a monitoring system sees it: health endpoints and the Prometheus scrape. */
final class LoaderHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;

    private LoaderHttp(int port) {
        this.port = port;
    }

    /** A free port for one loader's HTTP server. */
    static LoaderHttp onFreePort() {
        return new LoaderHttp(LocalAws.freePort());
    }

    String port() {
        return Integer.toString(port);
    }

    record Response(int code, String body) {

        /** The health body's overall status, UP or DOWN. */
        String state() {
            return json().path("status").asText();
        }

        /** The names of the checks reported DOWN. */
        List<String> down() {
            return StreamSupport.stream(json().path("checks").spliterator(), false)
                    .filter(check -> "DOWN".equals(check.path("status").asText())).map(check -> check.path("name").asText()).toList();
        }

        private JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not a health answer: " + body, e);
            }
        }
    }

    /** GET on the path; status 0 while nothing listens yet. */
    Response get(String path) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Response(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response readiness() {
        return get("/observe/health/ready");
    }

    Response liveness() {
        return get("/observe/health/live");
    }

    /** The value of one sample in the Prometheus scrape, e.g. {@code loader_files_total{outcome="succeeded"}}. */
    static Optional<Double> sample(String scrape, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return line.find() ? Optional.of(Double.parseDouble(line.group(1))) : Optional.empty();
    }
}
