"""The deps/ldeps master relations of the nine entities, and item/items edge cases."""

import unittest

from .simtest import ACCOUNT, ACCOUNT2, SimTestCase

PARAMS = ('{"entryVersion":{"orderQty":1,"orderType":"Market"},'
          '"brackets":[{"qty":1,"profitTarget":5,"stopLoss":-3}]}')


class RelationsTest(SimTestCase):
    def setUp(self):
        super().setUp()
        self.limit = self.place(orderType='Limit', price=5990.0, clOrdId='L')['orderId']
        self.post('/order/modifyorder', {'orderId': self.limit, 'orderQty': 2, 'clOrdId': 'L-mod',
                                         'orderType': 'Limit', 'price': 5991.0})
        self.post('/order/cancelorder', {'orderId': self.limit, 'clOrdId': 'L-cxl'})
        self.market = self.place(accountId=ACCOUNT2, clOrdId='M')['orderId']
        answer = self.post('/orderStrategy/startorderstrategy', {
            'accountId': ACCOUNT, 'symbol': 'MESZ6', 'orderStrategyTypeId': 2,
            'action': 'Buy', 'params': PARAMS})
        self.strategy = answer['orderStrategy']['id']
        self.commands = self.get('/command/deps?masterid=%d' % self.limit)

    def ids(self, entities):
        return [e['id'] for e in entities]

    def test_command_deps_by_order(self):
        self.assertEqual([c['commandType'] for c in self.commands], ['New', 'Modify', 'Cancel'])
        self.assertEqual([c['clOrdId'] for c in self.commands], ['L', 'L-mod', 'L-cxl'])
        self.assertEqual({c['orderId'] for c in self.commands}, {self.limit})
        both = self.get('/command/ldeps?masterids=%d,%d' % (self.limit, self.market))
        self.assertEqual([c['orderId'] for c in both], [self.limit] * 3 + [self.market])

    def test_command_report_deps_by_command(self):
        new, modify, cancel = self.ids(self.commands)
        reports = self.get('/commandReport/deps?masterid=%d' % new)
        self.assertEqual([(r['commandStatus'], r['ordStatus']) for r in reports],
                         [('RiskPassed', 'PendingNew'), ('AtExecution', 'Working')])
        self.assertEqual({r['commandId'] for r in reports}, {new})
        cancel_reports = self.get('/commandReport/deps?masterid=%d' % cancel)
        self.assertEqual(cancel_reports[-1]['ordStatus'], 'Canceled')
        every = self.get('/commandReport/ldeps?masterids=%d,%d,%d' % (new, modify, cancel))
        self.assertEqual([r['commandId'] for r in every], [new] * 2 + [modify] * 2 + [cancel] * 2)

    def test_execution_report_deps_by_command(self):
        new, modify, cancel = self.ids(self.commands)
        self.assertEqual([e['execType'] for e in self.get(
            '/executionReport/deps?masterid=%d' % new)], ['New'])
        self.assertEqual([e['execType'] for e in self.get(
            '/executionReport/deps?masterid=%d' % modify)], ['Replaced'])
        cancelled = self.get('/executionReport/deps?masterid=%d' % cancel)
        self.assertEqual([(e['execType'], e['ordStatus']) for e in cancelled],
                         [('Canceled', 'Canceled')])
        market_cmd = self.get('/command/deps?masterid=%d' % self.market)[0]['id']
        trades = self.get('/executionReport/ldeps?masterids=%d,%d' % (market_cmd, cancel))
        self.assertEqual([e['execType'] for e in trades], ['New', 'Trade', 'Canceled'])
        self.assertEqual(trades[1]['orderId'], self.market)

    def test_fill_deps_by_order_and_fill_fee_deps_by_fill(self):
        fills = self.get('/fill/deps?masterid=%d' % self.market)
        self.assertEqual([(f['qty'], f['price'], f['action']) for f in fills],
                         [(1, 6000.25, 'Buy')])
        self.assertEqual(self.get('/fill/deps?masterid=%d' % self.limit), [])
        fees = self.get('/fillFee/deps?masterid=%d' % fills[0]['id'])
        self.assertEqual(self.ids(fees), [fills[0]['id']])
        self.assertEqual(fees[0]['exchangeFee'], 1.38)
        entry = self.get('/orderStrategyLink/deps?masterid=%d' % self.strategy)[0]['orderId']
        both = self.get('/fill/ldeps?masterids=%d,%d' % (self.market, entry))
        self.assertEqual([f['orderId'] for f in both], [self.market, entry])
        fees = self.get('/fillFee/ldeps?masterids=%s' % ','.join(map(str, self.ids(both))))
        self.assertEqual(self.ids(fees), self.ids(both))

    def test_order_version_deps_by_order(self):
        versions = self.get('/orderVersion/deps?masterid=%d' % self.limit)
        self.assertEqual([(v['orderQty'], v['price']) for v in versions],
                         [(1, 5990.0), (2, 5991.0)])
        both = self.get('/orderVersion/ldeps?masterids=%d,%d' % (self.limit, self.market))
        self.assertEqual([v['orderId'] for v in both], [self.limit] * 2 + [self.market])

    def test_order_and_strategy_deps_by_account(self):
        mine = self.get('/order/deps?masterid=%d' % ACCOUNT)
        self.assertIn(self.limit, self.ids(mine))
        self.assertNotIn(self.market, self.ids(mine))
        self.assertEqual({o['accountId'] for o in mine}, {ACCOUNT})
        self.assertEqual(self.ids(self.get('/order/deps?masterid=%d' % ACCOUNT2)), [self.market])
        every = self.get('/order/ldeps?masterids=%d,%d' % (ACCOUNT, ACCOUNT2))
        self.assertEqual(sorted(self.ids(every)), sorted(self.ids(self.get('/order/list'))))
        self.assertEqual(self.ids(self.get('/orderStrategy/deps?masterid=%d' % ACCOUNT)),
                         [self.strategy])
        self.assertEqual(self.get('/orderStrategy/deps?masterid=%d' % ACCOUNT2), [])
        self.assertEqual(self.ids(self.get('/orderStrategy/ldeps?masterids=%d,%d'
                                           % (ACCOUNT2, ACCOUNT))), [self.strategy])
        # Another user's account is not a master this user can read through.
        self.assertEqual(self.get('/order/deps?masterid=1003'), [])

    def test_order_strategy_link_deps_by_strategy(self):
        links = self.get('/orderStrategyLink/deps?masterid=%d' % self.strategy)
        self.assertEqual([l['label'] for l in links], ['Entry', 'ProfitTarget1', 'StopLoss1'])
        self.assertEqual({l['orderStrategyId'] for l in links}, {self.strategy})
        orders = self.get('/order/items?ids=%s' % ','.join(str(l['orderId']) for l in links))
        self.assertEqual(len(orders), 3)
        self.assertEqual(self.get('/orderStrategyLink/ldeps?masterids=%d,1' % self.strategy),
                         links)

    def test_commands_are_found_by_clordid(self):
        found = [c for c in self.get('/command/list') if c.get('clOrdId') == 'M']
        self.assertEqual([c['orderId'] for c in found], [self.market])

    def test_item_items_and_parameter_errors(self):
        self.get('/order/item?id=1', expect=404)
        self.get('/order/item?id=%d' % self.commands[0]['id'], expect=404)  # a command id
        self.assertEqual(self.ids(self.get('/order/items?ids=1,%d,2' % self.limit)),
                         [self.limit])
        self.assertEqual(self.ids(self.get('/order/items?ids=%d&ids=%d'
                                           % (self.limit, self.market))),
                         [self.limit, self.market])
        self.assertEqual(self.get('/fill/deps?masterid=42'), [])
        for bad in ('/order/item', '/order/item?id=abc', '/order/items?ids=',
                    '/order/deps', '/order/ldeps?masterids=1,x'):
            self.get(bad, expect=400)


if __name__ == '__main__':
    unittest.main()
