package io.s3redshiftloader.start;

import io.s3redshiftloader.config.LoaderSettings;
import io.s3redshiftloader.warehouse.JdbcUrl;
import java.util.ArrayList;
import java.util.List;

/** The values no log line, notification or error may show: what the loader masks as ***. */
public final class Secrets {
    private Secrets() {
    }

    public static List<String> of(LoaderSettings settings) {
        List<String> secrets = new ArrayList<>();
        settings.dbPassword().ifPresent(secrets::add);
        // A driver or the pool may quote the URL in an error (HikariCP masks only "password=", not PWD= or SecretAccessKey=).
        secrets.addAll(new JdbcUrl(settings.jdbcUrl()).credentials());
        secrets.add(System.getenv("AWS_SECRET_ACCESS_KEY"));
        secrets.add(System.getenv("AWS_SESSION_TOKEN"));
        return secrets;
    }
}
