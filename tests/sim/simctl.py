#!/usr/bin/env python3
"""Drives a running simulator's admin API from the shell (make demo uses it).

    python3 tests/sim/simctl.py --port N reset [--keep-sessions]
    python3 tests/sim/simctl.py --port N price                 # every contract's price
    python3 tests/sim/simctl.py --port N price ESZ6 6001.5     # move a price
    python3 tests/sim/simctl.py --port N fault '{"kind":"status","code":429}'
    python3 tests/sim/simctl.py --port N faults | clear-faults | counters | connections
    python3 tests/sim/simctl.py --port N config ['{"token_lifetime":60}']
    python3 tests/sim/simctl.py --port N seed-orders 10000 [ACCOUNT_ID]

Prints the JSON answer; exits 0 when the simulator accepted the command, 1 when it refused
it, 2 when it could not be reached.  Trusts build/sim-certs/ca.pem unless told otherwise.
"""

import argparse
import http.client
import json
import os
import ssl
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CA = os.path.join(os.path.dirname(os.path.dirname(HERE)), 'build', 'sim-certs', 'ca.pem')


def _json_arg(text):
    try:
        return json.loads(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError('not JSON: %s' % e)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog=__doc__.split('\n', 2)[2])
    p.add_argument('--port', type=int, required=True)
    p.add_argument('--host', default='localhost')
    p.add_argument('--cacert', default=DEFAULT_CA)
    p.add_argument('--plain', action='store_true', help='the simulator runs with --plain')
    sub = p.add_subparsers(dest='command', required=True)
    reset = sub.add_parser('reset')
    reset.add_argument('--keep-sessions', action='store_true')
    price = sub.add_parser('price')
    price.add_argument('symbol', nargs='?')
    price.add_argument('price', nargs='?', type=float)
    fault = sub.add_parser('fault')
    fault.add_argument('spec', type=_json_arg)
    for name in ('faults', 'clear-faults', 'counters', 'connections'):
        sub.add_parser(name)
    config = sub.add_parser('config')
    config.add_argument('changes', nargs='?', type=_json_arg)
    seed = sub.add_parser('seed-orders')
    seed.add_argument('count', type=int)
    seed.add_argument('account', type=int, nargs='?')
    return p.parse_args(argv)


def request_for(args):
    """(method, path, body) of the admin call a command stands for."""
    c = args.command
    if c == 'reset':
        return 'POST', '/sim/reset', {'keep_sessions': args.keep_sessions}
    if c == 'price':
        if args.symbol is None:
            return 'GET', '/sim/price', None
        if args.price is None:
            raise SystemExit('price: give SYMBOL and PRICE, or neither')
        return 'POST', '/sim/price', {'symbol': args.symbol, 'price': args.price}
    if c == 'fault':
        return 'POST', '/sim/fault', args.spec
    if c == 'clear-faults':
        return 'POST', '/sim/faults/clear', {}
    if c == 'config':
        return ('GET', '/sim/config', None) if args.changes is None else (
            'POST', '/sim/config', args.changes)
    if c == 'seed-orders':
        body = {'count': args.count}
        if args.account is not None:
            body['accountId'] = args.account
        return 'POST', '/sim/seed-orders', body
    return 'GET', '/sim/' + c, None


def main(argv=None):
    args = parse_args(argv)
    method, path, body = request_for(args)
    if args.plain:
        conn = http.client.HTTPConnection(args.host, args.port, timeout=30)
    else:
        context = ssl.create_default_context(cafile=args.cacert)
        conn = http.client.HTTPSConnection(args.host, args.port, timeout=30, context=context)
    try:
        conn.request(method, path, body=None if body is None else json.dumps(body),
                     headers={'Content-Type': 'application/json'})
        response = conn.getresponse()
        answer = response.read()
    except (OSError, http.client.HTTPException) as e:
        sys.stderr.write('simctl: cannot reach the simulator on port %d: %s\n' % (args.port, e))
        return 2
    finally:
        conn.close()
    try:
        sys.stdout.write(json.dumps(json.loads(answer), indent=2) + '\n')
    except ValueError:
        sys.stdout.write(answer.decode('utf-8', 'replace') + '\n')
    return 0 if 200 <= response.status < 300 else 1


if __name__ == '__main__':
    sys.exit(main())
