package io.s3redshiftloader.schema;

/** How the target database measures text and which characters a text column stores; values are checked against it. */
public interface TextRules {

    /**
     * Whether a value is longer than VARCHAR(maxLength) as the database measures it; checked for every text field, so
     * the exact length is only worked out when the value could be too long.
     */
    boolean longerThan(String value, int maxLength);

    String lengthUnit();

    /** Whether a text column stores every character of a value; checked for every text field. */
    boolean takesCharacters(Column column, String value);
}
