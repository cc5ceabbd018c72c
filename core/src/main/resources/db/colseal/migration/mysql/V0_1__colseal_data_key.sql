-- colseal key table, MariaDB 10.5+ and MySQL 8.0.16+. One row per (application table, data key version).
-- Only wrapped keys are stored; back this table up with the data it protects.
-- Documented in docs/reference/key-table.md.
CREATE TABLE colseal_data_key (
    table_name           VARCHAR(128)  NOT NULL,
    key_version          INTEGER       NOT NULL,
    state                VARCHAR(16)   NOT NULL,
    algorithm            VARCHAR(32)   NOT NULL,
    kek_provider         VARCHAR(32)   NOT NULL,
    kek_id               VARCHAR(2048) NOT NULL,
    wrapped_key          VARBINARY(4096),
    key_check_value      VARCHAR(64)   NOT NULL,
    encryptions_reserved BIGINT        NOT NULL DEFAULT 0,
    created_at           DATETIME(6)   NOT NULL COMMENT 'UTC',
    activated_at         DATETIME(6)   NULL COMMENT 'UTC',
    retired_at           DATETIME(6)   NULL COMMENT 'UTC',
    destroyed_at         DATETIME(6)   NULL COMMENT 'UTC',
    updated_at           DATETIME(6)   NOT NULL COMMENT 'UTC',
    created_by           VARCHAR(255),
    row_version          INTEGER       NOT NULL DEFAULT 0,
    -- NULL unless ACTIVE; a unique index allows many NULLs, so this allows one ACTIVE per table.
    active_table         VARCHAR(128) GENERATED ALWAYS AS (CASE WHEN state = 'ACTIVE' THEN table_name ELSE NULL END) STORED,
    PRIMARY KEY (table_name, key_version),
    CONSTRAINT colseal_data_key_version_ck CHECK (key_version > 0),
    CONSTRAINT colseal_data_key_state_ck CHECK (state IN ('ACTIVE', 'DECRYPT_ONLY', 'DESTROYED')),
    CONSTRAINT colseal_data_key_wrapped_ck CHECK ((state = 'DESTROYED') = (wrapped_key IS NULL)),
    CONSTRAINT colseal_data_key_usage_ck CHECK (encryptions_reserved >= 0),
    UNIQUE KEY colseal_data_key_one_active (active_table)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
