"""Every one of the 58 seed operations, answered in the shape the reference gives, plus the
supporting reads (account, position, contract)."""

import unittest

from . import sim_schemas
from .simtest import ACCOUNT, ES, MES, SimTestCase

# The nine entities, their schemas and the field holding the deps master (reference
# section 5: Order, Command, Command, Order, Fill, Account, Account, OrderStrategy, Order).
ENTITIES = [
    ('command', 'Command', 'orderId'),
    ('commandReport', 'CommandReport', 'commandId'),
    ('executionReport', 'ExecutionReport', 'commandId'),
    ('fill', 'Fill', 'orderId'),
    ('fillFee', 'FillFee', 'id'),  # a FillFee carries its Fill's id
    ('order', 'Order', 'accountId'),
    ('orderStrategy', 'OrderStrategy', 'accountId'),
    ('orderStrategyLink', 'OrderStrategyLink', 'orderStrategyId'),
    ('orderVersion', 'OrderVersion', 'orderId'),
]
PARAMS = ('{"entryVersion":{"orderQty":1,"orderType":"Market"},'
          '"brackets":[{"qty":1,"profitTarget":5,"stopLoss":-3}]}')


class OperationsTest(SimTestCase):
    def _trade_everything(self):
        """Places orders of every kind so that all nine entities exist."""
        self.place(clOrdId='mkt')
        limit = self.place(orderType='Limit', price=5990.0)['orderId']
        self.post('/order/modifyorder', {'orderId': limit, 'orderQty': 2,
                                         'orderType': 'Limit', 'price': 5991.0})
        self.post('/order/cancelorder', {'orderId': limit})
        self.post('/orderStrategy/startorderstrategy', {
            'accountId': ACCOUNT, 'symbol': 'MESZ6', 'orderStrategyTypeId': 2,
            'action': 'Buy', 'params': PARAMS})

    def test_all_58_operations(self):
        served = set()

        def get(path, schema):
            answer = self.get(path)
            self.assertShape(answer, schema)
            served.add(path.split('?')[0].lower())
            return answer

        def post(path, body, schema):
            answer = self.post(path, body)
            self.assertShape(answer, schema)
            self.assertNotIn('failureReason', answer, answer)
            self.assertNotIn('errorText', answer, answer)
            served.add(path.lower())
            return answer

        # The 11 actions.
        order = post('/order/placeorder', {
            'accountId': ACCOUNT, 'action': 'Buy', 'symbol': 'ESZ6', 'orderQty': 1,
            'orderType': 'Limit', 'price': 5990.0, 'clOrdId': 'op-1'}, 'PlaceOrderResult')
        post('/order/modifyorder', {'orderId': order['orderId'], 'orderQty': 1,
                                    'orderType': 'Limit', 'price': 5989.0}, 'CommandResult')
        post('/order/cancelorder', {'orderId': order['orderId']}, 'CommandResult')
        post('/order/placeoco', {
            'accountId': ACCOUNT, 'action': 'Sell', 'symbol': 'ESZ6', 'orderQty': 1,
            'orderType': 'Limit', 'price': 6010.0,
            'other': {'action': 'Sell', 'orderType': 'Stop', 'stopPrice': 5990.0}},
            'PlaceOcoResult')
        post('/order/placeoso', {
            'accountId': ACCOUNT, 'action': 'Buy', 'symbol': 'NQZ6', 'orderQty': 1,
            'orderType': 'Limit', 'price': 20990.0,
            'bracket1': {'action': 'Sell', 'orderType': 'Limit', 'price': 21010.0},
            'bracket2': {'action': 'Sell', 'orderType': 'Stop', 'stopPrice': 20980.0}},
            'PlaceOsoResult')
        strategy = post('/orderStrategy/startorderstrategy', {
            'accountId': ACCOUNT, 'symbol': 'MESZ6', 'orderStrategyTypeId': 2,
            'action': 'Buy', 'params': PARAMS, 'uuid': 'u-1'}, 'OrderStrategyStatusResponse')
        sid = strategy['orderStrategy']['id']
        post('/orderStrategy/modifyorderstrategy', {
            'orderStrategyId': sid, 'command': '{"brackets":[{"profitTarget":6}]}'},
            'OrderStrategyStatusResponse')
        post('/orderStrategy/interruptorderstrategy', {'orderStrategyId': sid},
             'OrderStrategyStatusResponse')
        post('/order/liquidateposition', {'accountId': ACCOUNT, 'contractId': MES,
                                          'admin': False}, 'PlaceOrderResult')
        self.place(symbol='ESZ6')
        positions = self.get('/position/list')
        post('/order/liquidatepositions', {'positions': [p['id'] for p in positions],
                                           'admin': False}, 'SimpleResponse')
        post('/order/dryrun', {'accountId': ACCOUNT, 'orders': [
            {'contractId': ES, 'action': 'Buy', 'orderQty': 2, 'orderType': 'Market'}]},
            'DryRunResponse')
        # Get Timestamp and OIDC User Info (paths assumed, see README).
        get('/auth/timestamp', 'Timestamp')
        get('/auth/userinfo', 'UserInfo')
        # list / item / items / deps / ldeps of the nine entities.
        for entity, schema, master_field in ENTITIES:
            everything = get('/%s/list' % entity, 'array<ref:%s>' % schema)
            self.assertTrue(everything, entity)
            first, last = everything[0], everything[-1]
            self.assertEqual(get('/%s/item?id=%d' % (entity, first['id']), schema), first)
            self.assertEqual(get('/%s/items?ids=%d,%d' % (entity, first['id'], last['id']),
                                 'array<ref:%s>' % schema), [first, last])
            master = first[master_field]
            deps = get('/%s/deps?masterid=%d' % (entity, master), 'array<ref:%s>' % schema)
            self.assertIn(first, deps)
            ldeps = get('/%s/ldeps?masterids=%d,%d' % (entity, master,
                                                       last[master_field]),
                        'array<ref:%s>' % schema)
            self.assertIn(first, ldeps)
            self.assertIn(last, ldeps)
        self.assertEqual(len(served), 58, sorted(served))

    def test_supporting_reads(self):
        self._trade_everything()
        accounts = self.get('/account/list')
        self.assertShape(accounts, 'array<ref:Account>')
        self.assertEqual([(a['id'], a['name']) for a in accounts],
                         [(1001, 'DEMO0001'), (1002, 'DEMO0002')])
        positions = self.get('/position/list')
        self.assertShape(positions, 'array<ref:Position>')
        self.assertEqual({p['contractId']: p['netPos'] for p in positions}, {ES: 1, MES: 1})
        contract = self.get('/contract/find?name=ESZ6')
        self.assertShape(contract, 'Contract')
        self.assertEqual(contract['id'], ES)
        self.assertEqual(self.get('/contract/item?id=%d' % ES), contract)
        self.get('/contract/find?name=XXZ9', expect=404)
        self.get('/contract/item?id=1', expect=404)

    def test_ids_exceed_32_bits(self):
        self._trade_everything()
        for entity, _, _ in ENTITIES:
            for e in self.get('/%s/list' % entity):
                self.assertGreater(e['id'], 2**32, entity)

    def test_timestamps_are_utc_with_milliseconds(self):
        self._trade_everything()
        for entity, schema, _ in ENTITIES:
            fields = [n for n, t, _ in sim_schemas.SCHEMAS[schema] if t == 'date-time']
            for e in self.get('/%s/list' % entity):
                for f in fields:
                    if f in e:
                        self.assertRegex(e[f], r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$')


if __name__ == '__main__':
    unittest.main()
