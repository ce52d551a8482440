"""Order life cycles: market, limit, stop, stop-limit, MIT, trailing stop, IOC, cancel,
modify, OCO, OSO, order strategies, liquidation and dry run."""

import json
import unittest

from .simtest import ACCOUNT, ACCOUNT2, CL, ES, MES, NQ, SimTestCase


class LifecycleTest(SimTestCase):
    def status(self, oid):
        return self.order(oid)['ordStatus']

    def fills(self, oid):
        return [(f['qty'], f['price']) for f in self.get('/fill/deps?masterid=%d' % oid)]

    def net(self, contract=ES, account=ACCOUNT):
        for p in self.get('/position/list'):
            if (p['accountId'], p['contractId']) == (account, contract):
                return p['netPos']
        return 0

    def exec_types(self, oid):
        return [e['execType'] for e in self.get('/executionReport/list') if e['orderId'] == oid]

    def test_market_order_fills_at_once(self):
        oid = self.place(orderQty=3, clOrdId='m1')['orderId']
        order = self.order(oid)
        self.assertEqual((order['ordStatus'], order['action'], order['contractId']),
                         ('Filled', 'Buy', ES))
        self.assertEqual(self.fills(oid), [(3, 6000.25)])
        self.assertEqual(self.exec_types(oid), ['New', 'Trade'])
        trade = self.get('/executionReport/list')[-1]
        self.assertEqual((trade['cumQty'], trade['avgPx'], trade['lastQty'], trade['lastPx']),
                         (3, 6000.25, 3, 6000.25))
        fee = self.get('/fillFee/list')[0]
        self.assertEqual((fee['exchangeFee'], fee['commission']), (4.14, 1.77))
        position = self.get('/position/list')[0]
        self.assertEqual((position['netPos'], position['bought'], position['boughtValue'],
                          position['netPrice']), (3, 3, 18000.75, 6000.25))
        self.place(action='Sell', orderQty=3)
        self.assertEqual(self.net(), 0)
        self.assertNotIn('netPrice', self.get('/position/list')[0])

    def test_limit_rests_until_the_price_crosses(self):
        buy = self.place(orderType='Limit', price=5999.0)['orderId']
        sell = self.place(orderType='Limit', action='Sell', price=6002.0)['orderId']
        self.assertEqual((self.status(buy), self.status(sell)), ('Working', 'Working'))
        self.assertEqual(self.price('ESZ6', 5999.25)['filled'], [])
        self.assertEqual(self.price('ESZ6', 5998.75)['filled'], [buy])
        self.assertEqual(self.fills(buy), [(1, 5999.0)])  # a resting limit fills at its price
        self.assertEqual(self.status(sell), 'Working')
        self.assertEqual(self.price('ESZ6', 6003.0)['filled'], [sell])
        self.assertEqual(self.fills(sell), [(1, 6002.0)])
        self.assertEqual(self.net(), 0)

    def test_marketable_limit_fills_at_the_market(self):
        oid = self.place(orderType='Limit', price=6005.0)['orderId']
        self.assertEqual(self.fills(oid), [(1, 6000.25)])

    def test_stop_and_stop_limit_trigger_when_crossed(self):
        stop = self.place(orderType='Stop', action='Sell', stopPrice=5995.0)['orderId']
        stop_limit = self.place(orderType='StopLimit', action='Buy', stopPrice=6004.0,
                                price=6004.5)['orderId']
        self.assertEqual(self.price('ESZ6', 5995.25)['filled'], [])
        self.assertEqual(self.price('ESZ6', 5994.5)['filled'], [stop])
        self.assertEqual(self.fills(stop), [(1, 5994.5)])  # a stop becomes a market order
        self.assertEqual(self.price('ESZ6', 6005.0)['filled'], [])  # triggered, above limit
        self.assertEqual(self.status(stop_limit), 'Working')
        self.assertEqual(self.price('ESZ6', 6004.25)['filled'], [stop_limit])
        self.assertEqual(self.fills(stop_limit), [(1, 6004.5)])  # rested: its limit price

    def test_mit_and_trailing_stop(self):
        mit = self.place(orderType='MIT', action='Buy', price=5998.0)['orderId']
        self.assertEqual(self.price('ESZ6', 5998.25)['filled'], [])
        self.assertEqual(self.price('ESZ6', 5997.75)['filled'], [mit])
        self.assertEqual(self.fills(mit), [(1, 5997.75)])  # touched: a market order
        self.price('ESZ6', 6000.25)
        trail = self.place(orderType='TrailingStop', action='Sell', stopPrice=5998.25)['orderId']
        self.assertEqual(self.price('ESZ6', 6010.0)['filled'], [])  # stop trails to 6008
        self.assertEqual(self.price('ESZ6', 6008.25)['filled'], [])
        self.assertEqual(self.price('ESZ6', 6008.0)['filled'], [trail])
        self.assertEqual(self.fills(trail), [(1, 6008.0)])

    def test_ioc_that_cannot_fill_is_cancelled(self):
        oid = self.place(orderType='Limit', price=5990.0, timeInForce='IOC')['orderId']
        self.assertEqual(self.status(oid), 'Canceled')
        self.assertEqual(self.exec_types(oid), ['New', 'Canceled'])

    def test_cancel(self):
        oid = self.place(orderType='Limit', price=5990.0)['orderId']
        answer = self.post('/order/cancelorder', {'orderId': oid, 'clOrdId': 'cx'})
        self.assertShape(answer, 'CommandResult')
        command = self.get('/command/item?id=%d' % answer['commandId'])
        self.assertEqual((command['commandType'], command['orderId'], command['clOrdId']),
                         ('Cancel', oid, 'cx'))
        self.assertEqual(self.status(oid), 'Canceled')
        self.assertEqual(self.price('ESZ6', 5980.0)['filled'], [])
        again = self.post('/order/cancelorder', {'orderId': oid})
        self.assertFailure(again, 'TooLate', 'CommandResult')

    def test_modify(self):
        oid = self.place(orderType='Limit', price=5990.0)['orderId']
        answer = self.post('/order/modifyorder', {'orderId': oid, 'orderQty': 2,
                                                  'orderType': 'Limit', 'price': 5995.0})
        self.assertEqual(self.get('/command/item?id=%d' % answer['commandId'])['commandType'],
                         'Modify')
        self.assertEqual(self.price('ESZ6', 5995.0)['filled'], [oid])
        self.assertEqual(self.fills(oid), [(2, 5995.0)])
        self.assertEqual(self.exec_types(oid), ['New', 'Replaced', 'Trade'])
        # Modified into a marketable price, an order fills at once.
        other = self.place(orderType='Limit', price=5900.0)['orderId']
        self.post('/order/modifyorder', {'orderId': other, 'orderQty': 1,
                                         'orderType': 'Limit', 'price': 6000.0})
        self.assertEqual(self.fills(other), [(1, 5995.0)])
        late = self.post('/order/modifyorder', {'orderId': oid, 'orderQty': 1,
                                                'orderType': 'Market'})
        self.assertFailure(late, 'TooLate', 'CommandResult')

    def _oco(self):
        answer = self.post('/order/placeoco', {
            'accountId': ACCOUNT, 'action': 'Sell', 'symbol': 'ESZ6', 'orderQty': 1,
            'orderType': 'Limit', 'price': 6010.0, 'clOrdId': 'oco',
            'other': {'action': 'Sell', 'orderType': 'Stop', 'stopPrice': 5990.0}})
        self.assertShape(answer, 'PlaceOcoResult')
        return answer['orderId'], answer['ocoId']

    def test_oco_fill_cancels_the_sibling(self):
        first, second = self._oco()
        a, b = self.order(first), self.order(second)
        self.assertEqual((a['linkedId'], b['linkedId'], b['ocoId']), (second, first, first))
        self.assertEqual((a['ordStatus'], b['ordStatus']), ('Working', 'Working'))
        self.assertEqual(self.price('ESZ6', 6010.0)['filled'], [first])
        self.assertEqual(self.status(second), 'Canceled')
        # The other way round: the stop fills and takes the limit along.
        self.price('ESZ6', 6000.25)
        first, second = self._oco()
        self.assertEqual(self.price('ESZ6', 5989.0)['filled'], [second])
        self.assertEqual(self.status(first), 'Canceled')
        commands = [c for c in self.get('/command/list') if c.get('clOrdId') == 'oco']
        self.assertEqual(len(commands), 4)  # both orders of both requests carry the clOrdId

    def test_oso_releases_brackets_when_the_entry_fills(self):
        answer = self.post('/order/placeoso', {
            'accountId': ACCOUNT, 'action': 'Buy', 'symbol': 'ESZ6', 'orderQty': 2,
            'orderType': 'Limit', 'price': 5995.0,
            'bracket1': {'action': 'Sell', 'orderType': 'Limit', 'price': 6005.0},
            'bracket2': {'action': 'Sell', 'orderType': 'Stop', 'stopPrice': 5990.0}})
        self.assertShape(answer, 'PlaceOsoResult')
        entry, tp, sl = answer['orderId'], answer['oso1Id'], answer['oso2Id']
        self.assertEqual([self.status(o) for o in (entry, tp, sl)],
                         ['Working', 'Suspended', 'Suspended'])
        self.assertEqual(self.order(tp)['parentId'], entry)
        self.assertEqual(self.price('ESZ6', 6006.0)['filled'], [])  # brackets wait
        self.assertEqual(self.price('ESZ6', 5995.0)['filled'], [entry])
        self.assertEqual([self.status(o) for o in (tp, sl)], ['Working', 'Working'])
        self.assertEqual(self.price('ESZ6', 6005.0)['filled'], [tp])
        self.assertEqual(self.status(sl), 'Canceled')
        self.assertEqual(self.net(), 0)

    def test_oso_brackets_go_with_a_cancelled_entry(self):
        answer = self.post('/order/placeoso', {
            'accountId': ACCOUNT, 'action': 'Buy', 'symbol': 'ESZ6', 'orderQty': 1,
            'orderType': 'Limit', 'price': 5995.0,
            'bracket1': {'action': 'Sell', 'orderType': 'Limit', 'price': 6005.0}})
        self.assertNotIn('oso2Id', answer)
        self.post('/order/cancelorder', {'orderId': answer['orderId']})
        self.assertEqual(self.status(answer['oso1Id']), 'Canceled')

    def _strategy(self, action='Buy', entry=None, brackets=None, **extra):
        params = {'entryVersion': entry or {'orderQty': 2, 'orderType': 'Market',
                                            'timeInForce': 'Day', 'orderId': 0},
                  'brackets': brackets or [{'qty': 2, 'profitTarget': 5, 'stopLoss': -3,
                                            'trailingStop': False}]}
        body = {'accountId': ACCOUNT, 'accountSpec': 'DEMO0001', 'symbol': 'ESZ6',
                'orderStrategyTypeId': 2, 'action': action, 'params': json.dumps(params),
                'isAutomated': True}
        body.update(extra)
        answer = self.post('/orderStrategy/startorderstrategy', body)
        self.assertShape(answer, 'OrderStrategyStatusResponse')
        return answer

    def links(self, sid):
        return {l['label']: l['orderId']
                for l in self.get('/orderStrategyLink/deps?masterid=%d' % sid)}

    def version(self, oid):
        return self.get('/orderVersion/deps?masterid=%d' % oid)[-1]

    def test_strategy_brackets_follow_the_entry_fill(self):
        answer = self._strategy(uuid='s-1')
        strategy = answer['orderStrategy']
        self.assertEqual((strategy['status'], strategy['orderStrategyTypeId'],
                          strategy['uuid']), ('ActiveStrategy', 2, 's-1'))
        self.assertEqual(json.loads(strategy['params'])['brackets'][0]['profitTarget'], 5)
        links = self.links(strategy['id'])
        self.assertEqual(sorted(links), ['Entry', 'ProfitTarget1', 'StopLoss1'])
        self.assertEqual(self.fills(links['Entry']), [(2, 6000.25)])
        tp, sl = self.version(links['ProfitTarget1']), self.version(links['StopLoss1'])
        self.assertEqual((tp['orderType'], tp['price'], tp['orderQty']), ('Limit', 6005.25, 2))
        self.assertEqual((sl['orderType'], sl['stopPrice']), ('Stop', 5997.25))
        self.assertEqual(self.price('ESZ6', 6005.25)['filled'], [links['ProfitTarget1']])
        self.assertEqual(self.status(links['StopLoss1']), 'Canceled')
        final = self.get('/orderStrategy/item?id=%d' % strategy['id'])
        self.assertEqual(final['status'], 'ExecutionFinished')
        self.assertEqual(self.counters()['strategies_by_uuid'], {'s-1': 1})

    def test_sell_strategy_with_two_brackets(self):
        answer = self._strategy('Sell', brackets=[
            {'qty': 1, 'profitTarget': -10, 'stopLoss': 4},
            {'qty': 1, 'profitTarget': -20, 'stopLoss': 4, 'trailingStop': True}])
        links = self.links(answer['orderStrategy']['id'])
        self.assertEqual(len(links), 5)
        self.assertEqual(self.version(links['ProfitTarget2'])['price'], 5980.25)
        self.assertEqual(self.version(links['StopLoss2'])['orderType'], 'TrailingStop')
        self.assertEqual(self.net(), -2)

    def test_strategy_interrupt_and_modify(self):
        answer = self._strategy(entry={'orderQty': 1, 'orderType': 'Limit', 'price': 5990.0},
                                brackets=[{'qty': 1, 'profitTarget': 5, 'stopLoss': -3}])
        sid = answer['orderStrategy']['id']
        entry = self.links(sid)['Entry']
        self.assertEqual(self.status(entry), 'Working')
        modified = self.post('/orderStrategy/modifyorderstrategy', {
            'orderStrategyId': sid, 'command': '{"brackets":[{"profitTarget":8}]}'})
        self.assertEqual(json.loads(modified['orderStrategy']['params'])['brackets'][0],
                         {'qty': 1, 'profitTarget': 8, 'stopLoss': -3})
        stopped = self.post('/orderStrategy/interruptorderstrategy', {'orderStrategyId': sid})
        self.assertShape(stopped, 'OrderStrategyStatusResponse')
        self.assertEqual(stopped['orderStrategy']['status'], 'ExecutionInterrupted')
        self.assertEqual(self.status(entry), 'Canceled')
        again = self.post('/orderStrategy/interruptorderstrategy', {'orderStrategyId': sid})
        self.assertFailure(again, 'TooLate', 'OrderStrategyStatusResponse')

    def test_modify_strategy_reprices_live_brackets(self):
        sid = self._strategy()['orderStrategy']['id']
        self.post('/orderStrategy/modifyorderstrategy', {
            'orderStrategyId': sid, 'command': '{"brackets":[{"profitTarget":7,"stopLoss":-2}]}'})
        links = self.links(sid)
        self.assertEqual(self.version(links['ProfitTarget1'])['price'], 6007.25)
        self.assertEqual(self.version(links['StopLoss1'])['stopPrice'], 5998.25)
        for command in ('take profit', '{"cancel":true}', '{"brackets":[{"qty":3}]}',
                        '{"brackets":[{"profitTarget":1},{"profitTarget":2}]}'):
            answer = self.post('/orderStrategy/modifyorderstrategy',
                               {'orderStrategyId': sid, 'command': command})
            self.assertIn('failureReason', answer, command)
            self.assertTrue(answer['errorText'])

    def test_liquidate_position(self):
        self.place(orderQty=3)
        resting = self.place(orderType='Limit', price=5900.0)['orderId']
        answer = self.post('/order/liquidateposition', {'accountId': ACCOUNT, 'contractId': ES,
                                                        'admin': False})
        self.assertShape(answer, 'PlaceOrderResult')
        flat = self.order(answer['orderId'])
        self.assertEqual((flat['action'], flat['ordStatus']), ('Sell', 'Filled'))
        self.assertEqual(self.fills(answer['orderId']), [(3, 6000.25)])
        self.assertEqual(self.status(resting), 'Canceled')
        self.assertEqual(self.net(), 0)
        again = self.post('/order/liquidateposition', {'accountId': ACCOUNT, 'contractId': ES,
                                                       'admin': False})
        self.assertFailure(again, 'UnknownReason', 'PlaceOrderResult')

    def test_liquidate_positions(self):
        self.place(orderQty=2)
        self.place(symbol='NQZ6', action='Sell')
        self.place(symbol='CLF7', accountId=ACCOUNT2)
        positions = self.get('/position/list')
        answer = self.post('/order/liquidatepositions', {
            'positions': [p['id'] for p in positions if p['accountId'] == ACCOUNT],
            'admin': False})
        self.assertEqual(answer, {'ok': True})
        self.assertEqual((self.net(ES), self.net(NQ), self.net(CL, ACCOUNT2)), (0, 0, 1))
        bad = self.post('/order/liquidatepositions', {'positions': [1], 'admin': False})
        self.assertShape(bad, 'SimpleResponse')
        self.assertFalse(bad['ok'])
        self.assertTrue(bad['errorText'])

    def test_dry_run_places_nothing(self):
        self.place(orderQty=2)
        before = self.get('/order/list')
        answer = self.post('/order/dryrun', {'accountId': ACCOUNT, 'orders': [
            {'contractId': ES, 'action': 'Sell', 'orderQty': 2, 'orderType': 'Market'},
            {'contractId': MES, 'action': 'Buy', 'orderQty': 1, 'orderType': 'Limit',
             'price': 5990.0}]})
        self.assertShape(answer, 'DryRunResponse')
        details = answer['details']
        self.assertEqual((details['beforeNetPos'], details['hypoShortPos'],
                          details['hypoLongPos']), (2, 0, 2))
        self.assertEqual(details['beforeInitialMarginReq'], 48000.0)
        self.assertFalse(details['isExitOrder'])  # the MES buy opens a position
        self.assertEqual(answer['fees']['exchangeFee'], round(2 * 1.38 + 0.35, 2))
        self.assertEqual(self.get('/order/list'), before)
        self.assertEqual(self.counters()['mutations']['received'], 1)
        exit_only = self.post('/order/dryrun', {'accountId': ACCOUNT, 'orders': [
            {'contractId': ES, 'action': 'Sell', 'orderQty': 1, 'orderType': 'Market'}]})
        self.assertTrue(exit_only['details']['isExitOrder'])

    def test_dry_run_failures(self):
        order = {'contractId': ES, 'action': 'Buy', 'orderQty': 1, 'orderType': 'Market'}
        self.post('/order/dryrun', {'accountId': 999, 'orders': [order]}, expect=404)
        self.post('/order/dryrun', {'accountId': 1003, 'orders': [order]}, expect=401)
        too_many = self.post('/order/dryrun', {'accountId': ACCOUNT, 'orders': [order] * 5})
        self.assertTrue(too_many['errorText'])
        unknown = self.post('/order/dryrun', {'accountId': ACCOUNT,
                                              'orders': [dict(order, contractId=1)]})
        self.assertFailure(unknown, 'InvalidContract', 'DryRunResponse')
        self.admin('POST', '/sim/config', {'max_position': 5})
        big = self.post('/order/dryrun', {'accountId': ACCOUNT,
                                          'orders': [dict(order, orderQty=6)]})
        self.assertFailure(big, 'MaxPosLimitReached', 'DryRunResponse')


if __name__ == '__main__':
    unittest.main()
