#!/usr/bin/env python3
"""A local Tradovate REST simulator over loopback TLS, for the demo and the tests.

    python3 tests/sim/tradovate_sim.py --port 0

The first line on stdout is the port number alone; log lines follow (never passwords, secrets
or tokens).  SIGTERM or SIGINT stops it cleanly (exit status 0).  See tests/sim/README.md.
"""

import argparse
import json
import os
import signal
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import sim_certs  # noqa: E402  (after the path is set)
import sim_seed  # noqa: E402
from sim_core import Simulator  # noqa: E402
from sim_faults import FaultBoard  # noqa: E402
from sim_http import Server  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_CERT_DIR = os.path.join(REPO, 'build', 'sim-certs')


def _user(text):
    """--user NAME:PASSWORD[:CID:SEC] adds a user with one account of its own."""
    parts = text.split(':')
    if len(parts) not in (2, 4) or not all(parts):
        raise argparse.ArgumentTypeError('expected NAME:PASSWORD[:CID:SEC]')
    return parts


def _fault(text):
    """--fault JSON: checked here so that a typo stops the start, not the first request."""
    try:
        spec = json.loads(text)
        FaultBoard().arm(spec)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e))
    return spec


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[1],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--port', type=int, default=0, help='TCP port; 0 picks a free one (default)')
    p.add_argument('--host', default='127.0.0.1', help='address to listen on (127.0.0.1; ::1 for IPv6)')
    p.add_argument('--cert-dir', default=DEFAULT_CERT_DIR,
                   help='certificates, generated when absent (build/sim-certs)')
    p.add_argument('--key-type', choices=sim_certs.KEY_TYPES, default='ec',
                   help='server key: EC P-256 or RSA-2048 (ec)')
    p.add_argument('--cert-profile', choices=sim_certs.PROFILES, default='good',
                   help='serve a valid certificate or a deliberately bad one (good)')
    p.add_argument('--tls-min', choices=sorted(sim_certs.TLS_VERSIONS), help='lowest TLS version')
    p.add_argument('--tls-max', choices=sorted(sim_certs.TLS_VERSIONS), help='highest TLS version')
    p.add_argument('--ciphers', help='OpenSSL cipher list for TLS 1.2 and below')
    p.add_argument('--plain', action='store_true', help='plain HTTP, no TLS (benchmarks)')
    p.add_argument('--token-lifetime', type=float, default=4800.0,
                   help='access token lifetime in seconds (4800 = 80 minutes)')
    p.add_argument('--idle-timeout', type=float, default=30.0,
                   help='seconds before an idle kept-alive connection is closed (30)')
    p.add_argument('--user', type=_user, action='append', default=[],
                   metavar='NAME:PASSWORD[:CID:SEC]', help='add a user (repeatable)')
    p.add_argument('--record', metavar='FILE',
                   help='append a JSON line per finished connection (handshake, bytes received)')
    p.add_argument('--fault', type=_fault, action='append', default=[], metavar='JSON',
                   help='arm a fault at start, as POST /sim/fault would (repeatable; '
                        '/sim/reset disarms it)')
    p.add_argument('--quiet', action='store_true', help='no log lines after the port')
    return p.parse_args(argv)


def users(extra):
    out = list(sim_seed.USERS)
    for i, parts in enumerate(extra):
        name, password = parts[0], parts[1]
        cid, sec = (parts[2], parts[3]) if len(parts) == 4 else (str(100 + i), name + '-secret')
        uid, aid = 201 + i, 2001 + i
        out.append(sim_seed.User(uid, name, password, cid, sec, 'libtradovate', '0.1',
                                 name.title() + ' User', name + '@example.com',
                                 ((aid, 'SIM%04d' % aid),)))
    return out


def main(argv=None):
    args = parse_args(argv)
    tls = None
    if not args.plain:
        cert, key, ca = sim_certs.server_files(args.cert_dir, args.key_type, args.cert_profile)
        tls = sim_certs.server_context(cert, key, args.tls_min, args.tls_max, args.ciphers,
                                       weak_md=args.cert_profile == 'sha1-signed')
    sim = Simulator(users(args.user), args.token_lifetime, args.idle_timeout)
    for spec in args.fault:
        sim.faults.arm(spec)
    server = Server((args.host, args.port), sim, tls, args.record, not args.quiet)
    sys.stdout.write('%d\n' % server.server_address[1])
    sys.stdout.flush()
    server.log('listening on %s://%s:%d/v1 (%s)' % (
        'http' if args.plain else 'https',
        '[%s]' % args.host if ':' in args.host else args.host, server.server_address[1],
        'plain' if args.plain else '%s key, %s certificate, trust %s' % (
            args.key_type, args.cert_profile, ca)))

    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        server.serve_forever(poll_interval=0.05)
    finally:
        server.server_close()
        server.log('stopped')
    return 0


if __name__ == '__main__':
    status = main()
    sys.stdout.flush()
    # Connection threads are daemons, possibly mid-write; ending the process here rather than
    # through interpreter finalisation keeps one of them from turning a clean stop into a
    # "could not acquire lock at interpreter shutdown" abort.
    os._exit(status)
