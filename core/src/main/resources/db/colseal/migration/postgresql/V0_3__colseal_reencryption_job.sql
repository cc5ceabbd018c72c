-- colseal 0.3, PostgreSQL: the tables of the re-encryption job (colseal reencrypt). A job is run in one or
-- more runs; each run splits the selected tables into primary-key ranges (partitions) that workers
-- lease, checkpoint after every batch and mark DONE. Keys are primary-key tuples as JSON arrays.
CREATE TABLE colseal_job (
    job_id       VARCHAR(255)             NOT NULL,
    run_no       INTEGER                  NOT NULL,
    mode         VARCHAR(16)              NOT NULL,
    state        VARCHAR(16)              NOT NULL,
    options      TEXT                     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT colseal_job_pk PRIMARY KEY (job_id),
    CONSTRAINT colseal_job_state_ck CHECK (state IN ('RUNNING', 'DONE'))
);

CREATE TABLE colseal_job_partition (
    job_id          VARCHAR(255)             NOT NULL,
    run_no          INTEGER                  NOT NULL,
    table_name      VARCHAR(128)             NOT NULL,
    partition_no    INTEGER                  NOT NULL,
    lower_key       TEXT,
    upper_key       TEXT,
    checkpoint_key  TEXT,
    state           VARCHAR(16)              NOT NULL,
    lease_owner     VARCHAR(255),
    lease_until     TIMESTAMP WITH TIME ZONE,
    attempts        INTEGER                  DEFAULT 0 NOT NULL,
    rows_examined   BIGINT                   DEFAULT 0 NOT NULL,
    rows_changed    BIGINT                   DEFAULT 0 NOT NULL,
    conflicts       BIGINT                   DEFAULT 0 NOT NULL,
    failures        BIGINT                   DEFAULT 0 NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT colseal_job_partition_pk PRIMARY KEY (job_id, run_no, table_name, partition_no),
    CONSTRAINT colseal_job_partition_state_ck CHECK (state IN ('PENDING', 'LEASED', 'DONE'))
);
