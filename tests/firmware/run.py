#!/usr/bin/env python3
"""Runs the firmware test image under QEMU against a local TLS server.

    run.py --elf ELF --certs DIR --dir WORKDIR [--qemu qemu-system-arm]

Starts tests/tls/server.py (mode http, the image's CA's server certificate),
makes the two named pipes the image's semihosting "network" uses and relays
each connection the image opens to the server over TCP, then boots the image
on QEMU's mps2-an386 (Cortex-M4). Passes when the image reports two HTTP 200
responses, the second over a resumed session, and exits 0, and the server
saw the second handshake as a resumption.
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import threading


def pump(src, dst_write, on_end):
    """Copy src's reads to dst_write until end of stream or error."""
    try:
        while True:
            data = src()
            if not data:
                break
            dst_write(data)
    except OSError:
        pass
    on_end()


def relay(prefix, port, stop):
    """Connection after connection: the image's pipes <-> TCP to the server."""
    while not stop.is_set():
        try:
            out_fd = os.open(prefix + ".out", os.O_RDONLY)  # the image writes here
            in_fd = os.open(prefix + ".in", os.O_WRONLY)  # and reads here
        except OSError:
            return
        if stop.is_set():
            os.close(out_fd)
            os.close(in_fd)
            return
        sock = socket.create_connection(("127.0.0.1", port))

        def to_server_done():
            try:
                sock.shutdown(socket.SHUT_WR)
            except OSError:
                pass

        up = threading.Thread(target=pump, args=(lambda: os.read(out_fd, 4096), sock.sendall,
                                                 to_server_done))
        up.start()
        pump(lambda: sock.recv(4096), lambda d: os.write(in_fd, d), lambda: None)
        os.close(in_fd)
        up.join()
        os.close(out_fd)
        sock.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--elf", required=True)
    ap.add_argument("--certs", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--qemu", default="qemu-system-arm")
    args = ap.parse_args()

    log = os.path.join(args.dir, "run-server.log")
    prefix = os.path.join(args.dir, "net")
    for path in (log, prefix + ".in", prefix + ".out"):
        if os.path.exists(path):
            os.unlink(path)
    os.mkfifo(prefix + ".in")
    os.mkfifo(prefix + ".out")
    server = subprocess.Popen(
        [sys.executable, "tests/tls/server.py", "--cert", os.path.join(args.certs, "server.pem"),
         "--key", os.path.join(args.certs, "server.key"), "--log", log, "--mode", "http"],
        stdout=subprocess.PIPE, text=True)
    port = int(server.stdout.readline().split()[1])
    stop = threading.Event()
    relay_thread = threading.Thread(target=relay, args=(prefix, port, stop), daemon=True)
    relay_thread.start()
    try:
        qemu = subprocess.run(
            [args.qemu, "-M", "mps2-an386", "-nographic", "-monitor", "none",
             "-semihosting-config", "enable=on,target=native", "-kernel", args.elf,
             "-append", "127.0.0.1 %d %s /v1/auth/timestamp" % (port, prefix)],
            capture_output=True, text=True, timeout=300)
    finally:
        stop.set()
        server.terminate()
        server.wait()
    out = qemu.stdout + qemu.stderr
    sys.stdout.write(out)
    records = []
    if os.path.exists(log):
        with open(log, encoding="utf-8") as f:
            records = [json.loads(line) for line in f]
    ok = (qemu.returncode == 0 and out.count("HTTP/1.1 200 OK") == 2 and
          "(resumed)" in out and "result: TV_OK" in out and len(records) == 2 and
          records[1]["reused"] and records[1]["handshake"] == "ok")
    print("server saw: %s" % ", ".join("%s %s%s" % (r["handshake"], r["version"],
                                                    " resumed" if r["reused"] else "")
                                       for r in records))
    print("firmware-run: %s" % ("ok" if ok else "FAILED (qemu exit %d)" % qemu.returncode))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
