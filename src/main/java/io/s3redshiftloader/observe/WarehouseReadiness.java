package io.s3redshiftloader.observe;

import io.s3redshiftloader.load.ErrorSentences;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/** Ready only while the warehouse answers {@code SELECT 1} through the loader's own pool. */
public final class WarehouseReadiness extends CachedReadinessCheck {
    private static final int QUERY_TIMEOUT_SECONDS = 2;

    private final DataSource warehouse;

    public WarehouseReadiness(DataSource warehouse, Duration interval, ErrorSentences errors) {
        super("warehouse", interval, errors);
        this.warehouse = warehouse;
    }

    @Override
    protected void probe() throws Exception {
        try (Connection connection = warehouse.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
        }
    }
}
