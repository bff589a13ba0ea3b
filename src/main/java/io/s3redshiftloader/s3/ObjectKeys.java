package io.s3redshiftloader.s3;

/** Where a file's objects go; each keeps the full original key under its prefix. */
public record ObjectKeys(String processedPrefix, String failedPrefix, String rejectedPrefix) {

    public String processed(String key) {
        return processedPrefix + key;
    }

    public String failed(String key) {
        return failedPrefix + key;
    }

    public String errorReport(String key) {
        return failedPrefix + key + ".error.json";
    }

    public String rejects(String key) {
        return rejectedPrefix + key + ".rejects.csv";
    }
}
