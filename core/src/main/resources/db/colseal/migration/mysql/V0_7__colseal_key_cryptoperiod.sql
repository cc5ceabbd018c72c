-- colseal 0.7, MariaDB/MySQL: each data key version's cryptoperiod, recorded with the key rather than read from
-- whoever audits it. use_ends_at ends the originator-usage period (activation plus
-- colseal.keys.originator-period of the process that created the version), valid_until the validity
-- period (creation plus colseal.keys.validity-period). Both are set by the INSERT that creates a
-- version and changed only by `colseal keys set-cryptoperiod`, which logs a CRYPTOPERIOD key event.
-- Rows created before 0.7 stay NULL: not recorded.
ALTER TABLE colseal_data_key ADD COLUMN use_ends_at DATETIME(6) COMMENT 'UTC';
ALTER TABLE colseal_data_key ADD COLUMN valid_until DATETIME(6) COMMENT 'UTC';
