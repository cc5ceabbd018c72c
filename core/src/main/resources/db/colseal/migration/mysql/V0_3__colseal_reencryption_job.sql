-- colseal 0.3, MariaDB/MySQL: the tables of the re-encryption job (colseal reencrypt). A job is run
-- in one or more runs; each run splits the selected tables into primary-key ranges (partitions) that
-- workers lease, checkpoint after every batch and mark DONE. Keys are primary-key tuples as JSON
-- arrays. Times are UTC.
CREATE TABLE colseal_job (
    job_id       VARCHAR(255)  NOT NULL,
    run_no       INTEGER       NOT NULL,
    mode         VARCHAR(16)   NOT NULL,
    state        VARCHAR(16)   NOT NULL,
    options      TEXT          NOT NULL,
    created_at   DATETIME(6)   NOT NULL COMMENT 'UTC',
    updated_at   DATETIME(6)   NOT NULL COMMENT 'UTC',
    finished_at  DATETIME(6)   NULL COMMENT 'UTC',
    PRIMARY KEY (job_id),
    CONSTRAINT colseal_job_state_ck CHECK (state IN ('RUNNING', 'DONE'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE colseal_job_partition (
    job_id          VARCHAR(255)  NOT NULL,
    run_no          INTEGER       NOT NULL,
    table_name      VARCHAR(128)  NOT NULL,
    partition_no    INTEGER       NOT NULL,
    lower_key       TEXT          NULL,
    upper_key       TEXT          NULL,
    checkpoint_key  TEXT          NULL,
    state           VARCHAR(16)   NOT NULL,
    lease_owner     VARCHAR(255)  NULL,
    lease_until     DATETIME(6)   NULL COMMENT 'UTC',
    attempts        INTEGER       NOT NULL DEFAULT 0,
    rows_examined   BIGINT        NOT NULL DEFAULT 0,
    rows_changed    BIGINT        NOT NULL DEFAULT 0,
    conflicts       BIGINT        NOT NULL DEFAULT 0,
    failures        BIGINT        NOT NULL DEFAULT 0,
    updated_at      DATETIME(6)   NOT NULL COMMENT 'UTC',
    PRIMARY KEY (job_id, run_no, table_name, partition_no),
    CONSTRAINT colseal_job_partition_state_ck CHECK (state IN ('PENDING', 'LEASED', 'DONE'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
