#!/usr/bin/env python3
"""Record realistic responses of every endpoint kind from the simulator.

Starts tests/sim/tradovate_sim.py in plain-HTTP mode, plays a short trading
session over a raw socket and writes each response exactly as it came off the
wire (head, framing, body) to tests/fuzz/corpus/responses/<op>--<what>.http.
The part before "--" names the client operation the response answers (the
operation table in tests/fuzz/tv_ops.c); the torture test replays every file
through that operation and the client fuzzer starts from them.

Run once by hand when the simulator's answers change; the files are checked in
so that `make test` and `make fuzz` need no simulator:

    python3 tests/fuzz/record_responses.py

Lists are kept short (items/deps of two or three entities) so the torture
test, which is quadratic in a response's length, stays fast.
"""

import json
import os
import socket
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'tests', 'fuzz', 'corpus', 'responses')


def read_response(sock):
    """Read exactly one HTTP response (Content-Length or chunked framing)."""
    data = b''
    while b'\r\n\r\n' not in data:
        more = sock.recv(65536)
        if not more:
            return data
        data += more
    head, _, rest = data.partition(b'\r\n\r\n')
    headers = {}
    for line in head.split(b'\r\n')[1:]:
        name, _, value = line.partition(b':')
        headers[name.strip().lower()] = value.strip()

    def need(pred):
        nonlocal rest
        while not pred(rest):
            more = sock.recv(65536)
            if not more:
                break
            rest += more

    if b'content-length' in headers:
        n = int(headers[b'content-length'])
        need(lambda r: len(r) >= n)
        return head + b'\r\n\r\n' + rest[:n]
    if headers.get(b'transfer-encoding', b'').lower() == b'chunked':
        pos = 0
        while True:
            need(lambda r: b'\r\n' in r[pos:])
            line_end = rest.index(b'\r\n', pos)
            size = int(rest[pos:line_end].split(b';')[0], 16)
            pos = line_end + 2
            if size == 0:
                need(lambda r: b'\r\n\r\n' in r[pos - 2:])
                end = rest.index(b'\r\n\r\n', pos - 2) + 4
                return head + b'\r\n\r\n' + rest[:end]
            need(lambda r: len(r) >= pos + size + 2)
            pos += size + 2
    return head + b'\r\n\r\n' + rest


class Session:
    def __init__(self, port):
        self.port = port
        self.token = None
        self.sock = None

    def raw(self, method, path, body=None, admin=False):
        if self.sock is None:
            self.sock = socket.create_connection(('127.0.0.1', self.port))
        data = json.dumps(body, separators=(',', ':')).encode() if body is not None else b''
        lines = ['%s %s HTTP/1.1' % (method, path if admin else '/v1' + path),
                 'Host: 127.0.0.1:%d' % self.port, 'Accept: application/json']
        if self.token and not admin:
            lines.append('Authorization: Bearer ' + self.token)
        if body is not None:
            lines += ['Content-Type: application/json', 'Content-Length: %d' % len(data)]
        self.sock.sendall(('\r\n'.join(lines) + '\r\n\r\n').encode() + data)
        resp = read_response(self.sock)
        if b'connection: close' in resp.split(b'\r\n\r\n')[0].lower():
            self.sock.close()
            self.sock = None
        return resp

    def call(self, method, path, body=None):
        resp = self.raw(method, path, body)
        payload = resp.split(b'\r\n\r\n', 1)[1]
        if b'transfer-encoding: chunked' in resp.split(b'\r\n\r\n')[0].lower():
            return resp, None
        try:
            return resp, json.loads(payload)
        except ValueError:
            return resp, None

    def fault(self, spec):
        self.raw('POST', '/sim/fault', spec, admin=True)


def save(name, resp):
    with open(os.path.join(OUT, name + '.http'), 'wb') as f:
        f.write(resp)
    print('%-44s %5d bytes' % (name, len(resp)))


def main():
    sim = subprocess.Popen([sys.executable, os.path.join(ROOT, 'tests', 'sim', 'tradovate_sim.py'),
                            '--plain', '--port', '0', '--quiet'],
                           stdout=subprocess.PIPE, cwd=ROOT)
    try:
        port = int(sim.stdout.readline())
        os.makedirs(OUT, exist_ok=True)
        for f in os.listdir(OUT):
            if f.endswith('.http'):
                os.remove(os.path.join(OUT, f))
        record(Session(port))
    finally:
        sim.terminate()
        sim.wait()


