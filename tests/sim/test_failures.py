"""Failures as the service reports them: business failures in a 200 body, penalty tickets,
HTTP 429 with an empty body."""

import time
import unittest

from .simtest import ACCOUNT, DEMO, SimTestCase


class BusinessFailureTest(SimTestCase):
    def test_order_rejections_leave_no_trace(self):
        cases = [
            ({'accountId': 999}, 'UnknownReason', 'Unknown account'),
            ({'accountId': 1003}, 'UnknownReason', 'Unknown account'),  # the other user's
            ({'accountId': None, 'accountSpec': 'NOPE'}, 'UnknownReason', 'Unknown account'),
            ({'accountId': None}, 'UnknownReason', 'accountId or accountSpec'),
            ({'accountSpec': 'DEMO0002'}, 'UnknownReason', 'is not account'),
            ({'orderQty': 0}, 'UnknownReason', 'orderQty must be positive'),
            ({'orderQty': -2}, 'UnknownReason', 'orderQty must be positive'),
            ({'orderQty': 501}, 'MaxOrderQtyLimitReached', 'exceeds'),
            ({'symbol': 'XYZ9'}, 'InvalidContract', 'Unknown contract'),
            ({'orderType': 'Limit'}, 'InvalidPrice', 'requires price'),
            ({'orderType': 'Stop'}, 'InvalidPrice', 'requires stopPrice'),
            ({'orderType': 'StopLimit', 'stopPrice': 6001.0}, 'InvalidPrice', 'requires price'),
            ({'orderType': 'Limit', 'price': 6000.1}, 'InvalidPrice', 'tick'),
            ({'orderType': 'Limit', 'price': -1.0}, 'InvalidPrice', 'positive'),
            ({'orderType': 'QTS'}, 'Unsupported', 'not supported'),
            ({'orderType': 'TrailingStopLimit'}, 'AdvancedTrailingStopUnsupported', ''),
            ({'timeInForce': 'GTD'}, 'UnknownReason', 'expireTime'),
        ]
        for change, reason, text in cases:
            with self.subTest(change=change):
                body = {'accountId': ACCOUNT, 'action': 'Buy', 'symbol': 'ESZ6', 'orderQty': 1,
                        'orderType': 'Market', 'clOrdId': 'rejected'}
                body.update(change)
                body = {k: v for k, v in body.items() if v is not None}
                answer = self.post('/order/placeorder', body)
                self.assertIn(text, self.assertFailure(answer, reason, 'PlaceOrderResult'))
                self.assertNotIn('orderId', answer)
        self.assertEqual(self.get('/order/list'), [])
        self.assertEqual(self.get('/command/list'), [])
        counters = self.counters()
        self.assertEqual(counters['mutations']['received'], len(cases))
        self.assertEqual(counters['mutations']['applied'], 0)
        self.assertEqual(counters['placements_by_clordid'], {})

    def test_account_spec_may_name_the_account_or_the_user(self):
        for spec, account in (('DEMO0002', 1002), ('demo', 1001)):
            oid = self.post('/order/placeorder', {
                'accountSpec': spec, 'action': 'Buy', 'symbol': 'ESZ6', 'orderQty': 1,
                'orderType': 'Market'})['orderId']
            self.assertEqual(self.order(oid)['accountId'], account)

    def test_position_limit(self):
        self.admin('POST', '/sim/config', {'max_position': 2})
        self.place(orderQty=2)
        answer = self.post('/order/placeorder', {'accountId': ACCOUNT, 'action': 'Buy',
                                                 'symbol': 'ESZ6', 'orderQty': 1,
                                                 'orderType': 'Market'})
        self.assertFailure(answer, 'MaxPosLimitReached', 'PlaceOrderResult')
        self.place(action='Sell', orderQty=4)  # -2 is within the limit

    def test_other_action_failures(self):
        self.assertFailure(self.post('/order/cancelorder', {'orderId': 4000000999999}),
                           'UnknownReason', 'CommandResult')
        self.assertFailure(self.post('/order/modifyorder', {
            'orderId': 1, 'orderQty': 1, 'orderType': 'Market'}), 'UnknownReason',
            'CommandResult')
        oco = self.post('/order/placeoco', {
            'accountId': ACCOUNT, 'action': 'Sell', 'symbol': 'ESZ6', 'orderQty': 1,
            'orderType': 'Limit', 'price': 6010.0, 'other': {'action': 'Sell',
                                                             'orderType': 'Stop'}})
        self.assertFailure(oco, 'InvalidPrice', 'PlaceOcoResult')
        oso = self.post('/order/placeoso', {
            'accountId': ACCOUNT, 'action': 'Buy', 'symbol': 'ESZ6', 'orderQty': 1,
            'orderType': 'Market', 'bracket1': {'action': 'Sell', 'orderType': 'Limit',
                                                'price': 1.1}})
        self.assertFailure(oso, 'InvalidPrice', 'PlaceOsoResult')
        self.assertFailure(self.post('/order/liquidateposition', {
            'accountId': ACCOUNT, 'contractId': 1, 'admin': False}), 'InvalidContract',
            'PlaceOrderResult')
        self.assertFailure(self.post('/orderStrategy/interruptorderstrategy', {
            'orderStrategyId': 5}), 'UnknownReason', 'OrderStrategyStatusResponse')
        start = {'accountId': ACCOUNT, 'symbol': 'ESZ6', 'orderStrategyTypeId': 2,
                 'action': 'Buy'}
        for change, reason in (
                ({'orderStrategyTypeId': 3, 'params': '{}'}, 'Unsupported'),
                ({'params': 'not json'}, 'UnknownReason'),
                ({}, 'UnknownReason'),
                ({'params': '{"entryVersion":{"orderQty":1,"orderType":"Market"},'
                            '"brackets":[]}'}, 'UnknownReason'),
                ({'params': '{"entryVersion":{"orderQty":1,"orderType":"Market"},'
                            '"brackets":[{"qty":2,"profitTarget":5}]}'}, 'UnknownReason'),
                ({'params': '{"entryVersion":{"orderQty":1,"orderType":"Market"},'
                            '"brackets":[{"qty":1,"profitTarget":-5}]}'}, 'InvalidPrice'),
                ({'params': '{"entryVersion":{"orderQty":1,"orderType":"Limit"},'
                            '"brackets":[{"qty":1,"stopLoss":-5}]}'}, 'InvalidPrice')):
            answer = self.post('/orderStrategy/startorderstrategy', dict(start, **change))
            self.assertFailure(answer, reason, 'OrderStrategyStatusResponse')
        self.assertEqual(self.get('/orderStrategy/list'), [])
        self.assertEqual(self.counters()['mutations']['applied'], 0)


