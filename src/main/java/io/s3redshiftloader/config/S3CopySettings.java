package io.s3redshiftloader.config;

import java.util.Optional;

/**
 * Redshift's COPY from S3: a file's matching rows go as gzip CSV parts to {@code stagingPrefix} in the loader's bucket,
 * and one {@code COPY … MANIFEST} loads them inside the file's transaction.
 *
 * @param iamRole the role Redshift assumes to read the staging objects ({@code REDSHIFT_COPY_IAM_ROLE})
 * @param stagingPrefix where the parts go, one folder per load ({@code LOADER_STAGING_PREFIX})
 * @param parts how many parts a load's rows are spread over at a time: a multiple of the cluster's slices, so every
 *              slice loads a share ({@code LOADER_STAGING_PARTS})
 * @param partBytes compressed bytes a part grows to before the next group of parts starts ({@code LOADER_STAGING_PART_MB})
 * @param region the staging bucket's region, when given ({@code REDSHIFT_COPY_REGION}); otherwise S3 is asked
 */
public record S3CopySettings(String iamRole, String stagingPrefix, int parts, long partBytes, Optional<String> region) {
}
