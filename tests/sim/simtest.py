"""Test support: the simulator as a subprocess, started by its documented command, and
clients that talk to it over TLS trusting the generated test CA.

Each test class starts its own simulator (setUpClass) and stops it with SIGTERM
(tearDownClass), asserting a clean, prompt exit.  Each test starts from /sim/reset.
"""

import http.client
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import unittest

from . import sim_schemas

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SCRIPT = os.path.join(HERE, 'tradovate_sim.py')
CERT_DIR = os.path.join(REPO, 'build', 'sim-certs')
CA = os.path.join(CERT_DIR, 'ca.pem')
START_TIMEOUT = 30.0  # generous: the very first start also generates the certificates
STOP_TIMEOUT = 10.0

DEMO = {'name': 'demo', 'password': 'demo-password', 'appId': 'libtradovate',
        'appVersion': '0.1', 'cid': 1, 'sec': 'demo-secret', 'deviceId': 'simtest'}
SECOND = dict(DEMO, name='second', password='second-password', cid=2, sec='second-secret')
ES, MES, NQ, CL, ZN = 4001001, 4001002, 4001003, 4001005, 4001006
ACCOUNT, ACCOUNT2, OTHER_USERS_ACCOUNT = 1001, 1002, 1003


class SimProcess:
    """`python3 tests/sim/tradovate_sim.py --port 0 ...`; stdout is drained into `lines`."""

    def __init__(self, *args, cert_dir=CERT_DIR):
        self.cert_dir = cert_dir
        self.ca = os.path.join(cert_dir, 'ca.pem')
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, SCRIPT, '--port', '0', '--cert-dir', cert_dir] + list(args),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
        self.lines = []
        self.errors = []
        first = threading.Event()

        def drain(stream, into, signal_first):
            for raw in stream:
                into.append(raw.decode('utf-8', 'replace').rstrip('\n'))
                if signal_first:
                    first.set()
            first.set()

        self.drains = [
            threading.Thread(target=drain, args=(self.proc.stdout, self.lines, True),
                             daemon=True),
            threading.Thread(target=drain, args=(self.proc.stderr, self.errors, False),
                             daemon=True)]
        for t in self.drains:
            t.start()
        if not first.wait(START_TIMEOUT) or not self.lines:
            self.proc.kill()
            raise RuntimeError('simulator did not start: %s' % '\n'.join(self.errors))
        self.ready_after = time.monotonic() - self.started
        self.first_line = self.lines[0]
        self.port = int(self.first_line)

    def stop(self):
        """SIGTERM; returns the exit status (None if it did not exit in time: then killed)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            status = self.proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            status = None
        for t in self.drains:
            t.join(STOP_TIMEOUT)
        self.proc.stdout.close()
        self.proc.stderr.close()
        return status

    def output(self):
        return '\n'.join(self.lines + self.errors)


def client_context(ca=CA):
    return ssl.create_default_context(cafile=ca)


class Client:
    """One kept-alive HTTPS connection (reopened when the server closed it)."""

    def __init__(self, port, host='localhost', ca=CA, plain=False, timeout=10.0):
        self.port, self.host, self.plain, self.timeout = port, host, plain, timeout
        self.context = None if plain else client_context(ca)
        self.conn = None
        self.connects = 0

    def _connect(self):
        if self.plain:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        else:
            self.conn = http.client.HTTPSConnection(self.host, self.port, timeout=self.timeout,
                                                    context=self.context)
        self.connects += 1

    def request(self, method, path, body=None, token=None, headers=None):
        """(status, headers, body bytes)."""
        h = {'Accept': 'application/json'}
        if body is not None:
            h['Content-Type'] = 'application/json'
            if not isinstance(body, (bytes, str)):
                body = json.dumps(body)
        if token:
            h['Authorization'] = 'Bearer ' + token
        h.update(headers or {})
        for attempt in (0, 1):
            if self.conn is None:
                self._connect()
            try:
                self.conn.request(method, path, body=body, headers=h)
                resp = self.conn.getresponse()
                data = resp.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # Only a kept-alive connection the server already closed is retried.
                self.close()
                if attempt:
                    raise
                continue
            if resp.will_close:
                self.close()
            return resp.status, resp, data
        raise AssertionError('unreachable')

    def json(self, method, path, body=None, token=None, headers=None):
        status, _, data = self.request(method, path, body, token, headers)
        return status, (json.loads(data) if data else None)

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def raw_exchange(port, request, timeout=5.0, plain=False, host='localhost', ca=CA,
                 read_for=None):
    """Sends raw request bytes on a fresh connection; reads until EOF, reset or timeout.

    Returns (data, reads, end): every recv() result in order, and how the read ended:
    'eof' (an orderly close: FIN, and over TLS a close_notify first), 'abort' (a reset, or
    over TLS an EOF without close_notify) or 'timeout'.  read_for: give up after this many
    seconds without an end.
    """
    sock = socket.create_connection(('127.0.0.1', port), timeout=timeout)
    if not plain:
        sock = client_context(ca).wrap_socket(sock, server_hostname=host,
                                              suppress_ragged_eofs=False)
    reads = []
    end = 'timeout'
    deadline = time.monotonic() + (read_for or timeout)
    try:
        sock.sendall(request)
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except socket.timeout:
                break
            except (ConnectionResetError, ssl.SSLEOFError):
                end = 'abort'
                break
            if not chunk:
                end = 'eof'
                break
            reads.append(chunk)
    finally:
        sock.close()
    return b''.join(reads), reads, end


def http_request(method, path, body=b'', token=None, extra=''):
    """A raw HTTP/1.1 request as bytes."""
    if not isinstance(body, bytes):
        body = json.dumps(body).encode()
    lines = ['%s %s HTTP/1.1' % (method, path), 'Host: localhost',
             'Content-Type: application/json', 'Content-Length: %d' % len(body)]
    if token:
        lines.append('Authorization: Bearer ' + token)
    return ('\r\n'.join(lines) + '\r\n' + extra + '\r\n').encode() + body


def split_response(data):
    """(status, headers dict lower-case, body) of raw response bytes."""
    head, _, body = data.partition(b'\r\n\r\n')
    lines = head.decode('latin-1').split('\r\n')
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(':')
        headers[k.strip().lower()] = v.strip()
    return status, headers, body


class SimTestCase(unittest.TestCase):
    """A simulator per class; each test starts from a reset with a logged-in demo user."""

    sim_args = ()
    login_user = DEMO

    @classmethod
    def setUpClass(cls):
        cls.sim = SimProcess(*cls.sim_args)
        cls.client = Client(cls.sim.port)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        status = cls.sim.stop()
        if status != 0:
            raise AssertionError('simulator exited with %r after SIGTERM:\n%s'
                                 % (status, cls.sim.output()[-2000:]))

    def setUp(self):
        self.admin('POST', '/sim/reset')
        self.token = self.login(self.login_user)['accessToken'] if self.login_user else None

    # -- helpers --------------------------------------------------------------

    def admin(self, method, path, body=None, expect=200):
        status, answer = self.client.json(method, path, body if body is not None else (
            {} if method == 'POST' else None))
        self.assertEqual(status, expect, answer)
        return answer

    def login(self, user=DEMO):
        status, answer = self.client.json('POST', '/v1/auth/accesstokenrequest', user)
        self.assertEqual(status, 200)
        self.assertIn('accessToken', answer, answer)
        return answer

    def call(self, method, path, body=None, token=None, expect=200):
        status, answer = self.client.json(method, path, body, token or self.token)
        self.assertEqual(status, expect, '%s %s -> %s %r' % (method, path, status, answer))
        return answer

    def get(self, path, expect=200, token=None):
        return self.call('GET', '/v1' + path, None, token, expect)

    def post(self, path, body, expect=200, token=None):
        return self.call('POST', '/v1' + path, body, token, expect)

    def place(self, expect_ok=True, **fields):
        body = {'accountId': ACCOUNT, 'action': 'Buy', 'symbol': 'ESZ6', 'orderQty': 1,
                'orderType': 'Market', 'isAutomated': True}
        body.update(fields)
        answer = self.post('/order/placeorder', body)
        self.assertShape(answer, 'PlaceOrderResult')
        if expect_ok:
            self.assertIn('orderId', answer, answer)
            self.assertNotIn('failureReason', answer)
        return answer

    def price(self, symbol, price):
        return self.admin('POST', '/sim/price', {'symbol': symbol, 'price': price})

    def order(self, oid):
        return self.get('/order/item?id=%d' % oid)

    def counters(self):
        return self.admin('GET', '/sim/counters')

    def assertShape(self, value, schema):
        """`value` has exactly the reference's fields for `schema`, with their types."""
        if schema.startswith('array<'):
            problems = sim_schemas.problems(value, schema)
        else:
            problems = sim_schemas.object_problems(value, schema)
        self.assertEqual(problems, [], '%s: %r' % (schema, value))

    def assertFailure(self, answer, reason, schema):
        self.assertShape(answer, schema)
        key = 'rejectReason' if schema == 'DryRunResponse' else 'failureReason'
        self.assertEqual(answer.get(key), reason, answer)
        text = answer.get('failureText') or answer.get('errorText')
        self.assertTrue(text, answer)
        return text
