-- colseal sample application schema 2: the email becomes searchable and the phone gets a blind index.
-- customer.email is @Encrypted(deterministic = true) from now on: equal emails have equal envelopes, so a unique
-- index works (and findByEmail can use it). Rows written before keep their randomized envelopes, which stay
-- readable; the demo deletes them on every run.
-- customer.phone_bidx is @BlindIndex(of = "phone"): "bi1:" + key version + ":" + 43 Base64 characters, at most 58.
-- Keep in step with the other vendors' V2.

ALTER TABLE customer ADD COLUMN phone_bidx VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL COMMENT 'blind index of phone';
CREATE INDEX customer_phone_bidx_ix ON customer (phone_bidx);
CREATE UNIQUE INDEX customer_email_uk ON customer (email);
