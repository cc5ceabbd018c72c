#!/usr/bin/env python3
"""A small, slow reference ARIA-256-GCM for colseal_decode.py (envelope algorithm 03). Test use only.

Python's `cryptography` package has no ARIA, so the independent decoder carries this one. It was
written from the published descriptions, not from colseal's Java code or any other implementation:

- ARIA block cipher: RFC 5794 (section 2: key schedule, round functions, diffusion layer A). The
  substitution boxes are computed rather than typed in: SB1 is the AES S-box (the inverse in
  GF(2^8) modulo x^8 + x^4 + x^3 + x + 1, then the AES affine map), SB2 is the affine map
  B * x^247 + 0xE2 of the ARIA specification (KS X 1213), SB3 and SB4 are the inverses of SB1 and
  SB2. RFC 5794's tables are the result; the known-answer tests below would fail on any difference.
- GCM: NIST SP 800-38D, with a 96-bit IV and a 128-bit tag only (what colseal writes).

`python3 aria_gcm.py [WYCHEPROOF.json]` runs the RFC 5794 appendix A known-answer tests (A.1-A.3)
and, given the file, every entry of a Wycheproof ARIA-GCM test group (core's
src/test/resources/vectors/aria-gcm-wycheproof.json); it prints "N passed, M failed".
Constant-time it is not: never use it for anything but checking data.
"""

import json
import sys


def _gmul(a, b):
    r = 0
    while b:
        if b & 1:
            r ^= a
        a <<= 1
        if a & 0x100:
            a ^= 0x11B
        b >>= 1
    return r


def _gpow(x, e):
    r = 1
    while e:
        if e & 1:
            r = _gmul(r, x)
        x = _gmul(x, x)
        e >>= 1
    return r


def _affine(columns, constant, x):
    """The GF(2)-affine map whose matrix has column i = columns[i] (the image of bit i)."""
    y = constant
    for i in range(8):
        if (x >> i) & 1:
            y ^= columns[i]
    return y


# AES affine map: b_i' = b_i ^ b_(i+4) ^ b_(i+5) ^ b_(i+6) ^ b_(i+7) ^ c_i, c = 0x63 (FIPS 197 5.1.1).
_AES_COLUMNS = [((0x1F << i) | (0x1F >> (8 - i))) & 0xFF for i in range(8)]
# ARIA's B, as the images of bits 0..7 (KS X 1213 / the ARIA specification, S-box S2).
_B_COLUMNS = [0xAC, 0xC5, 0x12, 0xCF, 0x5B, 0x5F, 0x85, 0xEE]

SB1 = [_affine(_AES_COLUMNS, 0x63, _gpow(x, 254)) for x in range(256)]
SB2 = [_affine(_B_COLUMNS, 0xE2, _gpow(x, 247)) for x in range(256)]
SB3 = [0] * 256
SB4 = [0] * 256
for _x in range(256):
    SB3[SB1[_x]] = _x
    SB4[SB2[_x]] = _x

# RFC 5794 section 2.2: the constants CK (first 128*3 bits of the fractional part of 1/pi).
C1 = 0x517CC1B727220A94FE13ABE8FA9A6EE0
C2 = 0x6DB14ACC9E21C820FF28B1D5EF5DE2B0
C3 = 0xDB92371D2126E9700324977504E8C90E
MASK = (1 << 128) - 1

# RFC 5794 section 2.4.3: the diffusion layer, y_i = XOR of x_j for j in A_ROWS[i].
A_ROWS = [
    (3, 4, 6, 8, 9, 13, 14), (2, 5, 7, 8, 9, 12, 15), (1, 4, 6, 10, 11, 12, 15), (0, 5, 7, 10, 11, 13, 14),
    (0, 2, 5, 8, 11, 14, 15), (1, 3, 4, 9, 10, 14, 15), (0, 2, 7, 9, 10, 12, 13), (1, 3, 6, 8, 11, 12, 13),
    (0, 1, 4, 7, 10, 13, 15), (0, 1, 5, 6, 11, 12, 14), (2, 3, 5, 6, 8, 13, 15), (2, 3, 4, 7, 9, 12, 14),
    (1, 2, 6, 7, 9, 11, 12), (0, 3, 6, 7, 8, 10, 13), (0, 3, 4, 5, 9, 11, 14), (1, 2, 4, 5, 8, 10, 15),
]


