#!/usr/bin/env python3
"""Writes a table the way the AWS KMS + Fernet "envelope encryption with boto3" recipe does.

The recipe, as blog posts give it:

    resp = kms.generate_data_key(KeyId=key_id, KeySpec="AES_256")
    open("encrypted_key.txt", "w").write(base64.b64encode(resp["CiphertextBlob"]).decode())
    f = Fernet(base64.b64encode(resp["Plaintext"]))
    token = f.encrypt(value.encode()).decode()          # stored in the column
    # reading: kms.decrypt(CiphertextBlob=...) -> Fernet(...).decrypt(token)

This script follows it exactly: one data key for the table, no encryption context, no AAD. It
creates (or uses) a KMS key, writes the wrapped data key to --key-file, and inserts --rows rows of
(id, name, email) into --table, both text columns holding Fernet tokens, through the database's own
client (psql or mariadb, so no Python driver is needed). colseal's tests use it to seed the tables
that `colseal reencrypt --from-fernet-key` migrates (migrations/cli FernetRecipeIT); it is also a
way to try the migration by hand against a KMS or moto_server.

Plaintexts are derived from the id (see plaintexts()), and --expected-file receives them as TSV
(id, name, email) so a test can compare. --plaintext-every N leaves the email of every N-th row in
plaintext (a column that was only partly encrypted); --tamper-ids changes one ciphertext byte of
the email token of the given rows (its HMAC then fails).

    python3 seed_fernet_recipe.py --endpoint http://127.0.0.1:5000 --rows 100000 \\
        --dialect postgresql --host 127.0.0.1 --port 5432 --user postgres --database test \\
        --table fernet_customers --key-file encrypted_key.txt --expected-file expected.tsv
"""
import argparse
import base64
import os
import subprocess
import sys

import boto3
from cryptography.fernet import Fernet

FAMILY = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"]
GIVEN = ["민준", "서연", "도윤", "하은", "시우", "지유", "주원", "서윤", "지호", "하린"]


def plaintexts(i):
    """The (name, email) of row i: Hangul names (UTF-8 of 3 bytes a character) and ASCII emails."""
    return FAMILY[i % 10] + GIVEN[(i // 10) % 10] + str(i), "user%d@example.kr" % i


def sql_text(value):
    return "'" + value.replace("'", "''") + "'"


def tamper(token):
    """The token with one ciphertext byte flipped, still well-formed URL-safe Base64 of the same length."""
    raw = bytearray(base64.urlsafe_b64decode(token))
    raw[25] ^= 0x01  # the first byte after version, timestamp and IV
    return base64.urlsafe_b64encode(bytes(raw)).decode()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--endpoint", help="KMS endpoint URL (moto_server); default: the SDK's")
    p.add_argument("--region", default=os.environ.get("AWS_REGION", "us-east-1"))
    p.add_argument("--key-id", help="KMS key to make the data key under; default: a new key")
    p.add_argument("--rows", type=int, default=100000)
    p.add_argument("--dialect", choices=["postgresql", "mariadb"], required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int)
    p.add_argument("--user", required=True)
    p.add_argument("--database", required=True)
    p.add_argument("--schema", help="PostgreSQL schema (search_path)")
    p.add_argument("--table", required=True)
    p.add_argument("--key-file", required=True, help="where the Base64 CiphertextBlob goes (encrypted_key.txt)")
    p.add_argument("--expected-file", help="TSV of id, name, email plaintexts")
    p.add_argument("--plaintext-every", type=int, default=0)
    p.add_argument("--tamper-ids", default="", help="comma-separated ids whose email token is altered")
    a = p.parse_args()

    kms = boto3.client("kms", region_name=a.region, endpoint_url=a.endpoint)
    key_id = a.key_id or kms.create_key(Description="legacy Fernet recipe")["KeyMetadata"]["KeyId"]
    resp = kms.generate_data_key(KeyId=key_id, KeySpec="AES_256")
    with open(a.key_file, "w") as out:
        out.write(base64.b64encode(resp["CiphertextBlob"]).decode())
    f = Fernet(base64.b64encode(resp["Plaintext"]))
    tampered = {int(x) for x in a.tamper_ids.split(",") if x}

    statements = []
    if a.dialect == "postgresql" and a.schema:
        statements.append("SET search_path TO %s;" % a.schema)
    statements.append("CREATE TABLE %s (id BIGINT PRIMARY KEY, name VARCHAR(512), email VARCHAR(512));" % a.table)
    expected = []
    batch = []
    for i in range(1, a.rows + 1):
        name, email = plaintexts(i)
        expected.append("%d\t%s\t%s" % (i, name, email))
        name_token = f.encrypt(name.encode()).decode()
        if a.plaintext_every and i % a.plaintext_every == 0:
            email_stored = email
        else:
            email_stored = f.encrypt(email.encode()).decode()
            if i in tampered:
                email_stored = tamper(email_stored)
        batch.append("(%d, %s, %s)" % (i, sql_text(name_token), sql_text(email_stored)))
        if len(batch) == 1000 or i == a.rows:
            statements.append("INSERT INTO %s (id, name, email) VALUES %s;" % (a.table, ", ".join(batch)))
            batch = []
    script = "\n".join(statements) + "\n"

    if a.dialect == "postgresql":
        cmd = ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", a.host, "-p", str(a.port or 5432), "-U", a.user,
               "-d", a.database]
    else:
        cmd = ["mariadb", "-h", a.host, "-P", str(a.port or 3306), "-u", a.user, "--default-character-set=utf8mb4",
               a.database]
    done = subprocess.run(cmd, input=script.encode("utf-8"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if done.returncode != 0:
        sys.stderr.write(done.stderr.decode("utf-8", "replace"))
        sys.exit("the database client failed (exit %d)" % done.returncode)
    if a.expected_file:
        with open(a.expected_file, "w", encoding="utf-8") as out:
            out.write("\n".join(expected) + "\n")
    print("seeded %d rows into %s with data key of KMS key %s; wrapped key in %s"
          % (a.rows, a.table, key_id, a.key_file))


if __name__ == "__main__":
    main()
