-- colseal sample application schema 2: the email becomes searchable and the phone gets a blind index.
-- customer.email is @Encrypted(deterministic = true) from now on: equal emails have equal envelopes, so a unique
-- index works (and findByEmail can use it). Rows written before keep their randomized envelopes, which stay
-- readable; the demo deletes them on every run.
-- customer.phone_bidx is @BlindIndex(of = "phone"): "bi1:" + key version + ":" + 43 Base64 characters, at most 58.
-- Keep in step with the other vendors' V2.

ALTER TABLE customer ADD COLUMN phone_bidx VARCHAR(64);
CREATE INDEX customer_phone_bidx_ix ON customer (phone_bidx);
CREATE UNIQUE INDEX customer_email_uk ON customer (email);

-- H2 2.4.240 (Spring Boot 4's) evaluates a constant IN list in a CHECK constraint with the session that created the
-- constraint: once that connection closes (Boot's embedded database in @DataJpaTest closes each connection; a new
-- pool on an in-memory database closes the old ones), every insert fails with "Check constraint invalid" ("The
-- database has been closed"). A CASE is evaluated in the inserting session, so the checks are written that way.
ALTER TABLE customer DROP CONSTRAINT customer_tier_ck;
ALTER TABLE customer ADD CONSTRAINT customer_tier_ck
    CHECK (CASE tier WHEN 'BASIC' THEN TRUE WHEN 'SILVER' THEN TRUE WHEN 'GOLD' THEN TRUE WHEN 'VIP' THEN TRUE ELSE FALSE END);
ALTER TABLE payment_card DROP CONSTRAINT payment_card_brand_ck;
ALTER TABLE payment_card ADD CONSTRAINT payment_card_brand_ck
    CHECK (CASE brand WHEN 'VISA' THEN TRUE WHEN 'MASTERCARD' THEN TRUE ELSE FALSE END);
