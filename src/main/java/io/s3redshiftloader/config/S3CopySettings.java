package io.s3redshiftloader.config;

/**
 * Redshift's bulk path: matching rows of large chunks go as gzip CSV parts to {@code stagingPrefix} in the loader's
 * bucket, and one {@code COPY … FROM 's3://…' IAM_ROLE …} loads them into the stage when the file is published.
 *
 * @param iamRole the role Redshift assumes to read the staging objects ({@code REDSHIFT_COPY_IAM_ROLE})
 * @param stagingPrefix where the parts go, one folder per load ({@code LOADER_STAGING_PREFIX})
 * @param parts how many parts a load's rows are spread over: a multiple of the cluster's slices, so every slice loads
 *              a share ({@code LOADER_STAGING_PARTS})
 */
public record S3CopySettings(String iamRole, String stagingPrefix, int parts) {
}
