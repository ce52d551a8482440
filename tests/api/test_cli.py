"""The `tradovate` CLI against the simulator: the demo session, exit codes per
error class, JSON lines, and no secret ever printed."""
import json
import os
import signal
import subprocess
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.path.join(ROOT, 'build', 'tradovate')
CERTS = os.path.join(ROOT, 'build', 'sim-certs')
SECRETS = ('demo-password', 'demo-secret')

ENV = dict(os.environ, TRADOVATE_USER='demo', TRADOVATE_PASSWORD='demo-password',
           TRADOVATE_APP_ID='libtradovate', TRADOVATE_APP_VERSION='0.1', TRADOVATE_CID='1',
           TRADOVATE_SEC='demo-secret', TRADOVATE_DEVICE_ID='cli-test')
ENV.pop('TRADOVATE_TOKEN_CACHE', None)


class CliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = subprocess.Popen(
            ['python3', 'tests/sim/tradovate_sim.py', '--port', '0', '--quiet',
             '--cert-dir', CERTS], cwd=ROOT, stdout=subprocess.PIPE)
        cls.port = int(cls.sim.stdout.readline())

    @classmethod
    def tearDownClass(cls):
        cls.sim.send_signal(signal.SIGTERM)
        cls.sim.wait(10)
        cls.sim.stdout.close()

    def cli(self, *args, env=ENV, base=None):
        base = base or 'https://127.0.0.1:%d/v1' % self.port
        p = subprocess.run([CLI, '--base-url', base, '--ca', os.path.join(CERTS, 'ca.pem')]
                           + list(args), cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=60)
        for secret in SECRETS:
            self.assertNotIn(secret, p.stdout + p.stderr)
        return p

    def test_demo_session_runs_clean(self):
        p = subprocess.run(['bash', 'tests/demo.sh'], cwd=ROOT, capture_output=True, text=True,
                           timeout=300)
        self.assertEqual(p.returncode, 0, p.stdout[-2000:] + p.stderr[-2000:])
        for step in ('tradovate place', 'tradovate oso', 'tradovate strategy start',
                     'tradovate strategy interrupt', 'tradovate fill-fee ldeps',
                     'tradovate command-report ldeps', 'tradovate liquidate'):
            self.assertIn(step, p.stdout)
        for secret in SECRETS:
            self.assertNotIn(secret, p.stdout + p.stderr)

    def test_place_then_read_back_as_json(self):
        p = self.cli('--json', 'place', '--accountId', '1001', '--symbol', 'ESZ6', '--action',
                     'Buy', '--qty', '1', '--type', 'Market')
        self.assertEqual(p.returncode, 0, p.stderr)
        order_id = json.loads(p.stdout.splitlines()[0])['orderId']
        p = self.cli('--json', 'order', 'item', str(order_id))
        self.assertEqual(p.returncode, 0, p.stderr)
        order = json.loads(p.stdout)
        self.assertEqual((order['id'], order['ordStatus'], order['action']),
                         (order_id, 'Filled', 'Buy'))
        p = self.cli('--json', 'fill', 'deps', str(order_id))
        fills = [json.loads(line) for line in p.stdout.splitlines()]
        self.assertEqual([f['price'] for f in fills], [6000.25])

    def test_help_needs_no_client(self):
        # A command's help is printed before any CA store is read or client set up.
        for cmd in (['place', '--help'], ['order', '-h'], ['strategy', 'start', '--help']):
            p = subprocess.run([CLI, '--ca', '/nonexistent/ca.pem'] + cmd, cwd=ROOT, env=ENV,
                               capture_output=True, text=True, timeout=30)
            self.assertEqual(p.returncode, 0, (cmd, p.stderr))
            self.assertIn('usage: tradovate', p.stdout)

    def test_system_ca_store_by_default(self):
        # Without --ca the CLI trusts the system store (30 of Debian's roots are
        # SHA-1-signed; they once made the whole store fail to load). The simulator's
        # test CA is not in it, so the call fails at verification, not at set-up.
        p = subprocess.run([CLI, '--base-url', 'https://127.0.0.1:%d/v1' % self.port,
                            'timestamp'], cwd=ROOT, env=ENV, capture_output=True, text=True,
                           timeout=30)
        self.assertNotIn('cannot set up the client', p.stderr)
        self.assertIn('TV_ERR_TLS_CERT_UNTRUSTED', p.stderr)

    def test_ipv6_base_url(self):
        # A simulator on ::1: the address reaches connect() bare, the Host header in
        # brackets, and the certificate is verified against its IP:::1 name.
        def run(profile):
            sim = subprocess.Popen(
                ['python3', 'tests/sim/tradovate_sim.py', '--host', '::1', '--port', '0',
                 '--cert-dir', CERTS, '--cert-profile', profile], cwd=ROOT,
                stdout=subprocess.PIPE, text=True)
            try:
                port = int(sim.stdout.readline())
                p = self.cli('accounts', base='https://[::1]:%d/v1' % port)
            finally:
                sim.send_signal(signal.SIGTERM)
                out = sim.communicate(timeout=10)[0]
            return p, out

        p, out = run('good')
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn('1001', p.stdout)
        self.assertIn('::1 POST /v1/auth/accesstokenrequest 200', out)
        self.assertIn('::1 GET /v1/account/list 200', out)
        # a certificate that does not name ::1 is refused, before any request
        p, out = run('wrong-host')
        self.assertNotEqual(p.returncode, 0)
        self.assertIn('TV_ERR_TLS_HOSTNAME', p.stderr)
        self.assertNotIn('/v1/', out)

    def test_exit_codes_per_error_class(self):
        self.assertEqual(self.cli('nonsense').returncode, 1)
        self.assertEqual(self.cli('place', '--qty').returncode, 1)
        self.assertEqual(self.cli('place', '--bogusField', '1').returncode, 1)
        # refused by the service (unknown contract): business failure, 7
        p = self.cli('place', '--accountId', '1001', '--symbol', 'NOPE9', '--action', 'Buy',
                     '--qty', '1', '--type', 'Market')
        self.assertEqual(p.returncode, 7, p.stderr)
        self.assertIn('InvalidContract', p.stderr)
        # unknown id: HTTP 404, 6
        self.assertEqual(self.cli('order', 'item', '12345').returncode, 6)
        # wrong password: business failure on login
        env = dict(ENV, TRADOVATE_PASSWORD='wrong')
        p = self.cli('me', env=env)
        self.assertEqual(p.returncode, 7, p.stderr)
        self.assertNotIn('wrong', p.stdout)
        # nothing listening: transient, 2
        self.assertEqual(self.cli('me', base='https://127.0.0.1:1/v1').returncode, 2)
        # plaintext refused: security, 4
        self.assertEqual(self.cli('me', base='http://127.0.0.1:%d/v1' % self.port).returncode, 4)

    def test_help_for_every_command(self):
        for cmd in (['place'], ['modify'], ['cancel'], ['oco'], ['oso'], ['liquidate'],
                    ['liquidate-all'], ['dry-run'], ['strategy', 'start'],
                    ['strategy', 'interrupt'], ['order'], ['fill-fee'], ['auth'], ['me'],
                    ['timestamp'], ['userinfo'], ['reconcile']):
            p = self.cli(*cmd, '--help')
            self.assertEqual(p.returncode, 0, (cmd, p.stderr))
            self.assertIn('usage: tradovate', p.stdout)
        p = subprocess.run([CLI, '--help'], capture_output=True, text=True)
        self.assertIn('exit codes', p.stdout)


if __name__ == '__main__':
    unittest.main()
