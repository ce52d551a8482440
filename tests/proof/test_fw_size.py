"""fw_size.py's attribution of a GNU ld map, on a map excerpt with ld's quirks.

The figures in the README's footprint table come from it: a section counted
twice, or a merged-string blob charged to the wrong archive, would move
kilobytes between our library and mbedTLS without anyone noticing.
"""
import importlib.util
import os
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEC = importlib.util.spec_from_file_location(
    'fw_size', os.path.join(ROOT, 'port', 'baremetal', 'fw_size.py'))
fw_size = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(fw_size)

# Shapes copied from a real map of the firmware image (addresses shortened).
# ld lists the first merged-string input of http_request.o with 0x12bb bytes,
# the size of tv_tables.o's strings, though the next inputs start at the same
# address and a plain .rodata of mbedTLS follows 0x100 bytes further on.
MAP = """\
Archive member included to satisfy reference by file (symbol)

Linker script and memory map

.text           0x00001000      0x400
 .text.tv_a     0x00001000       0x40 build/firmware/libtradovate.a(http_request.o)
 .text.mbed_b   0x00001040       0x80 build/firmware/mbedtls/libmbedcrypto.a(bignum.o)
 *fill*         0x000010c0        0x4
 .rodata.str1.1
                0x000010c4      0x100 build/firmware/libtradovate.a(tv_tables.o)
                                0x120 (size before relaxing)
 .rodata.req_begin.str1.1
                0x000011c4      0x100 build/firmware/libtradovate.a(http_request.o)
                                  0x3 (size before relaxing)
 .rodata.query_name.str1.1
                0x000011c4        0x6 build/firmware/libtradovate.a(http_request.o)
 .rodata.req_host.str1.1
                0x000011ca       0x36 build/firmware/libtradovate.a(http_request.o)
 .rodata        0x00001200      0x200 build/firmware/mbedtls/libmbedtls.a(ssl_tls.o)

.data           0x20000000        0x8
 .data.x        0x20000000        0x8 build/firmware/mbedtls/libmbedcrypto.a(ctr_drbg.o)

.bss            0x20000008       0x10
 .bss.y         0x20000008       0x10 build/firmware/libtradovate.a(tv_client.o)

.debug_info     0x00000000     0x1000
 .debug_info    0x00000000     0x1000 build/firmware/libtradovate.a(http_request.o)
"""


class FwSizeTest(unittest.TestCase):
    def parse(self):
        with tempfile.NamedTemporaryFile('w', suffix='.map', delete=False) as f:
            f.write(MAP)
        try:
            return fw_size.parse(f.name)
        finally:
            os.unlink(f.name)

    def test_every_byte_once_and_to_its_owner(self):
        totals, modules, _ = self.parse()
        self.assertEqual(totals['ours'], {'text': 0x40 + 0x100 + 0x6 + 0x36, 'data': 0,
                                          'bss': 0x10})
        self.assertEqual(totals['mbedcrypto'], {'text': 0x80, 'data': 8, 'bss': 0})
        # mbedTLS's .rodata is not swallowed by the mislisted blob before it
        self.assertEqual(totals['mbedtls']['text'], 0x200)
        self.assertEqual(totals['other']['text'], 4)
        self.assertEqual(sum(t['text'] for t in totals.values()), 0x400)
        self.assertEqual(modules['http_request']['text'], 0x40 + 0x6 + 0x36)
        self.assertEqual(modules['tv_tables']['text'], 0x100)


if __name__ == '__main__':
    unittest.main()
