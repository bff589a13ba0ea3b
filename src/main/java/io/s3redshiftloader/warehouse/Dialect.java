package io.s3redshiftloader.warehouse;

import java.nio.charset.StandardCharsets;

/** What differs between Amazon Redshift and its PostgreSQL stand-in; every other SQL string is shared (see WarehouseSql). */
public enum Dialect {
    REDSHIFT {
        @Override
        public int textLength(String value) {
            // Redshift VARCHAR(n) and CHAR(n) count bytes, not characters.
            return value.getBytes(StandardCharsets.UTF_8).length;
        }

        @Override
        public boolean longerThan(String value, int maxLength) {
            // A UTF-16 char takes at most 3 UTF-8 bytes: most values fit without being encoded.
            return value.length() * 3L > maxLength && textLength(value) > maxLength;
        }

        @Override
        public String lengthUnit() {
            return "bytes";
        }
    },
    POSTGRESQL {
        @Override
        public int textLength(String value) {
            return value.codePointCount(0, value.length());
        }

        @Override
        public boolean longerThan(String value, int maxLength) {
            return value.length() > maxLength && textLength(value) > maxLength;
        }

        @Override
        public String lengthUnit() {
            return "characters";
        }
    };

    public static Dialect of(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL : REDSHIFT;
    }

    /** The length of a value as the database measures it against VARCHAR(n). */
    public abstract int textLength(String value);

    /** Whether a value is too long for VARCHAR(maxLength), checked per field: the exact length only when it could be. */
    public abstract boolean longerThan(String value, int maxLength);

    public abstract String lengthUnit();
}
