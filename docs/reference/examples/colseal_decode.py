#!/usr/bin/env python3
"""Independent decoder for colseal envelopes (format version 1).

Written from docs/reference/ciphertext-format.md alone, without colseal's Java code, to show that
the document is enough to read colseal's data in another language. It needs Python 3.8+ and the
`cryptography` package with AESGCMSIV (for algorithm 02, the deterministic mode); for algorithm 03
(ARIA-256-GCM), which `cryptography` lacks, it uses the small reference aria_gcm.py next to it.

    python3 colseal_decode.py VECTORS.json
    python3 colseal_decode.py --blind-index CASES.json
    python3 colseal_decode.py --registry ROWS.json

The first checks the key check value of each test key and every entry of a test-vector file: an entry with expect "ok" must decode to its value, an
entry with expect "reject" must be rejected for its reason. It also flips every bit of, and
truncates at every length, each small valid envelope, which must then be rejected. It prints one
line per discrepancy and a closing line "N passed, M failed", and exits with 1 if anything failed
(2 for a usage error). --blind-index computes the blind index of each case from
docs/guides/blind-indexes.md ("The stored value") and compares it with the value colseal computed;
--registry reads rows of the column registry colseal_column (docs/reference/key-table.md) and
decodes each row's sample envelopes by the registry's java_type, storage and mode.

The functions below can be used on their own: decode_binary() and decode_text() take the envelope,
the table and column it was read from, the value type, a key lookup and, for row-bound values
(algorithm 05), the row's primary key as a list of parts (int, str, uuid.UUID or bytes).
"""

import base64
import hashlib
import hmac
import json
import os
import sys
import unicodedata
import uuid
from decimal import Decimal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, AESGCMSIV
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import aria_gcm  # noqa: E402  (reference ARIA-256-GCM, next to this file)

MAGIC = b"cs"
FORMAT_V1 = 0x01
AES_256_GCM = 0x01  # randomized mode
AES_256_GCM_SIV = 0x02  # deterministic mode
ARIA_256_GCM = 0x03  # randomized mode with ARIA-256-GCM under the version's ARIA key ("ARIA-256-GCM")
AES_256_GCM_COLUMN_KEY = 0x04  # randomized mode under a per-column key ("Column keys")
AES_256_GCM_ROW_BOUND = 0x05  # randomized mode bound to the row's primary key ("Row binding")
# The key table name a key version must be recorded under to open each algorithm ("Algorithm ids"):
# no row names AES_256_GCM_SIV or AES_256_GCM_COLUMN_KEY; an AES_256_GCM key opens 02 and 04
# envelopes with keys derived from it.
KEY_ALGORITHM = {
    AES_256_GCM: "AES_256_GCM",
    AES_256_GCM_SIV: "AES_256_GCM",
    ARIA_256_GCM: "AES_256_GCM",
    AES_256_GCM_COLUMN_KEY: "AES_256_GCM",
    AES_256_GCM_ROW_BOUND: "AES_256_GCM",
}
HEADER_LENGTH = 8
NONCE_LENGTH = 12
TAG_LENGTH = 16
MIN_BINARY_LENGTH = {  # header, stored nonce and tag; "Binary form"
    AES_256_GCM: HEADER_LENGTH + NONCE_LENGTH + TAG_LENGTH,  # 36
    AES_256_GCM_SIV: HEADER_LENGTH + TAG_LENGTH,  # 24: the nonce is fixed and not stored
    ARIA_256_GCM: HEADER_LENGTH + NONCE_LENGTH + TAG_LENGTH,  # 36, as 01
    AES_256_GCM_COLUMN_KEY: HEADER_LENGTH + NONCE_LENGTH + TAG_LENGTH,  # 36, as 01
    AES_256_GCM_ROW_BOUND: HEADER_LENGTH + NONCE_LENGTH + TAG_LENGTH,  # 36, as 01
}
SIV_KEY_INFO = b"colseal/v1/AES_256_GCM_SIV"  # HKDF info ("Deterministic mode")
SIV_NONCE = bytes(NONCE_LENGTH)
COLUMN_KEY_INFO = b"colseal/v1/AES_256_GCM_COLUMN_KEY"  # HKDF info prefix ("Column keys")
ARIA_KEY_INFO = b"colseal/v1/ARIA_256_GCM"  # HKDF info ("ARIA-256-GCM")
TEXT_HEADER_LENGTH = 18
MAX_KEY_VERSION = 2**31 - 1
MAX_NAME_LENGTH = 128

BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
BASE64_VALUES = {c: i for i, c in enumerate(BASE64_ALPHABET)}

MIN_EPOCH_DAY, MAX_EPOCH_DAY = -365243219162, 365241780471
MAX_NANO_OF_DAY = 86399999999999
MIN_EPOCH_SECOND, MAX_EPOCH_SECOND = -31557014167219200, 31556889864403199


class Rejected(Exception):
    """The envelope is rejected; `reason` is one of the reason names of the format document."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


# ----------------------------------------------------------------------------- names and AAD


def normalize_name(name):
    """Table or column name as bound into the associated data ("Name normalisation")."""
    # 1. Trim characters up to U+0020 at both ends.
    s = name.strip("".join(chr(c) for c in range(0x21)))
    # 2. Keep what follows the last '.' outside quotes.
    quoted = False
    dot = -1
    for i, c in enumerate(s):
        if c in "\"`":
            quoted = not quoted
        elif c == "[":
            quoted = True
        elif c == "]":
            quoted = False
        elif c == "." and not quoted:
            dot = i
    if dot >= 0:
        s = s[dot + 1:]
    # 3. Remove one matching pair of quotes.
    if len(s) >= 2 and (s[0], s[-1]) in (('"', '"'), ("`", "`"), ("[", "]")):
        s = s[1:-1]
    # 4. Locale-independent lower case.
    s = s.lower()
    # 5. Not empty, at most 128 UTF-16 code units, no control characters.
    if not s:
        raise ValueError("empty name: %r" % name)
    if len(s.encode("utf-16-le")) // 2 > MAX_NAME_LENGTH:
        raise ValueError("name longer than %d characters: %r" % (MAX_NAME_LENGTH, name))
    if any(ord(c) <= 0x1F or 0x7F <= ord(c) <= 0x9F for c in s):
        raise ValueError("control character in name: %r" % name)
    return s


def associated_data(header, table, column):
    """header | uint16 BE len | table | uint16 BE len | column, names normalised, UTF-8."""
    t = normalize_name(table).encode("utf-8")
    c = normalize_name(column).encode("utf-8")
    return header + len(t).to_bytes(2, "big") + t + len(c).to_bytes(2, "big") + c


# ----------------------------------------------------------------------------- envelope forms


def strict_base64_decode(s):
    """Canonical padded standard Base64 (RFC 4648 section 4) only."""
    if not s or len(s) % 4 != 0:
        raise Rejected("malformed")
    pad = 2 if s.endswith("==") else 1 if s.endswith("=") else 0
    data = s[: len(s) - pad]
    if any(c not in BASE64_VALUES for c in data):
        raise Rejected("malformed")  # includes '=' anywhere but the end, spaces, '-', '_'
    bits = 0
    nbits = 0
    out = bytearray()
    for c in data:
        bits = (bits << 6) | BASE64_VALUES[c]
        nbits += 6
        if nbits >= 8:
            nbits -= 8
            out.append((bits >> nbits) & 0xFF)
            bits &= (1 << nbits) - 1
    if bits != 0:  # unused low bits of the last character must be zero
        raise Rejected("malformed")
    return bytes(out)


def parse_binary(envelope):
    """Steps 1 to 5 for the binary form: returns (header, algorithm id, key version, body)."""
    if len(envelope) < min(MIN_BINARY_LENGTH.values()):
        raise Rejected("malformed")
    if envelope[0:2] != MAGIC or envelope[2] != FORMAT_V1:
        raise Rejected("malformed")
    version = int.from_bytes(envelope[4:8], "big")
    if not 1 <= version <= MAX_KEY_VERSION:
        raise Rejected("malformed")
    algorithm = envelope[3]
    if algorithm not in MIN_BINARY_LENGTH:
        raise Rejected("unsupported-algorithm")
    if len(envelope) < MIN_BINARY_LENGTH[algorithm]:
        raise Rejected("malformed")
    return envelope[:HEADER_LENGTH], algorithm, version, envelope[HEADER_LENGTH:]


def parse_text(envelope):
    """Steps 1 to 3 for the text form: returns (binary header, algorithm id, key version, body)."""
    lower_hex = "0123456789abcdef"
    if (
        len(envelope) < TEXT_HEADER_LENGTH
        or not envelope.startswith("cs1:")
        or envelope[6] != ":"
        or envelope[17] != ":"
        or envelope[4] not in lower_hex
        or envelope[5] not in lower_hex
        or any(c not in "0123456789" for c in envelope[7:17])
    ):
        raise Rejected("malformed")
    version = int(envelope[7:17])
    if not 1 <= version <= MAX_KEY_VERSION:
        raise Rejected("malformed")
    algorithm = int(envelope[4:6], 16)
    if algorithm not in MIN_BINARY_LENGTH:
        raise Rejected("unsupported-algorithm")
    body = strict_base64_decode(envelope[TEXT_HEADER_LENGTH:])
    header = MAGIC + bytes([FORMAT_V1, algorithm]) + version.to_bytes(4, "big")
    return header, algorithm, version, body


def siv_key(dek):
    """The deterministic key: HKDF-SHA256(DEK, no salt, info "colseal/v1/AES_256_GCM_SIV", 32 bytes)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=SIV_KEY_INFO).derive(dek)