def _to_bytes(x):
    return x.to_bytes(16, "big")


def _to_int(b):
    return int.from_bytes(b, "big")


def _sl(x, boxes):
    b = _to_bytes(x)
    return _to_int(bytes(boxes[i % 4][v] for i, v in enumerate(b)))


def _a(x):
    b = _to_bytes(x)
    out = bytearray(16)
    for i, row in enumerate(A_ROWS):
        v = 0
        for j in row:
            v ^= b[j]
        out[i] = v
    return _to_int(bytes(out))


def _fo(d, rk):  # odd round: SL1 (SB1, SB2, SB3, SB4), then A
    return _a(_sl(d ^ rk, (SB1, SB2, SB3, SB4)))


def _fe(d, rk):  # even round: SL2 (SB3, SB4, SB1, SB2), then A
    return _a(_sl(d ^ rk, (SB3, SB4, SB1, SB2)))


def _rotr(x, n):
    return ((x >> n) | (x << (128 - n))) & MASK


def _rotl(x, n):
    return _rotr(x, 128 - n)


def encryption_keys(key):
    """RFC 5794 section 2.2: the n + 1 round keys ek1..ek(n+1) of a 16-, 24- or 32-byte key."""
    if len(key) not in (16, 24, 32):
        raise ValueError("ARIA keys are 128, 192 or 256 bits")
    k = int.from_bytes(key + bytes(32 - len(key)), "big")
    kl, kr = k >> 128, k & MASK
    ck1, ck2, ck3 = {16: (C1, C2, C3), 24: (C2, C3, C1), 32: (C3, C1, C2)}[len(key)]
    w0 = kl
    w1 = _fo(w0, ck1) ^ kr
    w2 = _fe(w1, ck2) ^ w0
    w3 = _fo(w2, ck3) ^ w1
    ek = [
        w0 ^ _rotr(w1, 19), w1 ^ _rotr(w2, 19), w2 ^ _rotr(w3, 19), _rotr(w0, 19) ^ w3,
        w0 ^ _rotr(w1, 31), w1 ^ _rotr(w2, 31), w2 ^ _rotr(w3, 31), _rotr(w0, 31) ^ w3,
        w0 ^ _rotl(w1, 61), w1 ^ _rotl(w2, 61), w2 ^ _rotl(w3, 61), _rotl(w0, 61) ^ w3,
        w0 ^ _rotl(w1, 31), w1 ^ _rotl(w2, 31), w2 ^ _rotl(w3, 31), _rotl(w0, 31) ^ w3,
        w0 ^ _rotl(w1, 19),
    ]
    rounds = {16: 12, 24: 14, 32: 16}[len(key)]
    return ek[: rounds + 1]


def encrypt_block(ek, block):
    """RFC 5794 section 2.3: one 16-byte block under the round keys from encryption_keys."""
    n = len(ek) - 1
    p = _to_int(block)
    for i in range(n - 1):
        p = _fo(p, ek[i]) if i % 2 == 0 else _fe(p, ek[i])
    return _to_bytes(_sl(p ^ ek[n - 1], (SB3, SB4, SB1, SB2)) ^ ek[n])


# ----------------------------------------------------------------------------- GCM (SP 800-38D)

_R = 0xE1 << 120


def _ghash_mul(x, y):
    z, v = 0, y
    for i in range(127, -1, -1):
        if (x >> i) & 1:
            z ^= v
        v = (v >> 1) ^ _R if v & 1 else v >> 1
    return z


