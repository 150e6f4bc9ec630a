#!/usr/bin/env python3
"""Builds large JSON inputs deterministically from samples/ for bench/compare.sh.

  bench/make-large-json.py OUT_DIR [SIZE_MB]

Writes OUT_DIR/large.har (the entries of samples/chrome.har repeated; half of the 200
responses carry a body in content.text, as "Save all as HAR with content" writes),
OUT_DIR/headers.har (the same entries without bodies, as a plain "Save all as HAR" writes:
headers, cookies and timings only, the hardest case per byte) and
OUT_DIR/caddy-large.jsonl and OUT_DIR/nginx-large.jsonl (the samples repeated).
"""
import base64
import json
import os
import random
import sys

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
out_dir = sys.argv[1]
size = int(sys.argv[2] if len(sys.argv) > 2 else 256) * 1024 * 1024
rng = random.Random(3)

chrome = json.load(open(os.path.join(here, "samples", "chrome.har")))
html = ('<div class="item">' + "lorem ipsum dolor sit amet " * 20 + "</div>\n") * 10
image = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(12000))).decode()
with open(os.path.join(out_dir, "large.har"), "w") as out:
    out.write('{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":')
    out.write(json.dumps(chrome["log"]["pages"]) + ',"entries":[\n')
    written, first = 0, True
    while written < size:
        for entry in chrome["log"]["entries"]:
            entry = json.loads(json.dumps(entry))
            if entry["response"]["status"] == 200:
                if rng.random() < 0.5:
                    entry["response"]["content"]["text"] = html
                else:
                    entry["response"]["content"].update(text=image, encoding="base64")
            text = json.dumps(entry, indent=2)
            out.write(("" if first else ",\n") + text)
            written += len(text) + 2
            first = False
    out.write("]}}\n")

with open(os.path.join(out_dir, "headers.har"), "w") as out:
    out.write('{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":')
    out.write(json.dumps(chrome["log"]["pages"]) + ',"entries":[\n')
    written, first = 0, True
    while written < size:
        for entry in chrome["log"]["entries"]:
            text = json.dumps(entry, indent=2)
            out.write(("" if first else ",\n") + text)
            written += len(text) + 2
            first = False
    out.write("]}}\n")

for name in ("caddy", "nginx"):
    data = open(os.path.join(here, "samples", name + ".jsonl"), "rb").read()
    with open(os.path.join(out_dir, name + "-large.jsonl"), "wb") as out:
        for _ in range(size // len(data)):
            out.write(data)
