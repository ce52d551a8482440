"""`make install` gives a usable library: the README's example builds against the installed
headers and archives through pkg-config, as C (gcc, clang) and as C++ (g++: the headers are
extern "C" and C++-clean), and runs against the simulator."""
import os
import shutil
import signal
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CERTS = os.path.join(ROOT, 'build', 'sim-certs')


class InstallTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix='tv-install-')
        subprocess.run(['make', '--no-print-directory', 'install', 'PREFIX=/opt/tradovate',
                        'DESTDIR=' + cls.tmp], cwd=ROOT, check=True, capture_output=True)
        cls.prefix = cls.tmp + '/opt/tradovate'
        cls.sim = subprocess.Popen(['python3', 'tests/sim/tradovate_sim.py', '--port', '0',
                                    '--quiet', '--cert-dir', CERTS], cwd=ROOT,
                                   stdout=subprocess.PIPE)
        cls.port = int(cls.sim.stdout.readline())

    @classmethod
    def tearDownClass(cls):
        cls.sim.send_signal(signal.SIGTERM)
        cls.sim.wait(10)
        cls.sim.stdout.close()
        shutil.rmtree(cls.tmp)

    def flags(self):
        env = dict(os.environ, PKG_CONFIG_PATH=self.prefix + '/lib/pkgconfig',
                   PKG_CONFIG_SYSROOT_DIR=self.tmp)
        out = subprocess.run(['pkg-config', '--cflags', '--libs', 'tradovate'], env=env,
                             check=True, capture_output=True, text=True).stdout
        return out.split()

    def build_and_run(self, compiler, lang):
        exe = os.path.join(self.tmp, 'example-' + compiler)
        cmd = [compiler] + (['-x', 'c++'] if lang == 'c++' else ['-std=c11']) + [
            '-Wall', '-Wextra', '-Werror', os.path.join(ROOT, 'tests/example/place_order.c')]
        if lang == 'c++':
            cmd += ['-x', 'none']
        cmd += self.flags() + ['-o', exe]
        p = subprocess.run(cmd, capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        env = dict(os.environ, TRADOVATE_USER='demo', TRADOVATE_PASSWORD='demo-password')
        p = subprocess.run([exe, 'https://127.0.0.1:%d/v1' % self.port,
                            os.path.join(CERTS, 'ca.pem')], env=env, capture_output=True,
                           text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn('placed order 4', p.stdout)
        self.assertRegex(p.stdout, r'\d+ orders \(TV_OK\)')

    def test_c_gcc(self):
        self.build_and_run('gcc', 'c')

    def test_c_clang(self):
        self.build_and_run('clang', 'c')

    def test_cxx(self):
        self.build_and_run('g++', 'c++')

    def test_layout(self):
        for rel in ('lib/libtradovate.a', 'lib/tradovate/libmbedcrypto.a', 'bin/tradovate',
                    'include/tradovate/tradovate.h', 'include/tradovate/mbedtls/mbedtls/ssl.h',
                    'include/tradovate/mbedtls/tv_mbedtls_config.h',
                    'lib/pkgconfig/tradovate.pc'):
            self.assertTrue(os.path.exists(os.path.join(self.prefix, rel)), rel)


if __name__ == '__main__':
    unittest.main()
