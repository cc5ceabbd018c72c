"""An independent look at a PKCS#11 token, for colseal's tests: PyKCS11 (the Debian package
python3-pykcs11), not the JDK. Usage:

  pkcs11_probe.py LIBRARY SLOT PIN_VARIABLE attrs LABEL
  pkcs11_probe.py LIBRARY SLOT PIN_VARIABLE delete LABEL
  pkcs11_probe.py LIBRARY SLOT PIN_VARIABLE create LABEL SENSITIVE EXTRACTABLE   (true/false each)
  pkcs11_probe.py LIBRARY SLOT PIN_VARIABLE gcm-decrypt LABEL IV_HEX AAD_HEX CIPHERTEXT_AND_TAG_HEX

The PIN is read from the environment variable PIN_VARIABLE, never from the command line.
Output is one JSON object on stdout.
"""
import json
import os
import sys

import PyKCS11
from PyKCS11 import LowLevel as L


def main(argv):
    library, slot, pin_variable, command, label = argv[1:6]
    lib = PyKCS11.PyKCS11Lib()
    lib.load(library)
    session = lib.openSession(int(slot), PyKCS11.CKF_SERIAL_SESSION | PyKCS11.CKF_RW_SESSION)
    session.login(os.environ[pin_variable])
    try:
        found = session.findObjects([(L.CKA_CLASS, L.CKO_SECRET_KEY), (L.CKA_LABEL, label)])
        if command == "create":
            flag = lambda s: s == "true"
            session.generateKey([
                (L.CKA_CLASS, L.CKO_SECRET_KEY), (L.CKA_KEY_TYPE, L.CKK_AES), (L.CKA_VALUE_LEN, 32),
                (L.CKA_TOKEN, True), (L.CKA_PRIVATE, True), (L.CKA_LABEL, label),
                (L.CKA_SENSITIVE, flag(argv[6])), (L.CKA_EXTRACTABLE, flag(argv[7])),
                (L.CKA_ENCRYPT, True), (L.CKA_DECRYPT, True)],
                PyKCS11.Mechanism(L.CKM_AES_KEY_GEN))
            print(json.dumps({"created": label}))
            return
        if len(found) != 1:
            print(json.dumps({"found": len(found)}))
            return
        key = found[0]
        if command == "attrs":
            names = [L.CKA_TOKEN, L.CKA_SENSITIVE, L.CKA_EXTRACTABLE, L.CKA_ALWAYS_SENSITIVE,
                     L.CKA_NEVER_EXTRACTABLE, L.CKA_VALUE_LEN, L.CKA_KEY_TYPE, L.CKA_ENCRYPT, L.CKA_DECRYPT]
            values = session.getAttributeValue(key, names)
            out = {PyKCS11.CKA[n]: (bool(v) if isinstance(v, bool) or n != L.CKA_VALUE_LEN and n != L.CKA_KEY_TYPE
                                     else v) for n, v in zip(names, values)}
            out["CKA_KEY_TYPE"] = PyKCS11.CKK[out["CKA_KEY_TYPE"]]
            out["found"] = 1
            print(json.dumps(out))
        elif command == "delete":
            session.destroyObject(key)
            print(json.dumps({"deleted": label}))
        elif command == "gcm-decrypt":
            iv, aad, data = (bytes.fromhex(h) for h in argv[6:9])
            plain = session.decrypt(key, data, PyKCS11.AES_GCM_Mechanism(iv, aad, 128))
            print(json.dumps({"plaintext": bytes(plain).hex()}))
        else:
            raise SystemExit("unknown command " + command)
    finally:
        session.logout()
        session.closeSession()


if __name__ == "__main__":
    main(sys.argv)
