-- Target table for the Stats NZ balance-of-payments layout (routes/examples/balance-of-payments.yaml).
-- ${table} stands for TABLE_NAME. Runs on Amazon Redshift and PostgreSQL alike.
CREATE TABLE IF NOT EXISTS ${table} (
    series_reference  VARCHAR(32)    NOT NULL,
    period            VARCHAR(16)    NOT NULL,
    data_value        DECIMAL(18,3),
    suppressed        VARCHAR(8),
    status            VARCHAR(8),
    units             VARCHAR(32),
    magnitude         INTEGER,
    subject           VARCHAR(256),
    "group"           VARCHAR(256),
    series_title_1    VARCHAR(256),
    series_title_2    VARCHAR(256),
    series_title_3    VARCHAR(256),
    series_title_4    VARCHAR(256),
    series_title_5    VARCHAR(256)
);
