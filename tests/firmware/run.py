#!/usr/bin/env python3
"""Runs the firmware test image under QEMU against the simulator.

    run.py --elf ELF --certs DIR --dir WORKDIR [--qemu qemu-system-arm]

Starts tests/sim/tradovate_sim.py with the certificates the image trusts
(DIR), armed to answer the login with `Connection: close`; makes the two
named pipes of the image's semihosting "network" (a pair per connection)
and relays every connection the image opens to the simulator over TCP; boots the image on QEMU's
mps2-an386 (Cortex-M4). Passes when the image exits 0 having reported a full
handshake, a call on the kept-alive connection and a resumed reconnect, and
the simulator recorded exactly those two TLS connections.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import threading

LOGIN_CLOSES = '{"kind":"connection_close","path":"/auth/accesstokenrequest","count":1}'


def relay_one(out_fd, in_fd, port):
    """One connection: the image's pipes <-> TCP to the simulator. Returns when
    the image has closed its ends (end of file on its output pipe)."""
    sock = socket.create_connection(("127.0.0.1", port))
    sending = [True]

    def upstream():
        while True:
            data = os.read(out_fd, 4096)
            if not data:
                break
            if sending[0]:
                try:
                    sock.sendall(data)
                except OSError:
                    sending[0] = False  # keep draining until the image closes
        try:
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    up = threading.Thread(target=upstream)
    up.start()
    try:
        while True:
            data = sock.recv(4096)
            if not data:
                break
            os.write(in_fd, data)
    except OSError:
        pass
    os.close(in_fd)
    up.join()
    os.close(out_fd)
    sock.close()


def make_pair(prefix, n):
    for end in (".in", ".out"):
        os.mkfifo("%s.%d%s" % (prefix, n, end))


def relay(prefix, port):
    """Connection after connection, until the image stops opening them. The
    pipes of connection n+1 exist before connection n is relayed, so the
    image never opens a path that is not a pipe."""
    n = 1
    make_pair(prefix, n)
    while True:
        out_fd = os.open("%s.%d.out" % (prefix, n), os.O_RDONLY)  # the image writes here
        in_fd = os.open("%s.%d.in" % (prefix, n), os.O_WRONLY)  # and reads here
        make_pair(prefix, n + 1)
        relay_one(out_fd, in_fd, port)
        n += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--elf", required=True)
    ap.add_argument("--certs", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--qemu", default="qemu-system-arm")
    args = ap.parse_args()

    record = os.path.join(args.dir, "run-connections.jsonl")
    net = os.path.join(args.dir, "net")
    shutil.rmtree(net, ignore_errors=True)
    os.makedirs(net)
    prefix = os.path.join(net, "conn")
    if os.path.exists(record):
        os.unlink(record)
    sim = subprocess.Popen(
        [sys.executable, "tests/sim/tradovate_sim.py", "--port", "0", "--cert-dir", args.certs,
         "--record", record, "--quiet", "--fault", LOGIN_CLOSES],
        stdout=subprocess.PIPE, text=True)
    port = int(sim.stdout.readline())
    threading.Thread(target=relay, args=(prefix, port), daemon=True).start()
    try:
        qemu = subprocess.run(
            [args.qemu, "-M", "mps2-an386", "-nographic", "-monitor", "none",
             "-semihosting-config", "enable=on,target=native", "-kernel", args.elf,
             "-append", "https://127.0.0.1:%d/v1 %s" % (port, prefix)],
            capture_output=True, text=True, timeout=120)
    finally:
        sim.terminate()
        sim.wait()
    out = qemu.stdout + qemu.stderr
    sys.stdout.write(out)
    conns = []
    if os.path.exists(record):
        with open(record, encoding="utf-8") as f:
            conns = [json.loads(line) for line in f]
    expected = ["Get Timestamp: TV_OK (new connection, full handshake)",
                "log in: TV_OK (same connection)",
                "account list: TV_OK (new connection, resumed)",
                "result: TV_OK"]
    ok = (qemu.returncode == 0 and all(line in out for line in expected) and
          [(c["handshake"], c["requests"]) for c in conns] == [("ok", 2), ("ok", 1)])
    print("simulator saw: %s" % ", ".join("TLS %s, %d request(s)" % (c["handshake"], c["requests"])
                                          for c in conns))
    print("firmware-run: %s" % ("ok" if ok else "FAILED (qemu exit %d)" % qemu.returncode))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
