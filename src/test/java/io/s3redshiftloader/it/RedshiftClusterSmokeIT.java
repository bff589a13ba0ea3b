package io.s3redshiftloader.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The packaged jar against a real Redshift cluster and real AWS: {@code mvn -B verify -Predshift-smoke} with
 * REDSHIFT_SMOKE_JDBC_URL, REDSHIFT_SMOKE_BUCKET, REDSHIFT_SMOKE_COPY_ROLE and REDSHIFT_SMOKE_TOPIC_ARN set (and
 * optionally REDSHIFT_SMOKE_USER / REDSHIFT_SMOKE_PASSWORD), credentials from the AWS default provider chain. Without
 * them it is skipped with one line. Only the redshift-smoke profile runs it.
 */
class RedshiftClusterSmokeIT {
    private static final List<String> REQUIRED = List.of("REDSHIFT_SMOKE_JDBC_URL", "REDSHIFT_SMOKE_BUCKET", "REDSHIFT_SMOKE_COPY_ROLE",
            "REDSHIFT_SMOKE_TOPIC_ARN");

    @Test
    void thePackagedJarLoadsIntoARealCluster() throws Exception {
        List<String> missing = REQUIRED.stream().filter(name -> setting(name).isEmpty()).toList();
        String skipped = "Redshift smoke test skipped: set " + String.join(", ", missing) + " to run it against a real cluster";
        if (!missing.isEmpty()) {
            System.out.println(skipped);
        }
        assumeTrue(missing.isEmpty(), skipped);
        String jdbcUrl = setting("REDSHIFT_SMOKE_JDBC_URL").orElseThrow();
        Properties login = new Properties();
        setting("REDSHIFT_SMOKE_USER").ifPresent(user -> {
            login.setProperty("user", user);
            login.setProperty("DbUser", user);
        });
        setting("REDSHIFT_SMOKE_PASSWORD").ifPresent(password -> login.setProperty("password", password));
        try (S3Client s3 = S3Client.create(); SnsClient sns = SnsClient.create(); SqsClient sqs = SqsClient.create()) {
            ClusterSmoke smoke = new ClusterSmoke(s3, sns, sqs, setting("REDSHIFT_SMOKE_BUCKET").orElseThrow(),
                    setting("REDSHIFT_SMOKE_TOPIC_ARN").orElseThrow(), setting("REDSHIFT_SMOKE_COPY_ROLE").orElseThrow(),
                    () -> DriverManager.getConnection(jdbcUrl, login));
            Map<String, String> settings = new HashMap<>(System.getenv());
            settings.put("REDSHIFT_JDBC_URL", jdbcUrl);
            setting("REDSHIFT_SMOKE_USER").ifPresent(user -> settings.put("REDSHIFT_DBUSER", user));
            setting("REDSHIFT_SMOKE_PASSWORD").ifPresent(password -> settings.put("REDSHIFT_PASSWORD", password));
            settings.put("LOADER_HTTP_PORT", "0");
            smoke.run(settings, env -> {
                try (LoaderProcess loader = LoaderProcess.start(env)) {
                    return loader.awaitExit(900);
                }
            });
        }
    }

    private static Optional<String> setting(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
