-- colseal key table, H2. One row per (application table, data key version).
-- Only wrapped keys are stored; back this table up with the data it protects.
-- Documented in docs/reference/key-table.md.
CREATE TABLE colseal_data_key (
    table_name           VARCHAR(128)             NOT NULL,
    key_version          INTEGER                  NOT NULL,
    state                VARCHAR(16)              NOT NULL,
    algorithm            VARCHAR(32)              NOT NULL,
    kek_provider         VARCHAR(32)              NOT NULL,
    kek_id               VARCHAR(2048)            NOT NULL,
    wrapped_key          VARBINARY(4096),
    key_check_value      VARCHAR(64)              NOT NULL,
    encryptions_reserved BIGINT                   DEFAULT 0 NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    activated_at         TIMESTAMP WITH TIME ZONE,
    retired_at           TIMESTAMP WITH TIME ZONE,
    destroyed_at         TIMESTAMP WITH TIME ZONE,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by           VARCHAR(255),
    row_version          INTEGER                  DEFAULT 0 NOT NULL,
    -- NULL unless ACTIVE; a unique index allows many NULLs, so this allows one ACTIVE per table.
    active_table         VARCHAR(128) GENERATED ALWAYS AS (CASE WHEN state = 'ACTIVE' THEN table_name END),
    CONSTRAINT colseal_data_key_pk PRIMARY KEY (table_name, key_version),
    CONSTRAINT colseal_data_key_version_ck CHECK (key_version > 0),
    CONSTRAINT colseal_data_key_state_ck CHECK (state IN ('ACTIVE', 'DECRYPT_ONLY', 'DESTROYED')),
    CONSTRAINT colseal_data_key_wrapped_ck CHECK ((state = 'DESTROYED') = (wrapped_key IS NULL)),
    CONSTRAINT colseal_data_key_usage_ck CHECK (encryptions_reserved >= 0),
    CONSTRAINT colseal_data_key_one_active UNIQUE (active_table)
);
