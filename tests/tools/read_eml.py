#!/usr/bin/python3
"""read_eml.py: print what a mail reader would see in an .eml file, as JSON.

    read_eml.py FILE.eml      -> {"subject", "from": {name, addr}, "to", ...,
                                  "parts": [{content_type, charset, cte,
                                  filename, size, sha256, hex?, text?}]}
    read_eml.py --sha256 FILE -> {"sha256": "..."} of a plain file

Header values are decoded by Python's email package (RFC 2047, RFC 2231), so
the tests of src/mail/smtp.c compare against an independent decoder.
"subject_raw" is the header as sent, for checking encoded-word lengths.
Run with /usr/bin/python3.
"""
import email
import email.policy
import email.utils
import hashlib
import json
import sys


def mailbox(msg, name):
    h = msg[name]
    if h is None or not h.addresses:
        return None
    a = h.addresses[0]
    return {"name": a.display_name, "addr": a.addr_spec}


def part_info(p):
    payload = p.get_payload(decode=True) or b""
    info = {
        "content_type": p.get_content_type(),
        "charset": p.get_content_charset(),
        "cte": p.get("Content-Transfer-Encoding"),
        "filename": p.get_filename(),
        "size": len(payload),
        "sha256": hashlib.sha256(payload).hexdigest(),
    }
    if len(payload) <= 256:
        info["hex"] = payload.hex()
    if p.get_content_maintype() == "text":
        # Lines travel as CRLF (the canonical form); show them as a reader would.
        info["text"] = p.get_content().replace("\r\n", "\n")
    return info


def date_valid(value):
    try:
        return email.utils.parsedate_to_datetime(value) is not None
    except (TypeError, ValueError):
        return False


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--sha256":
        with open(sys.argv[2], "rb") as f:
            print(json.dumps({"sha256": hashlib.sha256(f.read()).hexdigest()}))
        return
    with open(sys.argv[1], "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    raw = dict(msg.raw_items())
    out = {
        "subject": str(msg["subject"]),
        "subject_raw": raw.get("Subject"),
        "from": mailbox(msg, "from"),
        "to": mailbox(msg, "to"),
        "message_id": msg["message-id"],
        "date": msg["date"] and str(msg["date"]),
        "date_valid": date_valid(raw.get("Date")),
        "mime_version": msg["mime-version"],
        "list_unsubscribe": msg["list-unsubscribe"],
        "list_unsubscribe_post": msg["list-unsubscribe-post"],
        "content_type": msg.get_content_type(),
        "defects": [type(d).__name__ for p in msg.walk() for d in p.defects],
        "parts": [part_info(p) for p in msg.walk() if not p.is_multipart()],
        "tree": [p.get_content_type() for p in msg.walk()],
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