def record(s):
    login = {'name': 'demo', 'password': 'demo-password', 'appId': 'libtradovate',
             'appVersion': '0.1', 'cid': 1, 'sec': 'demo-secret', 'deviceId': 'recorder'}
    resp, _ = s.call('POST', '/auth/accesstokenrequest', dict(login, password='wrong'))
    save('auth_token--wrong-password', resp)
    resp, tok = s.call('POST', '/auth/accesstokenrequest', login)
    save('auth_token--ok', resp)
    s.token = tok['accessToken']
    resp, tok = s.call('GET', '/auth/renewaccesstoken')
    save('auth_renew--ok', resp)
    s.token = tok['accessToken']
    save('auth_me--ok', s.call('GET', '/auth/me')[0])
    save('timestamp--ok', s.call('GET', '/auth/timestamp')[0])
    save('userinfo--ok', s.call('GET', '/auth/userinfo')[0])

    order = {'accountId': 1001, 'action': 'Buy', 'symbol': 'ESZ6', 'orderQty': 1,
             'orderType': 'Market', 'isAutomated': True}
    resp, placed = s.call('POST', '/order/placeorder', dict(order, clOrdId='rec-1'))
    save('place_order--ok', resp)
    filled_id = placed['orderId']
    save('place_order--business', s.call('POST', '/order/placeorder',
                                         dict(order, orderQty=600))[0])
    s.fault({'kind': 'penalty', 'count': 1, 'path': '/order/placeorder', 'p_time': 3})
    save('place_order--penalty', s.call('POST', '/order/placeorder', order)[0])
    s.fault({'kind': 'status', 'count': 1, 'path': '/order/placeorder', 'code': 429})
    save('place_order--429', s.call('POST', '/order/placeorder', order)[0])
    s.fault({'kind': 'status', 'count': 1, 'path': '/order/placeorder', 'code': 503,
             'body': '{"errorText":"try later"}'})
    save('place_order--503', s.call('POST', '/order/placeorder', order)[0])

    limit = dict(order, orderType='Limit', price=5990.25, clOrdId='rec-2')
    resp, rest = s.call('POST', '/order/placeorder', limit)
    resting_id = rest['orderId']
    resp, _ = s.call('POST', '/order/modifyorder', {'orderId': resting_id, 'orderQty': 2,
                                                    'orderType': 'Limit', 'price': 5990.5})
    save('modify_order--ok', resp)
    s.fault({'kind': 'chunked', 'count': 1, 'path': '/order/cancelorder', 'seed': 7,
             'min': 5, 'max': 40, 'ext': True, 'trailer': True})
    save('cancel_order--chunked', s.call('POST', '/order/cancelorder',
                                         {'orderId': resting_id})[0])
    save('cancel_order--too-late', s.call('POST', '/order/cancelorder',
                                          {'orderId': resting_id})[0])
    other = {'action': 'Sell', 'orderType': 'Limit', 'price': 6100.25}
    save('place_oco--ok', s.call('POST', '/order/placeoco',
                                 dict(order, orderType='Limit', price=5900.25, other=other))[0])
    save('place_oso--ok', s.call('POST', '/order/placeoso',
                                 dict(order, bracket1=other,
                                      bracket2={'action': 'Sell', 'orderType': 'Stop',
                                                'stopPrice': 5950.25}))[0])
    params = {'entryVersion': {'orderQty': 1, 'orderType': 'Market'},
              'brackets': [{'qty': 1, 'profitTarget': 10.5, 'stopLoss': -5.25}]}
    resp, st = s.call('POST', '/orderStrategy/startorderstrategy',
                      {'accountId': 1001, 'symbol': 'MESZ6', 'orderStrategyTypeId': 2,
                       'action': 'Buy', 'params': json.dumps(params), 'uuid': 'rec-s1'})
    save('start_strategy--ok', resp)
    sid = st['orderStrategy']['id']
    save('modify_strategy--ok', s.call('POST', '/orderStrategy/modifyorderstrategy',
                                       {'orderStrategyId': sid, 'command': json.dumps(
                                           {'brackets': [{'profitTarget': 12,
                                                          'stopLoss': -6}]})})[0])
    save('interrupt_strategy--ok', s.call('POST', '/orderStrategy/interruptorderstrategy',
                                          {'orderStrategyId': sid})[0])
    save('dry_run--ok', s.call('POST', '/order/dryrun',
                               {'accountId': 1001, 'orders': [
                                   {'contractId': 4001001, 'action': 'Buy', 'orderQty': 1,
                                    'orderType': 'Market'}]})[0])
    nq_id = s.call('POST', '/order/placeorder', dict(order, symbol='NQZ6'))[1]['orderId']
    save('liquidate_position--ok', s.call('POST', '/order/liquidateposition',
                                          {'accountId': 1001, 'contractId': 4001003,
                                           'admin': False})[0])
    s.call('POST', '/order/placeorder', dict(order, symbol='CLF7'))
    _, positions = s.call('GET', '/position/deps?masterid=1001')
    pid = [p['id'] for p in positions if p['contractId'] == 4001005]
    save('liquidate_positions--ok', s.call('POST', '/order/liquidatepositions',
                                           {'positions': pid, 'admin': False})[0])

    # Entity reads: one item, a short list of each kind, and the odd failure.
    _, cmds = s.call('GET', '/command/deps?masterid=%d' % filled_id)
    _, fills = s.call('GET', '/fill/deps?masterid=%d' % filled_id)
    cmd, fill = cmds[0]['id'], fills[0]['id']
    ids = '%d,%d' % (filled_id, resting_id)
    save('order_item--ok', s.call('GET', '/order/item?id=%d' % filled_id)[0])
    save('order_item--404', s.call('GET', '/order/item?id=1')[0])
    save('order_items--ok', s.call('GET', '/order/items?ids=' + ids)[0])
    s.fault({'kind': 'chunked', 'count': 1, 'path': '/fill/ldeps', 'seed': 3, 'min': 1,
             'max': 97, 'ext': True, 'trailer': True})
    save('fill_ldeps--chunked', s.call('GET', '/fill/ldeps?masterids=%d,%d' % (filled_id, nq_id))[0])
    save('order_deps--empty', s.call('GET', '/order/deps?masterid=1002')[0])
    save('order_version_deps--ok', s.call('GET', '/orderVersion/deps?masterid=%d' % resting_id)[0])
    save('command_deps--ok', s.call('GET', '/command/deps?masterid=%d' % resting_id)[0])
    save('command_item--ok', s.call('GET', '/command/item?id=%d' % cmd)[0])
    save('command_report_deps--ok', s.call('GET', '/commandReport/deps?masterid=%d' % cmd)[0])
    save('execution_report_deps--ok',
         s.call('GET', '/executionReport/deps?masterid=%d' % cmd)[0])
    save('fill_deps--ok', s.call('GET', '/fill/deps?masterid=%d' % filled_id)[0])
    save('fill_fee_item--ok', s.call('GET', '/fillFee/item?id=%d' % fill)[0])
    save('order_strategy_item--ok', s.call('GET', '/orderStrategy/item?id=%d' % sid)[0])
    save('order_strategy_link_deps--ok',
         s.call('GET', '/orderStrategyLink/deps?masterid=%d' % sid)[0])
    save('account_list--ok', s.call('GET', '/account/list')[0])
    s.fault({'kind': 'chunked', 'count': 1, 'path': '/position/list', 'seed': 11, 'min': 16,
             'max': 64})
    save('position_list--chunked', s.call('GET', '/position/list')[0])
    save('contract_find--ok', s.call('GET', '/contract/find?name=ESZ6')[0])
    save('contract_item--404', s.call('GET', '/contract/item?id=99')[0])
    s.fault({'kind': 'malformed_json', 'count': 1, 'path': '/account/list'})
    save('account_list--malformed', s.call('GET', '/account/list')[0])
    s.fault({'kind': 'connection_close', 'count': 1, 'path': '/contract/item'})
    save('contract_item--close', s.call('GET', '/contract/item?id=4001001')[0])
    token, s.token = s.token, 'not-a-token'
    save('order_list--401', s.call('GET', '/order/list')[0])
    s.token = token


if __name__ == '__main__':
    main()
