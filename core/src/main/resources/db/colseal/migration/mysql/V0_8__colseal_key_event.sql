-- colseal 0.8, MariaDB/MySQL: the history of what key commands did to data key versions, for the
-- audit report's key registers: a rewrap (which KEK wrapped the version before and after), a
-- retirement, a reactivation, a destruction and its method. Rows are only ever inserted, in the
-- transaction of the change they record. actor names the OS user, database user and process; never a
-- credential.
CREATE TABLE colseal_key_event (
    event_id     BIGINT        NOT NULL AUTO_INCREMENT,
    table_name   VARCHAR(128)  NOT NULL,
    key_version  INTEGER       NOT NULL,
    event        VARCHAR(16)   NOT NULL,
    occurred_at  DATETIME(6)   NOT NULL COMMENT 'UTC',
    actor        VARCHAR(512)  NOT NULL,
    from_kek_id  VARCHAR(2048),
    to_kek_id    VARCHAR(2048),
    detail       VARCHAR(512),
    CONSTRAINT colseal_key_event_pk PRIMARY KEY (event_id),
    KEY colseal_key_event_key (table_name, key_version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
