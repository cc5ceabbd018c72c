-- colseal 0.4, H2: what the compliance audit report needs from the key table. encryptions_at_retirement
-- is encryptions_reserved when the version left ACTIVE (so later growth shows encryption after
-- retirement); environment is colseal.environment of the process that created the version.
ALTER TABLE colseal_data_key ADD COLUMN encryptions_at_retirement BIGINT;
ALTER TABLE colseal_data_key ADD COLUMN environment VARCHAR(64);
