#!/usr/bin/env python3
"""A TLS test server on 127.0.0.1 that records what it receives.

    server.py --cert C --key K --log FILE [--tls 1.2|1.3|any] [--mode MODE]
              [--client-order]

Binds a free port, prints "PORT <n>" on stdout, then serves connections one
after another until killed. After each connection it appends one JSON line to
FILE: {"handshake": "ok" or the error, "version", "reused" (the session was
resumed), "app_bytes" (application bytes received), "data" (their hex)}.

--client-order makes the server follow the client's order of preference
(for signature algorithms and suites) instead of its own, Python's default.

Modes:
  echo    send back every byte received until the client closes (default)
  http    read one HTTP request head, answer 200 with a small JSON body,
          then close with close_notify
  close   complete the handshake, then close with close_notify
  fin     complete the handshake, then close TCP without close_notify
  drop    read the ClientHello, then end the TCP stream (FIN) unanswered
  silent  accept TCP and never answer (the client's deadline must fire)
"""
import argparse
import json
import socket
import ssl
import sys


def record(log, **fields):
    with open(log, "a", encoding="utf-8") as f:
        f.write(json.dumps(fields) + "\n")


def context(args):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(args.cert, args.key)
    versions = {"1.2": ssl.TLSVersion.TLSv1_2, "1.3": ssl.TLSVersion.TLSv1_3}
    if args.tls in versions:
        ctx.minimum_version = ctx.maximum_version = versions[args.tls]
    else:
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    if args.client_order:
        ctx.options &= ~ssl.OP_CIPHER_SERVER_PREFERENCE
    return ctx


def serve_silent(raw, log):
    """Hold the connection, reading (and counting) whatever comes, answering nothing."""
    received = b""
    raw.settimeout(30)
    try:
        while True:
            chunk = raw.recv(4096)
            if not chunk:
                break
            received += chunk
    except OSError:
        pass
    record(log, handshake="none", version=None, reused=False, app_bytes=0,
           raw_bytes=len(received), data="")


def serve_drop(raw, log):
    """FIN after the ClientHello: reading it first keeps the close orderly (a
    close with unread data would be a reset)."""
    raw.settimeout(30)
    try:
        raw.recv(4096)
        raw.shutdown(socket.SHUT_WR)
        while raw.recv(4096):
            pass
    except OSError:
        pass
    record(log, handshake="none", version=None, reused=False, app_bytes=0, data="")


def serve_tls(raw, ctx, mode, log):
    raw.settimeout(30)
    try:
        conn = ctx.wrap_socket(raw, server_side=True)
    except (ssl.SSLError, OSError) as e:
        record(log, handshake="failed: %s" % e, version=None, reused=False, app_bytes=0, data="")
        return
    info = dict(handshake="ok", version=conn.version(), reused=conn.session_reused)
    received = b""
    try:
        if mode == "close":
            conn = conn.unwrap()
        elif mode == "http":
            while b"\r\n\r\n" not in received:
                chunk = conn.recv(4096)
                if not chunk:
                    break
                received += chunk
            body = b'{"timestamp":"2024-01-01T00:00:00Z"}'
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\nConnection: close\r\n\r\n%s"
                         % (len(body), body))
            conn = conn.unwrap()
        elif mode == "echo":
            while True:
                chunk = conn.recv(16384)
                if not chunk:
                    break
                received += chunk
                conn.sendall(chunk)
    except (ssl.SSLError, OSError) as e:
        info["error"] = str(e)
    finally:
        conn.close()
    record(log, app_bytes=len(received), data=received.hex(), **info)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--tls", default="any", choices=["1.2", "1.3", "any"])
    ap.add_argument("--client-order", action="store_true")
    ap.add_argument("--mode", default="echo", choices=["echo", "http", "close", "fin", "drop", "silent"])
    args = ap.parse_args()
    ctx = context(args)
    with socket.create_server(("127.0.0.1", 0)) as srv:
        print("PORT %d" % srv.getsockname()[1], flush=True)
        while True:
            raw, _ = srv.accept()
            with raw:
                if args.mode == "drop":
                    serve_drop(raw, args.log)
                elif args.mode == "silent":
                    serve_silent(raw, args.log)
                else:
                    serve_tls(raw, ctx, args.mode, args.log)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
