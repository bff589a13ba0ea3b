package io.s3redshiftloader.warehouse;

import java.time.Duration;
import java.util.Optional;

/**
 * How to reach the warehouse: the JDBC URL and the database user, and what the pool needs to size itself.
 *
 * @param autoCreate IAM authentication to a provisioned cluster: create the database user on first use
 * @param groups IAM authentication to a provisioned cluster: database groups the user joins for the session
 * @param concurrentFiles files loading at once, each holding one connection for its transaction
 * @param connectTimeout how long one database call waits for a connection before it counts as a failed attempt
 */
public record WarehouseConnection(String jdbcUrl, Optional<String> user, Optional<String> password, Optional<Boolean> autoCreate,
        Optional<String> groups, int concurrentFiles, Duration connectTimeout) {

    /** Leaves the password out, so the record can never print it. */
    @Override
    public String toString() {
        return "WarehouseConnection[user=" + user.orElse("") + ", concurrentFiles=" + concurrentFiles + "]";
    }
}
