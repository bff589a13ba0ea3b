package io.s3redshiftloader.schema;

import java.sql.Types;
import java.util.Locale;
import java.util.Optional;

/** The column types the loader can fill, named as information_schema.columns.data_type reports them. */
public enum ColumnKind {
    TEXT(Types.VARCHAR),
    DECIMAL(Types.NUMERIC),
    INTEGER(Types.BIGINT),
    FLOAT(Types.DOUBLE),
    BOOLEAN(Types.BOOLEAN),
    DATE(Types.DATE),
    TIMESTAMP(Types.TIMESTAMP),
    TIMESTAMP_WITH_ZONE(Types.TIMESTAMP_WITH_TIMEZONE);

    private final int sqlType;

    ColumnKind(int sqlType) {
        this.sqlType = sqlType;
    }

    public int sqlType() {
        return sqlType;
    }

    public static Optional<ColumnKind> of(String dataType) {
        return Optional.ofNullable(switch (dataType.toLowerCase(Locale.ROOT)) {
            case "character varying", "character", "text", "bpchar", "varchar", "char" -> TEXT;
            case "numeric", "decimal" -> DECIMAL;
            case "smallint", "integer", "bigint" -> INTEGER;
            case "real", "double precision" -> FLOAT;
            case "boolean" -> BOOLEAN;
            case "date" -> DATE;
            case "timestamp without time zone" -> TIMESTAMP;
            case "timestamp with time zone" -> TIMESTAMP_WITH_ZONE;
            default -> null;
        });
    }
}
