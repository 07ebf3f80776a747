#!/usr/bin/env python3
"""The demo recipients' webhooks, played by a process of their own so that a benchmark measures the
product and not its test double in the same JVM. Verifies each notice's signature as a real
recipient should (HMAC-SHA256 over "<timestamp>.<body>", header X-PCM-Signature "v1=<hex>"),
answers 200 or 401, and on SIGTERM writes "<accepted> <refused>" to the file given.

Usage: receiver.py PORT COUNTS_FILE RECIPIENT_ID=SECRET...
"""
import hashlib
import hmac
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PREFIX = "/demo/recipient-webhook/"
port, counts_file = int(sys.argv[1]), sys.argv[2]
secrets = dict(arg.split("=", 1) for arg in sys.argv[3:])
counts = {"accepted": 0, "refused": 0}
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        secret = secrets.get(self.path[len(PREFIX):]) if self.path.startswith(PREFIX) else None
        timestamp = self.headers.get("X-PCM-Timestamp") or ""
        expected = secret and "v1=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        ok = bool(expected) and hmac.compare_digest(expected, self.headers.get("X-PCM-Signature") or "")
        with lock:
            counts["accepted" if ok else "refused"] += 1
        self.send_response(200 if ok else 401)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):  # readiness probe of the bench scripts
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", port), Handler)


def stop(*_):
    with open(counts_file, "w") as out:
        out.write(f"{counts['accepted']} {counts['refused']}\n")
    threading.Thread(target=server.shutdown).start()


signal.signal(signal.SIGTERM, stop)
server.serve_forever()
