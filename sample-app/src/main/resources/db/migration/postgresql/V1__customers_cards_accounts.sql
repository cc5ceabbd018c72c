-- colseal sample application schema, PostgreSQL.
-- Encrypted columns hold text envelopes: "cs1:01:0000000001:" (18 chars) + Base64(nonce 12 | ciphertext | tag 16).
-- A string of n characters encrypts to at most 3n UTF-8 bytes, so its column is 18 + 4 * ceil((3n + 28) / 3) wide;
-- a LocalDate is 8 bytes, so 66. The comment after each encrypted column gives the plaintext it was sized for.
-- Keep in step with h2/ and mariadb/.

CREATE SEQUENCE customer_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE payment_card_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE bank_account_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE customer (
    id                           BIGINT                      NOT NULL,
    member_number                VARCHAR(16)                 NOT NULL,
    tier                         VARCHAR(16)                 NOT NULL,
    created_at                   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    name                         VARCHAR(258)                NOT NULL, -- encrypted, 50 chars
    email                        VARCHAR(1074)               NOT NULL, -- encrypted, 254 chars
    phone                        VARCHAR(138)                NOT NULL, -- encrypted, 20 chars
    resident_registration_number VARCHAR(114)                NOT NULL, -- encrypted, 14 chars
    birth_date                   VARCHAR(66)                 NOT NULL, -- encrypted LocalDate
    CONSTRAINT customer_pk PRIMARY KEY (id),
    CONSTRAINT customer_member_number_uk UNIQUE (member_number),
    CONSTRAINT customer_tier_ck CHECK (tier IN ('BASIC', 'SILVER', 'GOLD', 'VIP'))
);

CREATE TABLE payment_card (
    id          BIGINT       NOT NULL,
    customer_id BIGINT       NOT NULL,
    brand       VARCHAR(16)  NOT NULL,
    last4       VARCHAR(4)   NOT NULL,
    card_number VARCHAR(134) NOT NULL, -- encrypted, 19 chars
    expiry      VARCHAR(78)  NOT NULL, -- encrypted, 5 chars (MM/YY)
    CONSTRAINT payment_card_pk PRIMARY KEY (id),
    CONSTRAINT payment_card_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (id),
    CONSTRAINT payment_card_brand_ck CHECK (brand IN ('VISA', 'MASTERCARD'))
);
CREATE INDEX payment_card_customer_ix ON payment_card (customer_id);

CREATE TABLE bank_account (
    id             BIGINT       NOT NULL,
    customer_id    BIGINT       NOT NULL,
    bank_name      VARCHAR(40)  NOT NULL,
    account_number VARCHAR(178) NOT NULL, -- encrypted, 30 chars
    CONSTRAINT bank_account_pk PRIMARY KEY (id),
    CONSTRAINT bank_account_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (id)
);
CREATE INDEX bank_account_customer_ix ON bank_account (customer_id);
