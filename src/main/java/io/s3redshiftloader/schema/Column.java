package io.s3redshiftloader.schema;

/**
 * One column of the target table.
 *
 * @param maxLength for text columns, the declared length (0 when unbounded)
 * @param precision for decimal columns, total digits; for integer columns, the size in bits
 * @param columnDefault whether the database fills the column when a file leaves it out
 */
public record Column(String name, ColumnKind kind, String dataType, int maxLength, int precision, int scale, boolean nullable,
        ColumnDefault columnDefault) {
}
