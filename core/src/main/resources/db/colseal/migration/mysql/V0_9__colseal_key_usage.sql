-- colseal 0.9, MariaDB/MySQL: what each running process actually encrypted, for the audit's
-- use-after-retirement evidence (PCI DSS 3.7.5). colseal_key_writer has one row per process that
-- encrypted (a random instance id; host and pid for people, never a credential), updated only by that
-- process; colseal_key_usage gets one row per flush per (table, key version) with the encryptions that
-- process performed between period_start and period_end. Rows of colseal_key_usage are only ever
-- inserted.
CREATE TABLE colseal_key_writer (
    instance_id          VARCHAR(64)   NOT NULL,
    process              VARCHAR(255)  NOT NULL,
    started_at           DATETIME(6)   NOT NULL COMMENT 'UTC',
    last_report_at       DATETIME(6)   NOT NULL COMMENT 'UTC',
    stopped_at           DATETIME(6)   NULL COMMENT 'UTC',
    refresh_interval_ms  BIGINT        NOT NULL,
    CONSTRAINT colseal_key_writer_pk PRIMARY KEY (instance_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE colseal_key_usage (
    usage_id      BIGINT        NOT NULL AUTO_INCREMENT,
    table_name    VARCHAR(128)  NOT NULL,
    key_version   INTEGER       NOT NULL,
    instance_id   VARCHAR(64)   NOT NULL,
    period_start  DATETIME(6)   NOT NULL COMMENT 'UTC',
    period_end    DATETIME(6)   NOT NULL COMMENT 'UTC',
    encryptions   BIGINT        NOT NULL,
    CONSTRAINT colseal_key_usage_pk PRIMARY KEY (usage_id),
    KEY colseal_key_usage_key (table_name, key_version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
