#!/usr/bin/env python3
"""Writes a WARC 1.1 file (.warc.gz, one gzip member per record) of the AEB pages, and the
same pages as .html files, for bench/archive.sh.

    make_warc.py AEB_HTML_DIR OUT.warc.gz [--copies N] [--html-dir DIR]

Each page becomes a request and a response record (HTTP/1.1 200, text/html), every fourth
one with a gzip Content-Encoding and every fifth with chunked transfer coding, so the reader
does the work a real crawl archive asks of it. --copies repeats the corpus under other URLs
(for memory at x1 and x4). --html-dir also writes each page's decoded bytes as N.html.
"""
import argparse
import base64
import gzip
import hashlib
import os
import uuid


def digest(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def record(fields, block):
    head = "WARC/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields)
    head += f"WARC-Block-Digest: {digest(block)}\r\nContent-Length: {len(block)}\r\n\r\n"
    return gzip.compress(head.encode() + block + b"\r\n\r\n", compresslevel=6)


def chunked(body):
    out = b""
    for i in range(0, len(body), 4096):
        part = body[i:i + 4096]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("aeb_dir")
    ap.add_argument("out")
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--html-dir")
    args = ap.parse_args()
    names = sorted(n for n in os.listdir(args.aeb_dir) if n.endswith(".html.gz"))
    pages = [gzip.open(os.path.join(args.aeb_dir, n)).read() for n in names]
    n = 0
    with open(args.out, "wb") as out:
        out.write(record([("WARC-Type", "warcinfo"), ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid4()}>"),
                          ("WARC-Date", "2024-05-24T00:00:00Z"),
                          ("Content-Type", "application/warc-fields")], b"software: make_warc.py\r\n"))
        for copy in range(args.copies):
            for i, page in enumerate(pages):
                n += 1
                url = f"https://bench.example/{copy}/{names[i][:16]}"
                body, headers = page, "Content-Type: text/html\r\n"
                if n % 4 == 0:
                    body = gzip.compress(page)
                    headers += "Content-Encoding: gzip\r\n"
                if n % 5 == 0:
                    body = chunked(body)
                    headers += "Transfer-Encoding: chunked\r\n"
                else:
                    headers += f"Content-Length: {len(body)}\r\n"
                http = b"HTTP/1.1 200 OK\r\n" + headers.encode() + b"\r\n" + body
                req_id, resp_id = f"<urn:uuid:{uuid.uuid4()}>", f"<urn:uuid:{uuid.uuid4()}>"
                date = "2024-05-24T%02d:%02d:%02dZ" % (n // 3600 % 24, n // 60 % 60, n % 60)
                out.write(record([("WARC-Type", "request"), ("WARC-Record-ID", req_id),
                                  ("WARC-Date", date), ("WARC-Target-URI", url),
                                  ("WARC-Concurrent-To", resp_id),
                                  ("Content-Type", "application/http;msgtype=request")],
                                 f"GET {url} HTTP/1.1\r\nHost: bench.example\r\n\r\n".encode()))
                out.write(record([("WARC-Type", "response"), ("WARC-Record-ID", resp_id),
                                  ("WARC-Date", date), ("WARC-Target-URI", url),
                                  ("WARC-Payload-Digest", digest(body)),
                                  ("Content-Type", "application/http;msgtype=response")], http))
                if args.html_dir and copy == 0:
                    os.makedirs(args.html_dir, exist_ok=True)
                    with open(os.path.join(args.html_dir, f"{i:04d}.html"), "wb") as f:
                        f.write(page)


if __name__ == "__main__":
    main()
