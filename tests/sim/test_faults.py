"""Every fault kind, observed at the socket level, and the mutation counters that tell a
client's tests whether an order went through."""

import json
import socket
import time
import unittest

from . import simtest
from .simtest import ACCOUNT, Client, SimTestCase, http_request, raw_exchange, split_response

ORDER = {'accountId': ACCOUNT, 'action': 'Buy', 'symbol': 'ESZ6', 'orderQty': 1,
         'orderType': 'Market', 'isAutomated': True}


def dechunk(body):
    """(decoded body, chunk sizes, extensions seen, trailer lines) of a chunked body."""
    out, sizes, exts = b'', [], []
    while True:
        line, _, body = body.partition(b'\r\n')
        size_text, _, ext = line.partition(b';')
        size = int(size_text, 16)
        if ext:
            exts.append(ext)
        if size == 0:
            return out, sizes, exts, body
        sizes.append(size)
        out += body[:size]
        assert body[size:size + 2] == b'\r\n'
        body = body[size + 2:]


class FaultTest(SimTestCase):
    def arm(self, **spec):
        return self.admin('POST', '/sim/fault', spec)

    def raw(self, method, path, body=b'', close=True, **kwargs):
        extra = 'Connection: close\r\n' if close else ''
        return raw_exchange(self.sim.port, http_request(method, path, body, self.token, extra),
                            **kwargs)

    def place_raw(self, clordid, **kwargs):
        return self.raw('POST', '/v1/order/placeorder', dict(ORDER, clOrdId=clordid), **kwargs)

    def test_delay_answers_late_but_applies_at_once(self):
        self.arm(kind='delay', ms=600, path='/order/placeorder')
        sock = socket.create_connection(('127.0.0.1', self.sim.port), timeout=5)
        tls = simtest.client_context().wrap_socket(sock, server_hostname='localhost')
        tls.sendall(http_request('POST', '/v1/order/placeorder', dict(ORDER, clOrdId='slow'),
                                 self.token))
        for _ in range(100):  # the order is in before the answer leaves
            if self.counters()['placements_by_clordid'].get('slow'):
                break
            time.sleep(0.02)
        self.assertEqual(self.counters()['placements_by_clordid'], {'slow': 1})
        tls.settimeout(0.05)
        with self.assertRaises(socket.timeout):
            tls.recv(1)
        tls.settimeout(5)
        self.assertTrue(tls.recv(65536).startswith(b'HTTP/1.1 200 OK'))
        tls.close()

    def test_chunked_with_random_seeded_chunk_sizes(self):
        self.place()
        self.place(orderType='Limit', price=5990.0)
        expected = self.get('/executionReport/list')
        sizes = []
        for _ in range(2):
            self.arm(kind='chunked', seed=7, min=1, max=16, path='/executionreport/list')
            data, reads, end = self.raw('GET', '/v1/executionReport/list')
            status, headers, body = split_response(data)
            self.assertEqual((status, end), (200, 'eof'))
            self.assertEqual(headers['transfer-encoding'], 'chunked')
            self.assertNotIn('content-length', headers)
            decoded, chunk_sizes, exts, trailer = dechunk(body)
            self.assertEqual(json.loads(decoded), expected)
            self.assertTrue(all(1 <= n <= 16 for n in chunk_sizes))
            self.assertGreater(len(set(chunk_sizes)), 3)
            self.assertEqual((exts, trailer), ([], b'\r\n'))
            sizes.append(chunk_sizes)
        self.assertEqual(sizes[0], sizes[1])  # the seed makes it repeatable
        self.arm(kind='chunked', ext=True, trailer=True, max=5)
        data, _, _ = self.raw('GET', '/v1/auth/timestamp')
        decoded, _, exts, trailer = dechunk(split_response(data)[2])
        self.assertIn('timestamp', json.loads(decoded))
        self.assertTrue(exts)
        self.assertEqual(trailer, b'X-Sim-Trailer: 1\r\n\r\n')

    def test_drip_sends_every_byte_alone(self):
        self.place()
        self.arm(kind='drip')
        data, reads, end = self.raw('GET', '/v1/fill/list')
        self.assertEqual(end, 'eof')
        self.assertGreater(len(reads), 200)
        self.assertEqual({len(r) for r in reads}, {1})  # over TLS: one record per byte
        status, headers, body = split_response(data)
        self.assertEqual(int(headers['content-length']), len(body))
        self.assertEqual(json.loads(body), self.get('/fill/list'))

    def test_close_before_response_applies_the_order(self):
        for abort, end_seen in ((False, 'eof'), (True, 'abort')):
            clordid = 'unknown-outcome-%s' % abort
            self.arm(kind='close_before_response', abort=abort)
            data, reads, end = self.place_raw(clordid)
            self.assertEqual((data, end), (b'', end_seen))
            commands = [c for c in self.get('/command/list') if c.get('clOrdId') == clordid]
            self.assertEqual(len(commands), 1)
            self.assertEqual(self.order(commands[0]['orderId'])['ordStatus'], 'Filled')
            self.assertEqual(self.counters()['placements_by_clordid'][clordid], 1)
        mutations = self.counters()['mutations']
        self.assertEqual((mutations['received'], mutations['applied']), (2, 2))

    def test_close_before_apply_applies_nothing(self):
        self.arm(kind='close_before_apply')
        data, _, end = self.place_raw('never')
        self.assertEqual((data, end), (b'', 'eof'))
        self.assertEqual(self.get('/order/list'), [])
        counters = self.counters()
        self.assertEqual(counters['mutations']['received'], 1)
        self.assertEqual(counters['mutations']['applied'], 0)
        self.assertEqual(counters['placements_by_clordid'], {})
        self.assertEqual(counters['faults_fired'], {'close_before_apply': 1})

    def test_close_mid_body_resets_the_connection(self):
        self.arm(kind='close_mid_body', at=10)
        data, _, end = self.place_raw('mid')
        status, headers, body = split_response(data)
        self.assertEqual((status, end, body), (200, 'abort', b'{"orderId"'))
        self.assertGreater(int(headers['content-length']), 10)
        self.assertEqual(self.counters()['placements_by_clordid'], {'mid': 1})

    def test_truncated_body_promises_more_than_it_sends(self):
        self.arm(kind='truncated_body')
        data, _, end = self.raw('GET', '/v1/auth/timestamp', close=False)
        status, headers, body = split_response(data)
        self.assertEqual(end, 'eof')
        self.assertEqual(len(body), int(headers['content-length']) // 2)
        self.arm(kind='truncated_body', chunked=True, at=5)
        data, _, end = self.raw('GET', '/v1/auth/timestamp', close=False)
        status, headers, body = split_response(data)
        self.assertEqual((headers['transfer-encoding'], body, end),
                         ('chunked', b'5\r\n{"tim\r\n', 'eof'))

    def test_connection_close(self):
        client = Client(self.sim.port)
        self.arm(kind='connection_close', count=2)
        for _ in range(3):
            status, response, _ = client.request('GET', '/v1/auth/timestamp')
            self.assertEqual(status, 200)
        self.assertEqual(client.connects, 3)  # closed twice, then kept alive
        client.close()
        self.arm(kind='connection_close')
        data, _, end = self.raw('GET', '/v1/auth/timestamp', close=False)
        status, headers, body = split_response(data)
        self.assertEqual((headers['connection'], end), ('close', 'eof'))
        self.assertIn('timestamp', json.loads(body))

    def test_oversized_is_still_valid_json(self):
        self.place()
        for path in ('/v1/order/list', '/v1/auth/timestamp'):
            normal = self.client.json('GET', path, token=self.token)[1]
            self.arm(kind='oversized', size=100000)
            data, _, _ = self.raw('GET', path)
            status, headers, body = split_response(data)
            self.assertEqual((len(body), int(headers['content-length'])), (100000, 100000))
            value = json.loads(body)
            if isinstance(value, dict):
                self.assertEqual(set(value.pop('simPadding')), {'x'})
                self.assertEqual(set(value), set(normal))
            else:
                self.assertEqual(value, normal)

    def test_malformed_json(self):
        self.arm(kind='malformed_json')
        data, _, _ = self.raw('GET', '/v1/account/list')
        status, headers, body = split_response(data)
        self.assertEqual(int(headers['content-length']), len(body))
        with self.assertRaises(ValueError):
            json.loads(body)
        self.assertEqual(body[-2:], b',]')

    def test_status(self):
        self.arm(kind='status', code=429)
        data, _, _ = self.raw('GET', '/v1/order/list')
        status, headers, body = split_response(data)
        self.assertEqual((status, headers['content-length'], body), (429, '0', b''))
        self.assertNotIn('content-type', headers)
        self.arm(kind='status', code=500, body='{"errorText":"boom"}')
        status, answer = self.client.json('GET', '/v1/order/list', token=self.token)
        self.assertEqual((status, answer), (500, {'errorText': 'boom'}))
        self.arm(kind='status', code=423)
        self.assertEqual(self.client.json('GET', '/v1/order/list', token=self.token)[0], 423)
        # Not applied unless asked to be.
        self.arm(kind='status', code=503, path='/order/placeorder')
        self.assertEqual(self.place_raw('s-503')[0][:12], b'HTTP/1.1 503')
        self.arm(kind='status', code=504, apply=True, path='/order/placeorder')
        self.assertEqual(self.place_raw('s-504')[0][:12], b'HTTP/1.1 504')
        self.assertEqual(self.counters()['placements_by_clordid'], {'s-504': 1})

    def test_penalty(self):
        self.arm(kind='penalty', p_time=0.2, path='/order/placeorder')
        body = dict(ORDER, clOrdId='pen')
        ticket = self.post('/order/placeorder', body)
        self.assertShape(ticket, 'PenaltyTicket')
        self.assertEqual(self.get('/order/list'), [])
        time.sleep(0.25)
        answer = self.post('/order/placeorder', dict(body, **{'p-ticket': ticket['p-ticket']}))
        self.assertIn('orderId', answer)
        self.assertEqual(self.counters()['placements_by_clordid'], {'pen': 1})
        self.arm(kind='penalty', captcha=True)
        self.assertIs(self.get('/order/list')['p-captcha'], True)

    def test_raw(self):
        exact = b'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Odd:\tvalue \r\n\r\n{}'
        self.arm(kind='raw', data=exact.decode('latin-1'))
        data, _, end = self.raw('GET', '/v1/order/list', close=False)
        self.assertEqual((data, end), (exact, 'eof'))
        self.arm(kind='raw', hex='485454502f312e3020323030204f4b0d0a0d0a')
        self.assertEqual(self.raw('GET', '/v1/order/list')[0], b'HTTP/1.0 200 OK\r\n\r\n')
        # close=False leaves the connection open for the next request.
        self.arm(kind='raw', base64='SFRUUC8xLjEgMjA0IE5vIENvbnRlbnQNCg0K', close=False)
        sock = simtest.client_context().wrap_socket(
            socket.create_connection(('127.0.0.1', self.sim.port), timeout=5),
            server_hostname='localhost')
        sock.sendall(http_request('GET', '/v1/auth/timestamp'))
        self.assertEqual(sock.recv(4096), b'HTTP/1.1 204 No Content\r\n\r\n')
        sock.sendall(http_request('GET', '/v1/auth/timestamp'))
        self.assertTrue(sock.recv(4096).startswith(b'HTTP/1.1 200 OK'))
        sock.close()

    def test_path_filter_count_and_admin_exemption(self):
        armed = self.arm(kind='status', code=503, count=2, path='Order/List')
        self.assertEqual((armed['path'], armed['count']), ('/v1/order/list', 2))
        self.counters()  # the admin API is never faulted
        self.assertEqual(self.get('/fill/list'), [])
        self.get('/ORDER/list', expect=503)
        self.assertEqual(self.admin('GET', '/sim/faults')[0]['count'], 1)
        self.get('/order/list', expect=503)
        self.assertEqual(self.get('/order/list'), [])
        self.assertEqual(self.admin('GET', '/sim/faults'), [])
        self.arm(kind='status', code=500, path='/v1/order/')  # a prefix matches a family
        self.arm(kind='delay', ms=1)
        self.assertEqual(len(self.admin('GET', '/sim/faults')), 2)
        self.admin('POST', '/sim/faults/clear')
        self.assertEqual(self.admin('GET', '/sim/faults'), [])
        self.get('/order/list')
        self.assertEqual(self.counters()['faults_fired'], {'status': 2})

    def test_bad_fault_specs_are_refused(self):
        for spec in ({'kind': 'explode'}, {'kind': 'delay', 'count': 0},
                     {'kind': 'delay', 'speed': 3}, {'kind': 'raw'},
                     {'kind': 'raw', 'data': 'x', 'hex': '00'}, {'kind': 'raw', 'hex': 'zz'},
                     {'kind': 'status', 'code': 99}, {'kind': 'chunked', 'min': 5, 'max': 2},
                     {'kind': 'delay', 'ms': 'soon'}, {'kind': 'drip', 'path': 3}):
            answer = self.admin('POST', '/sim/fault', spec, expect=400)
            self.assertTrue(answer['error'], spec)
        self.assertEqual(self.admin('GET', '/sim/faults'), [])


if __name__ == '__main__':
    unittest.main()
