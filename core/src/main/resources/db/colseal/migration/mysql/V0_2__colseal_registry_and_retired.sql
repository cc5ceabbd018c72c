-- colseal 0.2, MariaDB/MySQL: a RETIRED state (kept but no longer used to decrypt) and the column
-- registry, where applications record their encrypted columns for the CLI and reports.
ALTER TABLE colseal_data_key DROP CONSTRAINT colseal_data_key_state_ck;
ALTER TABLE colseal_data_key ADD CONSTRAINT colseal_data_key_state_ck
    CHECK (state IN ('ACTIVE', 'DECRYPT_ONLY', 'RETIRED', 'DESTROYED'));

CREATE TABLE colseal_column (
    table_name      VARCHAR(128)  NOT NULL,
    column_name     VARCHAR(128)  NOT NULL,
    table_sql       VARCHAR(512)  NOT NULL,
    column_sql      VARCHAR(512)  NOT NULL,
    java_type       VARCHAR(255)  NOT NULL,
    storage         VARCHAR(16)   NOT NULL,
    mode            VARCHAR(32)   NOT NULL,
    classification  VARCHAR(64)   NOT NULL,
    entity          VARCHAR(512)  NOT NULL,
    attribute       VARCHAR(512)  NOT NULL,
    registered_at   DATETIME(6)   NOT NULL COMMENT 'UTC',
    last_seen_at    DATETIME(6)   NOT NULL COMMENT 'UTC',
    PRIMARY KEY (table_name, column_name),
    CONSTRAINT colseal_column_storage_ck CHECK (storage IN ('TEXT', 'BINARY'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
