package io.s3redshiftloader.load;

import io.s3redshiftloader.warehouse.RedshiftS3Copy;
import io.s3redshiftloader.warehouse.StageCopy;
import io.s3redshiftloader.warehouse.StagingParts;
import java.nio.file.Path;

/**
 * Redshift's bulk path as a load sees it: each load gets local gzip parts, uploaded under its own folder of the staging
 * prefix, and a {@link StageCopy} that loads them into the stage when the load is published.
 *
 * @param parts how many parts a load's rows are spread over
 * @param temporaryDirectory where the parts are written before the upload
 * @param s3Copy the COPY from S3, which also names each load's folder
 * @param copy what loads the uploaded parts: {@code s3Copy} itself, or a local stand-in where there is no Redshift
 */
public record S3PartsStaging(int parts, Path temporaryDirectory, RedshiftS3Copy s3Copy, StageCopy copy) {

    StagingParts open(String loadId) {
        return new StagingParts(loadId, parts, temporaryDirectory);
    }

    /** The object key a part of this load is uploaded to. */
    String key(String loadId, Path part) {
        return s3Copy.folder(loadId) + part.getFileName();
    }
}
