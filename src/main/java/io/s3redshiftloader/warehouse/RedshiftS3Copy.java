package io.s3redshiftloader.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Redshift's bulk load: one {@code COPY … FROM 's3://<bucket>/<staging prefix><load id>/' IAM_ROLE …} reads every
 * gzip part of the load in parallel across the cluster's slices into the stage.
 */
public final class RedshiftS3Copy implements StageCopy {
    private final WarehouseSql sql;
    private final String bucket;
    private final String stagingPrefix;
    private final String iamRole;
    private final Optional<String> region;

    /**
     * @param region the bucket's region when known; COPY needs it when the cluster runs in another region
     */
    public RedshiftS3Copy(WarehouseSql sql, String bucket, String stagingPrefix, String iamRole, Optional<String> region) {
        this.sql = sql;
        this.bucket = bucket;
        this.stagingPrefix = stagingPrefix;
        this.iamRole = iamRole;
        this.region = region;
    }

    /** The folder a load's parts are uploaded to; COPY reads every object under it. */
    public String folder(String loadId) {
        return stagingPrefix + loadId + "/";
    }

    /** The statement that loads the parts; its literals were all validated when the settings were read. */
    public String statement(String loadId, List<String> columns) {
        return sql.copyStageFromS3(columns, "s3://" + bucket + "/" + folder(loadId), iamRole, region);
    }

    @Override
    public void copy(Connection connection, String loadId, List<String> columns) throws SQLException {
        try (Statement copy = connection.createStatement()) {
            copy.execute(statement(loadId, columns));
        }
    }
}
