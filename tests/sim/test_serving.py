"""Serving: the start command, TLS variants and certificate profiles, keep-alive, paths,
connection records, logs."""

import json
import os
import re
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import unittest

from . import simtest
from .simtest import DEMO, Client, SimProcess, SimTestCase


class StartStopTest(unittest.TestCase):
    def _start(self, *args, **kwargs):
        sim = SimProcess(*args, **kwargs)
        self.addCleanup(lambda: sim.proc.poll() is None and sim.stop())
        return sim

    def _client(self, *args, **kwargs):
        client = Client(*args, **kwargs)
        self.addCleanup(client.close)
        return client

    def _stop(self, sim):
        self.assertEqual(sim.stop(), 0, sim.output())
        self.assertTrue(sim.lines[-1].endswith('stopped'), sim.lines[-1])

    def test_first_line_is_the_port_alone_and_sigterm_exits_zero(self):
        sim = self._start()
        self.assertRegex(sim.first_line, r'^[1-9][0-9]{0,4}$')
        status, answer = self._client(sim.port).json('GET', '/v1/auth/timestamp')
        self.assertEqual(status, 200)
        self.assertRegex(answer['timestamp'], r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$')
        self._stop(sim)

    def _cipher(self, sim):
        ctx = simtest.client_context()
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2  # 1.2 names the signature algorithm
        with socket.create_connection(('127.0.0.1', sim.port)) as raw:
            with ctx.wrap_socket(raw, server_hostname='localhost') as tls:
                return tls.cipher()[0], tls.getpeercert()

    def test_ec_and_rsa_server_keys(self):
        for key_type, marker in (('ec', 'ECDSA'), ('rsa', 'RSA')):
            sim = self._start('--key-type', key_type)
            cipher, cert = self._cipher(sim)
            self.assertIn('ECDHE-%s-' % marker, cipher)
            self.assertIn(('DNS', 'localhost'), cert['subjectAltName'])
            self.assertIn(('IP Address', '127.0.0.1'), cert['subjectAltName'])
            self._stop(sim)

    def test_tls_max_version(self):
        sim = self._start('--tls-max', '1.2')
        with socket.create_connection(('127.0.0.1', sim.port)) as raw:
            with simtest.client_context().wrap_socket(raw, server_hostname='localhost') as tls:
                self.assertEqual(tls.version(), 'TLSv1.2')
        self._stop(sim)

    def test_faults_armed_on_the_command_line(self):
        sim = self._start('--fault', '{"kind":"status","code":503,"count":2,"path":"/auth"}')
        client = self._client(sim.port)
        codes = [client.json('GET', '/v1/auth/timestamp')[0] for _ in range(3)]
        self.assertEqual(codes, [503, 503, 200])
        self._stop(sim)
        bad = subprocess.run([sys.executable, simtest.SCRIPT, '--fault', '{"kind":"nope"}'],
                             capture_output=True, text=True, timeout=30)
        self.assertEqual(bad.returncode, 2)
        self.assertIn('kind must be one of', bad.stderr)
        self.assertEqual(bad.stdout, '')

    def test_plain_http(self):
        sim = self._start('--plain')
        status, answer = self._client(sim.port, plain=True).json('GET', '/v1/auth/timestamp')
        self.assertEqual(status, 200)
        self.assertIn('timestamp', answer)
        self._stop(sim)

    def test_cert_dir_is_generated_when_absent(self):
        with tempfile.TemporaryDirectory() as d:
            sim = self._start('--key-type', 'rsa', cert_dir=d)
            for name in ('ca.pem', 'ca-ec.pem', 'ca-rsa.pem', 'server-rsa.pem', 'server-rsa.key'):
                self.assertTrue(os.path.exists(os.path.join(d, name)), name)
            client = self._client(sim.port, ca=os.path.join(d, 'ca.pem'))
            self.assertEqual(client.json('GET', '/v1/auth/timestamp')[0], 200)
            client.close()
            self._stop(sim)


class CertProfileTest(unittest.TestCase):
    """A verifying client refuses each bad certificate, and the record proves it sent no
    request byte; a client that does not verify gets through and is recorded."""

    EXPECT = {'expired': 'certificate has expired',
              'not-yet-valid': 'certificate is not yet valid',
              'self-signed': 'self-signed certificate',
              'wrong-host': "Hostname mismatch"}

    def _records(self, path, count):
        for _ in range(100):  # the server writes a record when the connection ends
            if os.path.exists(path):
                with open(path) as f:
                    lines = [json.loads(line) for line in f]
                if len(lines) >= count:
                    return lines
            time.sleep(0.05)
        self.fail('no connection records in %s' % path)

    def test_bad_profiles_are_refused_before_any_request_byte(self):
        for profile, message in self.EXPECT.items():
            with self.subTest(profile=profile), tempfile.TemporaryDirectory() as tmp:
                record = os.path.join(tmp, 'record.jsonl')
                sim = SimProcess('--cert-profile', profile, '--record', record)
                try:
                    client = Client(sim.port)
                    with self.assertRaises(ssl.SSLCertVerificationError) as cm:
                        client.request('GET', '/v1/auth/timestamp')
                    client.close()
                    self.assertIn(message, str(cm.exception))
                    refused = self._records(record, 1)
                    self.assertEqual(len(refused), 1)
                    self.assertEqual(refused[0]['handshake'], 'failed')
                    self.assertEqual(refused[0]['bytes_received'], 0)
                    self.assertEqual(refused[0]['received_text'], '')
                    # Without verification the same server answers, and the bytes show up.
                    trusting = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                    trusting.check_hostname = False
                    trusting.verify_mode = ssl.CERT_NONE
                    with socket.create_connection(('127.0.0.1', sim.port)) as raw:
                        with trusting.wrap_socket(raw, server_hostname='localhost') as tls:
                            tls.sendall(simtest.http_request('GET', '/v1/auth/timestamp'))
                            self.assertTrue(tls.recv(4096).startswith(b'HTTP/1.1 200 OK'))
                    both = self._records(record, 2)
                    self.assertEqual(both[1]['handshake'], 'ok')
                    self.assertTrue(both[1]['received_text'].startswith(
                        'GET /v1/auth/timestamp HTTP/1.1\r\n'))
                finally:
                    self.assertEqual(sim.stop(), 0)


class ServingTest(SimTestCase):
    def test_keep_alive_serves_many_requests_on_one_connection(self):
        client = Client(self.sim.port)
        for _ in range(5):
            self.assertEqual(client.json('GET', '/v1/auth/timestamp')[0], 200)
        self.assertEqual(client.connects, 1)
        records = [r for r in self.admin('GET', '/sim/connections') if r['requests'] >= 5]
        self.assertTrue(records, 'no connection served 5 requests')
        self.assertTrue(records[-1]['nodelay'])
        self.assertEqual(records[-1]['handshake'], 'ok')
        client.close()

    def test_paths_match_case_insensitively(self):
        for path in ('/v1/order/placeorder', '/v1/order/placeOrder', '/v1/ORDER/PLACEORDER',
                     '/V1/Order/PlaceOrder/'):
            answer = self.call('POST', path, {'accountId': 1001, 'action': 'Buy',
                                              'symbol': 'MESZ6', 'orderQty': 1,
                                              'orderType': 'Market'})
            self.assertIn('orderId', answer)
        self.assertEqual(len(self.get('/ORDERVERSION/LIST')), 4)
        self.assertEqual(self.counters()['requests']['/order/placeorder'], 4)

    def test_unknown_paths_are_404(self):
        for path in ('/v1/order/nosuchthing', '/v1/nosuchentity/list', '/v2/order/list', '/'):
            status, _ = self.client.json('GET', path, token=self.token)
            self.assertEqual(status, 404, path)
        self.admin('GET', '/sim/nosuch', expect=404)
        self.admin('GET', '/sim/reset', expect=405)

    def test_malformed_and_invalid_bodies_are_400(self):
        status, answer = self.client.json('POST', '/v1/order/placeorder', b'{"accountId":',
                                          self.token)
        self.assertEqual(status, 400)
        self.assertIn('Malformed JSON', answer['errorText'])
        for body in ({'accountId': 1001, 'symbol': 'ESZ6', 'orderQty': 1,
                      'orderType': 'Market'},  # no action
                     {'accountId': 1001, 'action': 'Hold', 'symbol': 'ESZ6', 'orderQty': 1,
                      'orderType': 'Market'},  # not an Action
                     {'accountId': '1001', 'action': 'Buy', 'symbol': 'ESZ6', 'orderQty': 1,
                      'orderType': 'Market'},  # id as a string
                     [1, 2]):
            status, answer = self.client.json('POST', '/v1/order/placeorder', body, self.token)
            self.assertEqual(status, 400, body)
            self.assertTrue(answer['errorText'])
        self.assertEqual(self.counters()['mutations']['applied'], 0)

    def test_chunked_request_bodies_are_accepted(self):
        body = json.dumps({'accountId': 1001, 'action': 'Buy', 'symbol': 'ESZ6',
                           'orderQty': 1, 'orderType': 'Market'}).encode()
        chunked = b''.join(b'%x\r\n%s\r\n' % (len(body[i:i + 7]), body[i:i + 7])
                           for i in range(0, len(body), 7)) + b'0\r\n\r\n'
        request = ('POST /v1/order/placeorder HTTP/1.1\r\nHost: localhost\r\n'
                   'Authorization: Bearer %s\r\nTransfer-Encoding: chunked\r\n'
                   'Connection: close\r\n\r\n' % self.token).encode() + chunked
        data, _, end = simtest.raw_exchange(self.sim.port, request)
        status, headers, payload = simtest.split_response(data)
        self.assertEqual(status, 200)
        self.assertIn('orderId', json.loads(payload))
        self.assertEqual(headers['connection'], 'close')
        self.assertEqual(end, 'eof')

    def test_idle_connections_are_closed(self):
        self.admin('POST', '/sim/config', {'idle_timeout': 0.2})
        request = simtest.http_request('GET', '/v1/auth/timestamp')
        data, _, end = simtest.raw_exchange(self.sim.port, request, timeout=10)
        self.assertTrue(data.startswith(b'HTTP/1.1 200 OK'))
        self.assertEqual(end, 'eof')

    def test_logs_carry_no_secrets(self):
        login = self.login()
        self.get('/auth/me', token=login['accessToken'])
        self.call('POST', '/v1/auth/accesstokenrequest',
                  dict(DEMO, password='wrong-password-xyz'))
        time.sleep(0.1)  # let the log drain thread catch up
        log = self.sim.output()
        for secret in (login['accessToken'], self.token, 'demo-password', 'demo-secret',
                       'wrong-password-xyz'):
            self.assertNotIn(secret, log)
        self.assertIn('POST /v1/auth/accesstokenrequest 200', log)
        recorded = json.dumps(self.admin('GET', '/sim/connections'))
        for secret in (login['accessToken'], 'demo-password', 'demo-secret'):
            self.assertNotIn(secret, recorded)

    def test_timestamp_needs_no_auth_and_userinfo_does(self):
        answer = self.call('GET', '/v1/auth/timestamp', token='')
        self.assertShape(answer, 'Timestamp')
        status, _ = self.client.json('GET', '/v1/auth/userinfo')
        self.assertEqual(status, 401)
        info = self.get('/auth/userinfo')
        self.assertShape(info, 'UserInfo')
        self.assertEqual(info['sub'], '101')
        self.assertEqual(info['preferred_username'], 'demo')
        self.assertTrue(re.match(r'[^@]+@[^@]+$', info['email']))


if __name__ == '__main__':
    unittest.main()
