-- colseal 0.5, H2: blind-index columns in the column registry (mode BLIND_INDEX). source_column is
-- the column whose plaintext is indexed, normalizer and index_bits how (index_bits 256: untruncated).
-- NULL for encrypted columns. The index's HMAC key is a key-table row named '<table>#bidx'.
ALTER TABLE colseal_column ADD COLUMN source_column VARCHAR(128);
ALTER TABLE colseal_column ADD COLUMN normalizer VARCHAR(32);
ALTER TABLE colseal_column ADD COLUMN index_bits INTEGER;
