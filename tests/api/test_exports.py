"""The library exports only tv_ names, so it links into any program.

A static library's global symbols share one namespace with the program that
links it: a helper named `parse_decimal` or `hex` would collide with the
application's own. Everything of ours is `static` or starts with `tv_`; the
only exceptions are the hooks mbedTLS itself calls by name (its platform
configuration points them at us), listed below with the reason.
"""
import os
import re
import subprocess
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LIB = os.path.join(ROOT, 'build', 'libtradovate.a')

# Names mbedTLS's configuration makes it call; they cannot carry our prefix.
MBEDTLS_HOOKS = {
    'mbedtls_ms_time',                  # MBEDTLS_PLATFORM_MS_TIME_ALT: our monotonic clock
    'mbedtls_platform_gmtime_r',        # MBEDTLS_PLATFORM_GMTIME_R_ALT: no libc time functions
    'mbedtls_psa_external_get_random',  # MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG: the port's entropy
}


def defined_globals(archive):
    """{object file: [global names it defines]} from nm."""
    out = subprocess.run(['nm', '-g', '--defined-only', archive], capture_output=True, text=True,
                         check=True).stdout
    result, member = {}, None
    for line in out.splitlines():
        m = re.match(r'^(.*\.o):$', line)
        if m:
            member = m.group(1)
            result.setdefault(member, [])
            continue
        parts = line.split()
        if len(parts) == 3 and member is not None:
            result[member].append(parts[2])
    return result


class ExportsTest(unittest.TestCase):
    def test_only_tv_names(self):
        self.assertTrue(os.path.exists(LIB), 'build the library first (make)')
        symbols = defined_globals(LIB)
        self.assertGreater(sum(len(v) for v in symbols.values()), 100, 'nm saw too few symbols')
        stray = ['%s: %s' % (obj, name) for obj, names in sorted(symbols.items())
                 for name in names if not name.startswith('tv_') and name not in MBEDTLS_HOOKS]
        self.assertEqual(stray, [], 'global symbols without the tv_ prefix')

    def test_hooks_are_ours_to_define(self):
        # If mbedTLS stops calling a hook, drop it from the list (and the code).
        names = {n for v in defined_globals(LIB).values() for n in v}
        self.assertEqual(MBEDTLS_HOOKS - names, set())

    def test_the_check_can_fail(self):
        # nm's output format is what the check depends on: a known non-tv_
        # name in a throwaway archive must be reported.
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, 'x.c')
            with open(src, 'w') as f:
                f.write('int parse_decimal(void) { return 1; }\nint tv_ok(void) { return 0; }\n')
            obj, lib = os.path.join(tmp, 'x.o'), os.path.join(tmp, 'libx.a')
            subprocess.run(['cc', '-c', src, '-o', obj], check=True)
            subprocess.run(['ar', 'rcs', lib, obj], check=True)
            self.assertEqual(defined_globals(lib), {'x.o': ['parse_decimal', 'tv_ok']})


if __name__ == '__main__':
    unittest.main()
