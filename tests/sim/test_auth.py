"""Authentication: login, renewal, me/userinfo, expiry, the session limit, isolation."""

import datetime
import time
import unittest

from .simtest import DEMO, SECOND, SimTestCase


def parse_time(text):
    return datetime.datetime.strptime(text, '%Y-%m-%dT%H:%M:%S.%fZ').replace(
        tzinfo=datetime.timezone.utc)


def now():
    return datetime.datetime.now(datetime.timezone.utc)


class AuthTest(SimTestCase):
    def test_login_answers_an_access_token_response(self):
        answer = self.login()
        self.assertShape(answer, 'AccessTokenResponse')
        self.assertEqual(answer['userId'], 101)
        self.assertEqual(answer['name'], 'demo')
        self.assertEqual(answer['userStatus'], 'Active')
        left = (parse_time(answer['expirationTime']) - now()).total_seconds()
        self.assertGreater(left, 4700)  # default lifetime: 80 minutes
        self.assertLessEqual(left, 4800)

    def test_cid_may_be_a_number_or_a_string(self):
        self.assertIn('accessToken', self.login(dict(DEMO, cid='1')))
        self.assertIn('accessToken', self.login(dict(DEMO, cid=1)))

    def test_bad_credentials_are_business_failures(self):
        for change in ({'password': 'nope'}, {'name': 'nobody'}, {'cid': 99},
                       {'sec': 'wrong-secret'}, {'name': 'second'}):
            answer = self.call('POST', '/v1/auth/accesstokenrequest', dict(DEMO, **change))
            self.assertShape(answer, 'AccessTokenResponse')
            self.assertNotIn('accessToken', answer)
            self.assertTrue(answer['errorText'], change)

    def test_malformed_login_is_400(self):
        body = dict(DEMO)
        del body['password']
        status, answer = self.client.json('POST', '/v1/auth/accesstokenrequest', body)
        self.assertEqual(status, 400)
        self.assertIn('password', answer['errorText'])

    def test_me(self):
        me = self.get('/auth/me')
        self.assertShape(me, 'OAuthMeResponse')
        self.assertEqual((me['userId'], me['name']), (101, 'demo'))

    def test_requests_without_a_valid_token_are_401(self):
        for token in (None, 'not-a-token', self.token[:-1]):
            status, answer = self.client.json('GET', '/v1/order/list', token=token)
            self.assertEqual(status, 401, token)
            self.assertTrue(answer['errorText'])
        status, _ = self.client.json('GET', '/v1/order/list',
                                     headers={'Authorization': 'Basic ' + self.token})
        self.assertEqual(status, 401)

    def test_renewal_issues_a_new_token_in_the_same_session(self):
        renewed = self.get('/auth/renewaccesstoken')
        self.assertShape(renewed, 'AccessTokenResponse')
        self.assertNotEqual(renewed['accessToken'], self.token)
        self.assertEqual(renewed['userId'], 101)
        first = self.place(clOrdId='before')['orderId']
        self.token = renewed['accessToken']
        second = self.place(clOrdId='after')['orderId']
        commands = self.get('/command/ldeps?masterids=%d,%d' % (first, second))
        self.assertEqual(len({c['userSessionId'] for c in commands}), 1)
        # The old token keeps working until its own expiry.
        self.get('/auth/me', token=self.token)

    def test_tokens_expire(self):
        self.admin('POST', '/sim/config', {'token_lifetime': 0.4})
        short = self.login()
        left = (parse_time(short['expirationTime']) - now()).total_seconds()
        self.assertLess(left, 1.0)
        time.sleep(0.5)
        status, answer = self.client.json('GET', '/v1/auth/me', token=short['accessToken'])
        self.assertEqual(status, 401)
        self.assertIn('Expired', answer['errorText'])
        status, _ = self.client.json('GET', '/v1/auth/renewaccesstoken',
                                     token=short['accessToken'])
        self.assertEqual(status, 401)
        self.get('/auth/me')  # a token granted under the old lifetime is unaffected

    def test_a_third_login_revokes_the_oldest_session(self):
        second = self.login()['accessToken']
        third = self.login()['accessToken']
        status, _ = self.client.json('GET', '/v1/auth/me', token=self.token)
        self.assertEqual(status, 401)
        for token in (second, third):
            self.get('/auth/me', token=token)
        # The other user's sessions are counted apart.
        other = self.login(SECOND)['accessToken']
        self.get('/auth/me', token=other)
        self.get('/auth/me', token=second)

    def test_session_limit_and_revoked_status_are_configurable(self):
        self.admin('POST', '/sim/config', {'session_limit': 1, 'revoked_status': 429})
        newest = self.login()['accessToken']
        status, _, body = self.client.request('GET', '/v1/auth/me', token=self.token)
        self.assertEqual((status, body), (429, b''))
        self.get('/auth/me', token=newest)

    def test_users_see_only_their_own_accounts_and_orders(self):
        oid = self.place()['orderId']
        other = self.login(SECOND)['accessToken']
        accounts = self.get('/account/list', token=other)
        self.assertEqual([a['name'] for a in accounts], ['DEMO0003'])
        self.assertEqual(self.get('/order/list', token=other), [])
        self.get('/order/item?id=%d' % oid, token=other, expect=404)
        self.assertEqual(self.get('/fill/deps?masterid=%d' % oid, token=other), [])
        self.assertEqual([a['name'] for a in self.get('/account/list')],
                         ['DEMO0001', 'DEMO0002'])


class TokenLifetimeFlagTest(SimTestCase):
    sim_args = ('--token-lifetime', '0.5', '--user', 'carol:carol-pass')
    login_user = None

    def test_the_flag_sets_the_lifetime(self):
        self.assertEqual(self.admin('GET', '/sim/config')['token_lifetime'], 0.5)
        token = self.login()['accessToken']
        time.sleep(0.6)
        status, _ = self.client.json('GET', '/v1/auth/me', token=token)
        self.assertEqual(status, 401)

    def test_extra_users_can_log_in(self):
        answer = self.login({'name': 'carol', 'password': 'carol-pass'})
        accounts = self.get('/account/list', token=answer['accessToken'])
        self.assertEqual(len(accounts), 1)
        self.assertEqual(accounts[0]['userId'], answer['userId'])


if __name__ == '__main__':
    unittest.main()
