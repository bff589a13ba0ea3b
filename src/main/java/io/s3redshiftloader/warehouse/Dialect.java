package io.s3redshiftloader.warehouse;

import java.nio.charset.StandardCharsets;

/** What differs between Amazon Redshift and its PostgreSQL stand-in; every other SQL string is shared (see WarehouseSql). */
public enum Dialect {
    REDSHIFT {
        @Override
        public boolean longerThan(String value, int maxLength) {
            // Redshift VARCHAR(n) and CHAR(n) count bytes, not characters. A UTF-16 char takes at most 3 UTF-8 bytes,
            // so most values fit without being encoded.
            return value.length() * 3L > maxLength && value.getBytes(StandardCharsets.UTF_8).length > maxLength;
        }

        @Override
        public String lengthUnit() {
            return "bytes";
        }
    },
    POSTGRESQL {
        @Override
        public boolean longerThan(String value, int maxLength) {
            return value.length() > maxLength && value.codePointCount(0, value.length()) > maxLength;
        }

        @Override
        public String lengthUnit() {
            return "characters";
        }
    };

    public static Dialect of(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL : REDSHIFT;
    }

    /**
     * Whether a value is longer than VARCHAR(maxLength) as the database measures it; checked for every text field, so
     * the exact length is only worked out when the value could be too long.
     */
    public abstract boolean longerThan(String value, int maxLength);

    public abstract String lengthUnit();
}
