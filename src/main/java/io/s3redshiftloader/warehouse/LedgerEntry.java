package io.s3redshiftloader.warehouse;

/** What the ledger records of one object: loaded once per bucket, key and ETag, by the load with this id. */
public record LedgerEntry(String bucket, String key, String etag, String loadId) {
}
