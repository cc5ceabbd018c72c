#!/usr/bin/env python3
"""Writes fernet-recipe.json: Fernet tokens made by the Python `cryptography` package (an
implementation independent of colseal's FernetKey), the way the AWS KMS + Fernet recipe makes them,
and tokens FernetKey must refuse. Run once; the file is frozen (FernetKeyTest reads it).

    python3 core/src/test/resources/vectors/generate_fernet_vectors.py > core/src/test/resources/vectors/fernet-recipe.json
"""
import base64
import hashlib
import hmac
import json
import os
import struct

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

data_key = bytes(range(32))  # the recipe's GenerateDataKey Plaintext (fixed here)
other_key = bytes(range(1, 33))
f = Fernet(base64.b64encode(data_key))  # the recipe passes standard Base64 of the data key
plains = ["", "a", "user1@example.kr", "홍길동", "0123456789abcdef", "x" * 1000, "경기도 성남시 분당구 판교역로 235"]
valid = [{"plaintext": p, "token": f.encrypt(p.encode()).decode()} for p in plains]


def craft(version, ts, iv, ct, key):
    body = bytes([version]) + struct.pack(">Q", ts) + iv + ct
    mac = hmac.new(key[:16], body, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(body + mac).decode()


def raw_cbc(key, iv, padded):
    e = Cipher(algorithms.AES(key[16:]), modes.CBC(iv)).encryptor()
    return e.update(padded) + e.finalize()


def flip(token, index):
    raw = bytearray(base64.urlsafe_b64decode(token))
    raw[index] ^= 1
    return base64.urlsafe_b64encode(bytes(raw)).decode()


t = valid[2]["token"]
raw_len = len(base64.urlsafe_b64decode(t))
iv = bytes(16)
invalid = [
    {"name": "hmac byte flipped", "token": flip(t, raw_len - 1), "reason": "HMAC_MISMATCH"},
    {"name": "ciphertext byte flipped", "token": flip(t, 25), "reason": "HMAC_MISMATCH"},
    {"name": "timestamp byte flipped", "token": flip(t, 8), "reason": "HMAC_MISMATCH"},
    {"name": "other key", "token": Fernet(base64.b64encode(other_key)).encrypt(b"user1@example.kr").decode(),
     "reason": "HMAC_MISMATCH"},
    {"name": "version 0x81, authentic", "token": craft(0x81, 1, iv, raw_cbc(data_key, iv, b"a" + bytes([15]) * 15), data_key),
     "reason": "MALFORMED"},
    {"name": "bad padding, authentic", "token": craft(0x80, 1, iv, raw_cbc(data_key, iv, b"a" * 15 + b"\x05"), data_key),
     "reason": "BAD_PADDING"},
    {"name": "truncated by one block", "token": base64.urlsafe_b64encode(base64.urlsafe_b64decode(t)[:-16]).decode(),
     "reason": "HMAC_MISMATCH"},
    {"name": "not whole blocks", "token": base64.urlsafe_b64encode(base64.urlsafe_b64decode(t)[:-1]).decode(),
     "reason": "MALFORMED"},
    {"name": "standard Base64 alphabet", "token": t.replace("-", "+").replace("_", "/") if ("-" in t or "_" in t) else t[:-4] + "+/+/",
     "reason": "MALFORMED"},
    {"name": "padding removed", "token": t.rstrip("="), "reason": "MALFORMED"},
]
print(json.dumps({
    "about": "Fernet tokens of the AWS KMS + Fernet recipe, made by Python cryptography; see generate_fernet_vectors.py",
    "dataKeyHex": data_key.hex(),
    "valid": valid,
    "invalid": invalid,
}, ensure_ascii=False, indent=2))
