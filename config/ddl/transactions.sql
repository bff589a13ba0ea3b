-- The sample target table, created when TABLE_AUTO_CREATE=true and the table is absent.
-- ${table} stands for TABLE_NAME. Runs on Amazon Redshift and PostgreSQL alike.
CREATE TABLE IF NOT EXISTS ${table} (
    transaction_id  VARCHAR(64)    NOT NULL,
    account_id      VARCHAR(64),
    amount          DECIMAL(18,2)  NOT NULL,
    currency        CHAR(3),
    transaction_ts  TIMESTAMP,
    merchant        VARCHAR(256),
    category        VARCHAR(64)
);