def _ghash(h, aad, ct):
    def blocks(data):
        for i in range(0, len(data), 16):
            yield _to_int(data[i:i + 16].ljust(16, b"\0"))

    y = 0
    for b in list(blocks(aad)) + list(blocks(ct)):
        y = _ghash_mul(y ^ b, h)
    return _ghash_mul(y ^ ((len(aad) * 8) << 64 | len(ct) * 8), h)


def _ctr(ek, j0, data):
    out = bytearray()
    counter = _to_int(j0)
    for i in range(0, len(data), 16):
        counter = (counter & ~0xFFFFFFFF) | ((counter + 1) & 0xFFFFFFFF)
        stream = encrypt_block(ek, _to_bytes(counter))
        out += bytes(a ^ b for a, b in zip(data[i:i + 16], stream))
    return bytes(out)


class InvalidTag(Exception):
    pass


def _tag(ek, j0, aad, ct):
    h = _to_int(encrypt_block(ek, bytes(16)))
    return bytes(a ^ b for a, b in zip(encrypt_block(ek, j0), _to_bytes(_ghash(h, aad, ct))))


def gcm_encrypt(key, iv, plaintext, aad):
    """ARIA-GCM with a 96-bit IV: ciphertext || 128-bit tag."""
    if len(iv) != 12:
        raise ValueError("this reference takes 96-bit IVs only")
    ek = encryption_keys(key)
    j0 = iv + b"\0\0\0\1"
    ct = _ctr(ek, j0, plaintext)
    return ct + _tag(ek, j0, aad, ct)


def gcm_decrypt(key, iv, data, aad):
    """ARIA-GCM with a 96-bit IV and 128-bit tag: the plaintext, or InvalidTag."""
    if len(iv) != 12 or len(data) < 16:
        raise InvalidTag()
    ek = encryption_keys(key)
    j0 = iv + b"\0\0\0\1"
    ct, tag = data[:-16], data[-16:]
    expected = _tag(ek, j0, aad, ct)
    diff = 0
    for a, b in zip(expected, tag):
        diff |= a ^ b
    if diff:
        raise InvalidTag()
    return _ctr(ek, j0, ct)


# ----------------------------------------------------------------------------- self-test

# RFC 5794 appendix A: plaintext 00112233445566778899aabbccddeeff under keys 000102...
RFC5794_KAT = [
    ("000102030405060708090a0b0c0d0e0f", "d718fbd6ab644c739da95f3be6451778"),
    ("000102030405060708090a0b0c0d0e0f1011121314151617", "26449c1805dbe7aa25a468ce263a9e79"),
    ("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "f92bd7c79fb72e2f2b8f80c1972d24fc"),
]


def self_test(wycheproof_path=None):
    passed = failed = 0
    problems = []
    pt = bytes.fromhex("00112233445566778899aabbccddeeff")
    for key, ct in RFC5794_KAT:
        if encrypt_block(encryption_keys(bytes.fromhex(key)), pt).hex() == ct:
            passed += 1
        else:
            failed += 1
            problems.append("FAIL RFC 5794 ARIA-%d" % (len(key) * 4))
    if wycheproof_path:
        with open(wycheproof_path, encoding="utf-8") as f:
            group = json.load(f)
        for t in group["tests"]:
            key, iv, aad = (bytes.fromhex(t[k]) for k in ("key", "iv", "aad"))
            msg, data = bytes.fromhex(t["msg"]), bytes.fromhex(t["ct"] + t["tag"])
            try:
                ok = gcm_decrypt(key, iv, data, aad) == msg and gcm_encrypt(key, iv, msg, aad) == data
            except InvalidTag:
                ok = False
            if ok == (t["result"] == "valid"):
                passed += 1
            else:
                failed += 1
                problems.append("FAIL Wycheproof tcId %d (%s)" % (t["tcId"], t["result"]))
    return passed, failed, problems


if __name__ == "__main__":
    p, f, probs = self_test(sys.argv[1] if len(sys.argv) > 1 else None)
    for line in probs:
        print(line)
    print("%d passed, %d failed" % (p, f))
    sys.exit(1 if f else 0)