def aria_key(dek):
    """The ARIA key of a version: HKDF-SHA256(DEK, no salt, info "colseal/v1/ARIA_256_GCM"), 32 bytes."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=ARIA_KEY_INFO).derive(dek)


def column_binding(table, column):
    """uint16 BE len | table | uint16 BE len | column, names normalised, UTF-8: the AAD after the header."""
    return associated_data(b"", table, column)


def column_key(dek, header, table, column):
    """The column key: HKDF-SHA256(DEK, no salt, info = prefix | header | column binding, 32 bytes)."""
    info = COLUMN_KEY_INFO + header + column_binding(table, column)
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(dek)


ROW_TAG_INTEGER, ROW_TAG_STRING, ROW_TAG_UUID, ROW_TAG_BYTES = b"i", b"s", b"u", b"b"


def row_binding(parts):
    """The row binding of a primary key ("Row binding"): uint16 BE count, then per part
    tag | uint32 BE length | bytes. Parts are int (int64 range), str, uuid.UUID or bytes."""
    if not 1 <= len(parts) <= 0xFFFF:
        raise ValueError("a row key has 1 to 65535 parts, this one has %d" % len(parts))
    out = len(parts).to_bytes(2, "big")
    for part in parts:
        if isinstance(part, int) and not isinstance(part, bool):
            tag, data = ROW_TAG_INTEGER, part.to_bytes(8, "big", signed=True)  # OverflowError outside int64
        elif isinstance(part, str):
            tag, data = ROW_TAG_STRING, part.encode("utf-8")  # strict: an unpaired surrogate raises
        elif isinstance(part, uuid.UUID):
            tag, data = ROW_TAG_UUID, part.bytes
        elif isinstance(part, (bytes, bytearray)):
            tag, data = ROW_TAG_BYTES, bytes(part)
        else:
            raise ValueError("a row key part is int, str, uuid.UUID or bytes, not %s" % type(part).__name__)
        out += tag + len(data).to_bytes(4, "big") + data
    return out


def row_key_from_json(parts):
    """A vector's row_key ([{"type": ..., "value": ...}]) as decode_binary's row_key."""
    convert = {"integer": int, "string": str, "uuid": uuid.UUID, "bytes": bytes.fromhex}
    return [convert[p["type"]](p["value"]) for p in parts]


def open_envelope(header, algorithm, version, body, table, column, keys, row_key=None):
    """Steps 6 and 7: key lookup and decryption; returns the plaintext.

    Algorithm 01: AES-256-GCM with the DEK, nonce = the body's first 12 bytes. Algorithm 02:
    AES-256-GCM-SIV with the key derived from the DEK and the all-zero nonce, which is not stored.
    Algorithm 04: AES-256-GCM with the column key derived from the DEK, the header and the names,
    nonce = the body's first 12 bytes, no AAD. Algorithm 05: as 01, with the row binding of row_key
    after the AAD; without a row key it cannot be authentic. Algorithm 03: as 01, with ARIA-256
    instead of AES-256 and the ARIA key derived from the DEK.
    """
    key = keys(normalize_name(table), version)
    if key is None or key[0] != KEY_ALGORITHM[algorithm]:
        raise Rejected("unknown-key")
    if len(body) < MIN_BINARY_LENGTH[algorithm] - HEADER_LENGTH:
        raise Rejected("authentication")  # a text body too short for (nonce and) tag
    aad = associated_data(header, table, column)
    try:
        if algorithm == AES_256_GCM_SIV:
            return AESGCMSIV(siv_key(key[1])).decrypt(SIV_NONCE, body, aad)
        if algorithm == ARIA_256_GCM:
            try:
                return aria_gcm.gcm_decrypt(aria_key(key[1]), body[:NONCE_LENGTH], body[NONCE_LENGTH:], aad)
            except aria_gcm.InvalidTag:
                raise Rejected("authentication") from None
        if algorithm == AES_256_GCM_COLUMN_KEY:
            ck = column_key(key[1], header, table, column)
            return AESGCM(ck).decrypt(body[:NONCE_LENGTH], body[NONCE_LENGTH:], None)
        if algorithm == AES_256_GCM_ROW_BOUND:
            if row_key is None:
                raise Rejected("authentication")
            aad += row_binding(row_key)
        return AESGCM(key[1]).decrypt(body[:NONCE_LENGTH], body[NONCE_LENGTH:], aad)
    except InvalidTag:
        raise Rejected("authentication") from None


def decode_binary(envelope, table, column, java_type, keys, enum_constants=(), row_key=None):
    """Decodes a binary envelope; keys(table, version) returns (algorithm name, DEK) or None;
    row_key is the row's primary key (a list of parts), needed for algorithm 05 only."""
    plaintext = open_envelope(*parse_binary(envelope), table, column, keys, row_key)
    return decode_value(java_type, plaintext, enum_constants), plaintext


