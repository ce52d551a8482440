"""The admin API and its shell client: reset, prices, bulk orders, counters, simctl."""

import json
import subprocess
import sys
import time
import unittest

from .simtest import ACCOUNT, ACCOUNT2, HERE, Client, SimTestCase

SIMCTL = [sys.executable, HERE + '/simctl.py']


class AdminTest(SimTestCase):
    def test_reset_clears_the_world_and_sessions(self):
        self.place(clOrdId='x')
        self.admin('POST', '/sim/config', {'max_position': 7})
        self.admin('POST', '/sim/reset')
        status, _ = self.client.json('GET', '/v1/order/list', token=self.token)
        self.assertEqual(status, 401)
        self.token = self.login()['accessToken']
        self.assertEqual(self.get('/order/list'), [])
        self.assertEqual(self.admin('GET', '/sim/config')['max_position'], 1000)
        counters = self.counters()
        self.assertEqual((counters['mutations']['received'], counters['placements_by_clordid']),
                         (0, {}))

    def test_reset_may_keep_sessions(self):
        self.place()
        self.admin('POST', '/sim/reset', {'keep_sessions': True})
        self.assertEqual(self.get('/order/list'), [])

    def test_prices(self):
        prices = self.admin('GET', '/sim/price')
        self.assertEqual((prices['ESZ6'], prices['NQZ6'], prices['ZNZ6']),
                         (6000.25, 21000.5, 112.5))
        moved = self.price('ZNZ6', 112.515625)
        self.assertEqual((moved['contractId'], moved['price'], moved['filled']),
                         (4001006, 112.515625, []))
        oid = self.place(symbol='ZNZ6')['orderId']
        self.assertEqual(self.get('/fill/deps?masterid=%d' % oid)[0]['price'], 112.515625)
        for bad in ({'symbol': 'ESZ6', 'price': 6000.1}, {'symbol': 'XXZ9', 'price': 1.0},
                    {'symbol': 'ESZ6', 'price': -6000.0}, {'symbol': 'ESZ6'}):
            self.admin('POST', '/sim/price', bad, expect=400)

    def test_seed_orders_for_list_streaming(self):
        answer = self.admin('POST', '/sim/seed-orders', {'count': 10000})
        self.assertEqual(answer['seeded'], 10000)
        start = time.monotonic()
        status, response, body = self.client.request('GET', '/v1/order/list', token=self.token)
        elapsed = time.monotonic() - start  # reported by the benchmarks, not asserted here
        orders = json.loads(body)
        self.assertEqual(status, 200)
        self.assertEqual(len(orders), 10000)
        ids = [o['id'] for o in orders]
        self.assertEqual(ids, sorted(set(ids)))
        self.assertEqual((ids[0], ids[-1]), (answer['firstId'], answer['lastId']))
        self.assertGreater(ids[0], 2**32)
        self.assertShape(orders, 'array<ref:Order>')
        self.assertEqual(len(self.get('/orderVersion/list')), 10000)
        self.assertEqual(len(self.get('/order/deps?masterid=%d' % ACCOUNT)), 10000)
        self.assertEqual(self.get('/order/deps?masterid=%d' % ACCOUNT2), [])
        self.assertLess(elapsed, 60)  # a hang guard only
        self.admin('POST', '/sim/seed-orders', {'count': 0}, expect=400)
        self.admin('POST', '/sim/seed-orders', {'count': 5, 'accountId': 9}, expect=400)
        self.admin('POST', '/sim/seed-orders', {'count': 5, 'status': 'Working'}, expect=400)

    def test_counters_count_requests_and_mutations(self):
        self.get('/order/list')
        self.get('/Order/List')
        self.place(clOrdId='a')
        self.place(clOrdId='a')  # a client that resends: counted, so a test can catch it
        oid = self.place(orderType='Limit', price=5990.0, clOrdId='b')['orderId']
        self.post('/order/cancelorder', {'orderId': oid, 'clOrdId': 'b-cancel'})
        self.post('/order/cancelorder', {'orderId': oid})  # TooLate: received, not applied
        counters = self.counters()
        self.assertEqual(counters['requests']['/order/list'], 2)
        self.assertEqual(counters['placements_by_clordid'], {'a': 2, 'b': 1})
        self.assertEqual(counters['mutations_by_clordid'], {'a': 2, 'b': 1, 'b-cancel': 1})
        self.assertEqual(counters['mutations']['received_by_path'],
                         {'/order/placeorder': 3, '/order/cancelorder': 2})
        self.assertEqual(counters['mutations']['applied_by_path'],
                         {'/order/placeorder': 3, '/order/cancelorder': 1})
        fresh = Client(self.sim.port)
        fresh.request('GET', '/v1/auth/timestamp')
        fresh.close()
        self.assertEqual(self.counters()['connections'], counters['connections'] + 1)

    def _simctl(self, *args, port=None):
        done = subprocess.run(SIMCTL + ['--port', str(port or self.sim.port)] + list(args),
                              capture_output=True, text=True, timeout=30)
        return done.returncode, done.stdout, done.stderr

    def test_simctl(self):
        code, out, _ = self._simctl('price', 'ESZ6', '6001.5')
        self.assertEqual((code, json.loads(out)['price']), (0, 6001.5))
        self.assertEqual(self.admin('GET', '/sim/price')['ESZ6'], 6001.5)
        code, out, _ = self._simctl('fault', '{"kind":"status","code":429,"path":"/order/list"}')
        self.assertEqual((code, json.loads(out)['kind']), (0, 'status'))
        self.assertEqual(self.client.json('GET', '/v1/order/list', token=self.token)[0], 429)
        code, out, _ = self._simctl('seed-orders', '3', '1002')
        self.assertEqual((code, json.loads(out)['seeded']), (0, 3))
        code, out, _ = self._simctl('counters')
        self.assertEqual((code, json.loads(out)['faults_fired']), (0, {'status': 1}))
        code, out, _ = self._simctl('config', '{"max_position":3}')
        self.assertEqual((code, json.loads(out)['max_position']), (0, 3))
        code, out, _ = self._simctl('fault', '{"kind":"nonsense"}')
        self.assertEqual(code, 1)
        self.assertIn('kind must be one of', json.loads(out)['error'])
        code, out, _ = self._simctl('reset')
        self.assertEqual((code, json.loads(out)), (0, {'ok': True}))
        code, _, err = self._simctl('counters', port=1)
        self.assertEqual(code, 2)
        self.assertIn('cannot reach', err)


if __name__ == '__main__':
    unittest.main()
