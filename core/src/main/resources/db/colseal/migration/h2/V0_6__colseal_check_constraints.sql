-- colseal 0.6, H2: every CHECK constraint that tested a column with IN (...) is re-created as a
-- simple CASE. H2 2.4.240 (the H2 that Spring Boot 4.0 and 4.1 manage) ties an IN list in a
-- constraint to the session that created it: once that connection is physically closed, every
-- insert or update of the table fails with SQLState 23514 "Check constraint invalid" (H2 issue
-- 4302, fixed in 2.5). An OR chain does not help: H2 turns equalities of one column joined by OR
-- into an IN list. The columns are NOT NULL, so ELSE FALSE rejects exactly what IN rejected.
ALTER TABLE colseal_data_key DROP CONSTRAINT colseal_data_key_state_ck;
ALTER TABLE colseal_data_key ADD CONSTRAINT colseal_data_key_state_ck
    CHECK (CASE state WHEN 'ACTIVE' THEN TRUE WHEN 'DECRYPT_ONLY' THEN TRUE WHEN 'RETIRED' THEN TRUE
                      WHEN 'DESTROYED' THEN TRUE ELSE FALSE END);

ALTER TABLE colseal_column DROP CONSTRAINT colseal_column_storage_ck;
ALTER TABLE colseal_column ADD CONSTRAINT colseal_column_storage_ck
    CHECK (CASE storage WHEN 'TEXT' THEN TRUE WHEN 'BINARY' THEN TRUE ELSE FALSE END);

ALTER TABLE colseal_job DROP CONSTRAINT colseal_job_state_ck;
ALTER TABLE colseal_job ADD CONSTRAINT colseal_job_state_ck
    CHECK (CASE state WHEN 'RUNNING' THEN TRUE WHEN 'DONE' THEN TRUE ELSE FALSE END);

ALTER TABLE colseal_job_partition DROP CONSTRAINT colseal_job_partition_state_ck;
ALTER TABLE colseal_job_partition ADD CONSTRAINT colseal_job_partition_state_ck
    CHECK (CASE state WHEN 'PENDING' THEN TRUE WHEN 'LEASED' THEN TRUE WHEN 'DONE' THEN TRUE ELSE FALSE END);