class PenaltyTest(SimTestCase):
    def _limit(self, **spec):
        self.admin('POST', '/sim/config', {'limits': [spec]})

    def test_login_penalty_flow(self):
        self._limit(path='/auth/accesstokenrequest', limit=2, count='failures', p_time=30)
        for _ in range(2):
            self.assertIn('errorText', self.call('POST', '/v1/auth/accesstokenrequest',
                                                 dict(DEMO, password='bad')))
        ticket = self.call('POST', '/v1/auth/accesstokenrequest', DEMO)
        self.assertShape(ticket, 'PenaltyTicket')
        self.assertEqual(ticket['p-time'], 30)
        self.assertNotIn('p-captcha', ticket)
        early = self.call('POST', '/v1/auth/accesstokenrequest',
                          dict(DEMO, **{'p-ticket': ticket['p-ticket']}))
        self.assertEqual(early['p-ticket'], ticket['p-ticket'])
        self.assertTrue(1 <= early['p-time'] <= 30, early)
        # Still over the limit, the next attempt gets a ticket of its own (shorter now).
        self._limit(path='/auth/accesstokenrequest', limit=2, count='failures', p_time=0.2)
        ticket = self.call('POST', '/v1/auth/accesstokenrequest', DEMO)
        self.assertEqual(ticket['p-time'], 0.2)
        with_ticket = dict(DEMO, **{'p-ticket': ticket['p-ticket']})
        time.sleep(0.25)
        changed = self.call('POST', '/v1/auth/accesstokenrequest',
                            dict(with_ticket, deviceId='another'))
        self.assertIn('differs', changed['errorText'])
        unknown = self.call('POST', '/v1/auth/accesstokenrequest',
                            dict(DEMO, **{'p-ticket': 'made-up'}))
        self.assertIn('Unknown p-ticket', unknown['errorText'])
        cleared = self.call('POST', '/v1/auth/accesstokenrequest', with_ticket)
        self.assertIn('accessToken', cleared)
        used = self.call('POST', '/v1/auth/accesstokenrequest', with_ticket)
        self.assertIn('Unknown p-ticket', used['errorText'])  # a ticket clears once
        self.assertIn('accessToken', self.login())  # and the counted failures are forgotten

    def test_captcha_tickets_never_clear(self):
        self._limit(path='/auth/accesstokenrequest', limit=0, p_time=0, captcha=True)
        ticket = self.call('POST', '/v1/auth/accesstokenrequest', DEMO)
        self.assertIs(ticket['p-captcha'], True)
        again = self.call('POST', '/v1/auth/accesstokenrequest',
                          dict(DEMO, **{'p-ticket': ticket['p-ticket']}))
        self.assertEqual((again['p-ticket'], again['p-captcha']), (ticket['p-ticket'], True))

    def test_penalty_on_an_order_is_cleared_by_the_identical_resend(self):
        self._limit(path='/order/placeorder', limit=1, count='all', p_time=0.2)
        self.place(clOrdId='first')
        body = {'accountId': ACCOUNT, 'action': 'Buy', 'symbol': 'ESZ6', 'orderQty': 1,
                'orderType': 'Market', 'clOrdId': 'second'}
        ticket = self.post('/order/placeorder', body)
        self.assertEqual(sorted(ticket), ['p-ticket', 'p-time'])
        self.assertEqual(len(self.get('/order/list')), 1)
        time.sleep(0.25)
        answer = self.post('/order/placeorder', dict(body, **{'p-ticket': ticket['p-ticket']}))
        self.assertIn('orderId', answer)
        counters = self.counters()
        self.assertEqual(counters['placements_by_clordid'], {'first': 1, 'second': 1})
        self.assertEqual(counters['mutations']['received'], 3)
        self.assertEqual(counters['mutations']['applied'], 2)

    def test_get_requests_carry_the_ticket_in_the_query(self):
        self._limit(path='/auth/renewaccesstoken', limit=0, p_time=0)
        ticket = self.get('/auth/renewaccesstoken')
        renewed = self.get('/auth/renewaccesstoken?p-ticket=' + ticket['p-ticket'])
        self.assertIn('accessToken', renewed)

    def test_rate_limit_answers_429_with_an_empty_body(self):
        self._limit(path='/order/list', limit=2, action='429')
        self.get('/order/list')
        self.get('/order/list')
        status, response, body = self.client.request('GET', '/v1/order/list', token=self.token)
        self.assertEqual((status, body), (429, b''))
        self.assertEqual(response.getheader('Content-Length'), '0')
        self.assertEqual(self.get('/fill/list'), [])  # other paths are not limited

    def test_default_limits_follow_the_reference(self):
        limits = {l['path']: l for l in self.admin('GET', '/sim/config')['limits']}
        self.assertEqual((limits['/auth/accesstokenrequest']['limit'],
                          limits['/auth/accesstokenrequest']['count'],
                          limits['/auth/accesstokenrequest']['p_time']), (5, 'failures', 15))
        for _ in range(5):
            self.call('POST', '/v1/auth/accesstokenrequest', dict(DEMO, password='bad'))
        ticket = self.call('POST', '/v1/auth/accesstokenrequest', DEMO)
        self.assertEqual(ticket['p-time'], 15)

    def test_bad_limit_config_is_refused(self):
        for spec in ({'limit': 1}, {'path': '/x', 'limit': -1}, {'path': '/x', 'count': 'some'},
                     {'path': '/x', 'action': 'ban'}, {'path': '/x', 'colour': 'red'}):
            self.admin('POST', '/sim/config', {'limits': [spec]}, expect=400)
        self.admin('POST', '/sim/config', {'token_lifetime': -1}, expect=400)
        self.admin('POST', '/sim/config', {'nonsense': 1}, expect=400)


if __name__ == '__main__':
    unittest.main()