def decode_text(envelope, table, column, java_type, keys, enum_constants=(), row_key=None):
    """Decodes a text envelope; see decode_binary."""
    plaintext = open_envelope(*parse_text(envelope), table, column, keys, row_key)
    return decode_value(java_type, plaintext, enum_constants), plaintext


# ----------------------------------------------------------------------------- value encodings


def _int(b):
    return int.from_bytes(b, "big", signed=True)


def _fixed(plaintext, width):
    if len(plaintext) != width:
        raise Rejected("value-encoding")


def decode_value(java_type, p, enum_constants=()):
    """Step 8. Returns a plain Python value: str, bytes, int, bool, (unscaled, scale), (epoch day,),
    (epoch day, nano of day), (epoch second, nano), uuid.UUID or the enum constant name."""
    if java_type == "String":
        try:
            return p.decode("utf-8")  # strict: rejects invalid, overlong and surrogate sequences
        except UnicodeDecodeError:
            raise Rejected("value-encoding") from None
    if java_type == "byte[]":
        return bytes(p)
    if java_type == "Integer":
        _fixed(p, 4)
        return _int(p)
    if java_type == "Long":
        _fixed(p, 8)
        return _int(p)
    if java_type == "Boolean":
        if p not in (b"\x00", b"\x01"):
            raise Rejected("value-encoding")
        return p == b"\x01"
    if java_type == "BigDecimal":
        if len(p) < 5:
            raise Rejected("value-encoding")
        unscaled = p[4:]
        if len(unscaled) > 1 and (
            (unscaled[0] == 0x00 and unscaled[1] < 0x80) or (unscaled[0] == 0xFF and unscaled[1] >= 0x80)
        ):
            raise Rejected("value-encoding")  # not minimal
        return (_int(unscaled), _int(p[:4]))
    if java_type == "LocalDate":
        _fixed(p, 8)
        day = _int(p)
        if not MIN_EPOCH_DAY <= day <= MAX_EPOCH_DAY:
            raise Rejected("value-encoding")
        return (day,)
    if java_type == "LocalDateTime":
        _fixed(p, 16)
        day, nano = _int(p[:8]), _int(p[8:])
        if not MIN_EPOCH_DAY <= day <= MAX_EPOCH_DAY or not 0 <= nano <= MAX_NANO_OF_DAY:
            raise Rejected("value-encoding")
        return (day, nano)
    if java_type == "Instant":
        _fixed(p, 12)
        second, nano = _int(p[:8]), _int(p[8:])
        if not MIN_EPOCH_SECOND <= second <= MAX_EPOCH_SECOND or not 0 <= nano <= 999_999_999:
            raise Rejected("value-encoding")
        return (second, nano)
    if java_type == "UUID":
        _fixed(p, 16)
        return uuid.UUID(bytes=bytes(p))
    if java_type == "enum":
        try:
            name = p.decode("utf-8")
        except UnicodeDecodeError:
            raise Rejected("value-encoding") from None
        if name not in enum_constants:
            raise Rejected("value-encoding")
        return name
    raise ValueError("unknown java_type %r" % java_type)


