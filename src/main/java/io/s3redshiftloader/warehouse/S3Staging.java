package io.s3redshiftloader.warehouse;

import java.nio.file.Path;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Redshift's COPY from S3: where a load's gzip CSV parts and manifest go, and how COPY reads them.
 *
 * @param bucket the bucket the parts are uploaded to (the loader's own)
 * @param prefix the staging prefix; each load gets the folder {@code <prefix><load id>/}
 * @param iamRole the role Redshift assumes to read the parts
 * @param region the bucket's region, for COPY's REGION: looked up when first needed
 * @param partsPerGroup how many parts a load's rows are spread over at a time: a multiple of the cluster's slices
 * @param partBytes compressed bytes after which a group of parts is full and the next one starts
 * @param temporaryDirectory where the parts are built before the upload
 * @param copy what runs the COPY: Redshift itself, or a stand-in where there is no Redshift
 */
public record S3Staging(S3Client s3, String bucket, String prefix, String iamRole, Supplier<String> region, int partsPerGroup,
        long partBytes, Path temporaryDirectory, S3Copy copy) {

    /** The folder a load's parts and manifest are uploaded to. */
    public String folder(String loadId) {
        return prefix + loadId + "/";
    }
}