# ----------------------------------------------------------------------------- portable values


def days_from_civil(y, m, d):
    """Days since 1970-01-01 in the proleptic Gregorian calendar, for any year."""
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _parse_date(s):
    sign = -1 if s.startswith("-") else 1
    y, m, d = s.lstrip("+-").split("-")
    return days_from_civil(sign * int(y), int(m), int(d))


def _parse_time(s):
    hms, fraction = s.split(".")
    h, mi, sec = (int(x) for x in hms.split(":"))
    return (h * 3600 + mi * 60 + sec) * 1_000_000_000 + int(fraction.ljust(9, "0"))


def expected_value(java_type, text):
    """The portable form of a vector's value, in decode_value's representation."""
    if java_type == "String" or java_type == "enum":
        return text
    if java_type == "byte[]":
        return bytes.fromhex(text)
    if java_type in ("Integer", "Long"):
        return int(text)
    if java_type == "Boolean":
        return {"true": True, "false": False}[text]
    if java_type == "BigDecimal":
        sign, digits, exponent = Decimal(text).as_tuple()
        unscaled = int("".join(str(d) for d in digits))
        return (-unscaled if sign else unscaled, -exponent)
    if java_type == "LocalDate":
        return (_parse_date(text),)
    if java_type == "LocalDateTime":
        date, time = text.split("T")
        return (_parse_date(date), _parse_time(time))
    if java_type == "Instant":
        date, time = text.rstrip("Z").split("T")
        nanos = _parse_time(time)
        return (_parse_date(date) * 86400 + nanos // 1_000_000_000, nanos % 1_000_000_000)
    if java_type == "UUID":
        return uuid.UUID(text)
    raise ValueError("unknown java_type %r" % java_type)


# ----------------------------------------------------------------------------- blind indexes

BLIND_INDEX_DOMAIN = "colseal blind index v1"
BLIND_INDEX_PREFIX = "bi1:"

# LOWER_TRIM trims what Java's Character.isWhitespace accepts ("Normalisers"): U+0009..U+000D,
# U+001C..U+001F and the Unicode space separators except the no-break ones (U+00A0, U+2007,
# U+202F), plus U+2028 and U+2029. U+0085 (NEL) is not among them.
JAVA_WHITESPACE = (
    "".join(chr(c) for c in range(0x09, 0x0E))
    + "".join(chr(c) for c in range(0x1C, 0x20))
    + " \u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B) if c != 0x2007)
    + "\u2028\u2029\u205f\u3000"
)


def normalize_value(normalizer, value):
    """The normalised plaintext a blind index is computed over ("Normalisers")."""
    if normalizer == "AS_IS":
        return value
    if normalizer == "LOWER_TRIM":
        return unicodedata.normalize("NFC", value.strip(JAVA_WHITESPACE).lower())
    if normalizer == "DIGITS_ONLY":
        return "".join(str(unicodedata.decimal(c)) for c in value if unicodedata.category(c) == "Nd")
    raise ValueError("unknown normalizer %r" % normalizer)


def blind_index(key, key_version, table, column, normalizer, bits, plaintext):
    """The stored blind index of plaintext: bi1:<key version>:<base64url, unpadded>.

    key is the 32-byte HMAC key of key-table row "<table>#bidx"; table and column are those of the
    index column; bits is 1..256, or 0 for untruncated (written as 256).
    """
    bits = 256 if bits == 0 else bits
    if not 1 <= bits <= 256:
        raise ValueError("bits must be 0 or 1..256, got %r" % bits)
    message = "\0".join(
        [BLIND_INDEX_DOMAIN, normalize_name(table), normalize_name(column), normalizer, str(bits),
         normalize_value(normalizer, plaintext)]
    ).encode("utf-8")
    digest = bytearray(hmac.new(key, message, hashlib.sha256).digest()[: (bits + 7) // 8])
    spare = len(digest) * 8 - bits
    digest[-1] &= (0xFF << spare) & 0xFF
    encoded = base64.urlsafe_b64encode(bytes(digest)).decode("ascii").rstrip("=")
    return "%s%d:%s" % (BLIND_INDEX_PREFIX, key_version, encoded)


def check_blind_indexes(path):
    """Each case: key (hex), key_version, table, column, normalizer, bits, plaintext, expect; and
    optionally normalized, the normalised form colseal computed."""
    with open(path, encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    passed = failed = 0
    problems = []
    for c in cases:
        got = blind_index(bytes.fromhex(c["key"]), c["key_version"], c["table"], c["column"], c["normalizer"],
                          c["bits"], c["plaintext"])
        problem = None
        if "normalized" in c and normalize_value(c["normalizer"], c["plaintext"]) != c["normalized"]:
            problem = "normalised to %r, expected %r" % (normalize_value(c["normalizer"], c["plaintext"]),
                                                        c["normalized"])
        elif got != c["expect"]:
            problem = "computed %s, expected %s" % (got, c["expect"])
        if problem:
            failed += 1
            problems.append("FAIL %s: %s" % (c["id"], problem))
        else:
            passed += 1
    return passed, failed, problems


# ----------------------------------------------------------------------------- column registry

# java_type of colseal_column (key-table.md, "java_type"): Class.getName(), primitives boxed; any
# other name is an enum class (its constants are not recorded).
REGISTRY_JAVA_TYPES = {
    "java.lang.String": "String",
    "[B": "byte[]",
    "java.lang.Integer": "Integer",
    "java.lang.Long": "Long",
    "java.lang.Boolean": "Boolean",
    "java.math.BigDecimal": "BigDecimal",
    "java.time.LocalDate": "LocalDate",
    "java.time.LocalDateTime": "LocalDateTime",
    "java.time.Instant": "Instant",
    "java.util.UUID": "UUID",
}
REGISTRY_STORAGES = ("TEXT", "BINARY")
REGISTRY_MODES = {"RANDOMIZED": AES_256_GCM, "DETERMINISTIC": AES_256_GCM_SIV, "BLIND_INDEX": None}
REGISTRY_NORMALIZERS = ("AS_IS", "LOWER_TRIM", "DIGITS_ONLY")


def registry_java_type(java_type):
    """The value encoding (decode_value's java_type) of a registry java_type."""
    return REGISTRY_JAVA_TYPES.get(java_type, "enum")


def read_registry_row(row):
    """What a colseal_column row says about its column: (kind, details), or raises ValueError for
    a value this decoder does not know (a newer colseal wrote it). kind is "encrypted" with
    (value encoding, storage, algorithm id), or "blind-index" with (source column, normalizer, bits)."""
    table, column = normalize_name(row["table_name"]), normalize_name(row["column_name"])
    if (table, column) != (row["table_name"], row["column_name"]):
        raise ValueError("registry names are not normalised: %s.%s" % (row["table_name"], row["column_name"]))
    if row["storage"] not in REGISTRY_STORAGES or row["mode"] not in REGISTRY_MODES:
        raise ValueError("unknown storage or mode in %s.%s: %s/%s" % (table, column, row["storage"], row["mode"]))
    if row["mode"] == "BLIND_INDEX":
        if row["normalizer"] not in REGISTRY_NORMALIZERS or not 1 <= int(row["index_bits"]) <= 256:
            raise ValueError("bad blind index %s.%s" % (table, column))
        return "blind-index", (normalize_name(row["source_column"]), row["normalizer"], int(row["index_bits"]))
    if row["source_column"] is not None or row["normalizer"] is not None or row["index_bits"] is not None:
        raise ValueError("encrypted column %s.%s has blind-index fields" % (table, column))
    return "encrypted", (registry_java_type(row["java_type"]), row["storage"], REGISTRY_MODES[row["mode"]])


def check_registry(path):
    """Rows of colseal_column as read from a database, each with "expect": the reading colseal's
    own types give ([kind, [details]])."""
    with open(path, encoding="utf-8") as f:
        rows = json.load(f)["rows"]
    passed = failed = 0
    problems = []
    for row in rows:
        try:
            kind, details = read_registry_row(row)
            got = [kind, list(details)]
        except ValueError as e:
            got = ["rejected", [str(e)]]
        if got == row["expect"]:
            passed += 1
        else:
            failed += 1
            problems.append("FAIL %s.%s: read as %r, expected %r" % (row["table_name"], row["column_name"], got,
                                                                    row["expect"]))
    return passed, failed, problems


# ----------------------------------------------------------------------------- vector checks


def key_check_value(dek):
    """First 8 bytes of HMAC-SHA-256(DEK, "colseal key check value v1"), hex (key-table.md)."""
    return hmac.new(dek, b"colseal key check value v1", hashlib.sha256).hexdigest()[:16]


# Frozen must-fail entries written while ids 02, 03 and 04 were reserved or unassigned: AES-GCM
# envelopes relabelled 02, 03 or 04. Now that all three are implemented they are still rejected, at
# authentication ("Test vectors and the reference decoder"); their recorded reason,
# unsupported-algorithm, stays as frozen.
IMPLEMENTED_SINCE_FROZEN = {
    "binary-algorithm-0x02-reserved": "authentication",
    "text-algorithm-02-reserved": "authentication",
    "binary-algorithm-0x03-reserved": "authentication",
    "text-algorithm-03-reserved": "authentication",
    "binary-algorithm-0x04": "authentication",
}


def expected_reason(v):
    """The reason a must-fail entry is rejected for by this decoder."""
    if v["reason"] == "unsupported-algorithm" and v["id"] in IMPLEMENTED_SINCE_FROZEN:
        return IMPLEMENTED_SINCE_FROZEN[v["id"]]
    return v["reason"]


def decode_vector(v, keys):
    """Decodes one vector entry: ("ok", value, plaintext) or ("reject", reason, None)."""
    decode = decode_text if v["storage"] == "text" else decode_binary
    envelope = v["envelope"] if v["storage"] == "text" else bytes.fromhex(v["envelope"])
    row_key = row_key_from_json(v["row_key"]) if "row_key" in v else None
    try:
        value, plaintext = decode(
            envelope, v["table"], v["column"], v["java_type"], keys, v.get("enum_constants", ()), row_key
        )
        return "ok", value, plaintext
    except Rejected as r:
        return "reject", r.reason, None


def check_file(path):
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
    key_table = {k["key_version"]: (k["algorithm"], bytes.fromhex(k["dek"])) for k in manifest["keys"]}

    def keys(table, version):
        return key_table.get(version)

    passed = failed = 0
    problems = []
    for k in manifest["keys"]:
        if key_check_value(bytes.fromhex(k["dek"])) == k["key_check_value"]:
            passed += 1
        else:
            failed += 1
            problems.append("FAIL key %d: key check value differs" % k["key_version"])
    for v in manifest["vectors"]:
        outcome, result, plaintext = decode_vector(v, keys)
        problem = None
        if v["expect"] == "ok":
            if outcome != "ok":
                problem = "rejected (%s)" % result
            elif result != expected_value(v["java_type"], v["value"]):
                problem = "decoded to %r, expected %r" % (result, v["value"])
            elif plaintext.hex() != v["plaintext_hex"]:
                problem = "plaintext %s, expected %s" % (plaintext.hex(), v["plaintext_hex"])
        elif outcome == "ok":
            problem = "accepted (decoded to %r), expected rejection (%s)" % (result, v["reason"])
        elif result != expected_reason(v):
            problem = "rejected as %s, expected %s" % (result, expected_reason(v))
        if problem:
            failed += 1
            problems.append("FAIL %s: %s" % (v["id"], problem))
        else:
            passed += 1

    # Every bit flip and every truncation of a small valid envelope must be rejected.
    for v in manifest["vectors"]:
        if v["expect"] != "ok" or len(v["envelope"]) > 160:
            continue
        for variant, label in _damaged(v):
            outcome, result, _ = decode_vector(dict(v, envelope=variant), keys)
            if outcome == "ok":
                failed += 1
                problems.append("FAIL %s: %s was accepted" % (v["id"], label))
            else:
                passed += 1
    return passed, failed, problems


def _damaged(v):
    if v["storage"] == "binary":
        b = bytes.fromhex(v["envelope"])
        for bit in range(len(b) * 8):
            d = bytearray(b)
            d[bit // 8] ^= 1 << (bit % 8)
            yield bytes(d).hex(), "bit %d flipped" % bit
        for n in range(len(b)):
            yield b[:n].hex(), "truncation to %d bytes" % n
    else:
        s = v["envelope"]
        for n in range(len(s)):
            yield s[:n], "truncation to %d characters" % n


def main(argv):
    checks = {"--blind-index": check_blind_indexes, "--registry": check_registry}
    if len(argv) == 3 and argv[1] in checks:
        check, path = checks[argv[1]], argv[2]
    elif len(argv) == 2 and not argv[1].startswith("--"):
        check, path = check_file, argv[1]
    else:
        print("usage: colseal_decode.py [--blind-index | --registry] FILE.json", file=sys.stderr)
        return 2
    passed, failed, problems = check(path)
    for p in problems:
        print(p)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
